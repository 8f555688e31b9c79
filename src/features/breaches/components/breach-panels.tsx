import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { z } from 'zod';
import type { BreachNotification, BreachView, NotificationAudience } from '@/api/contract/breaches';
import {
  addBreachNotification,
  art34Exceptions,
  assessBreach,
  editBreachNotification,
  notificationAudiences,
  riskLevels,
  sendBreachNotification,
} from '@/api/contract/breaches';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/fields';
import { FormErrors } from '@/components/ui/form-errors';
import { TextAreaField } from '@/components/ui/text-area-field';
import { useContractForm } from '@/lib/contract-form';
import { fieldLabels } from '@/lib/field-errors';
import { formatDateTime, humanize } from '@/lib/format';
import { instantFromLocal } from '@/lib/local-input';
import { useBreachAction } from '@/features/breaches/api/breach-mutations';
import { breachQueries } from '@/features/breaches/api/breach-queries';

type PanelProps = { breach: BreachView; onReload: () => void };

const box = 'space-y-3 rounded-lg border border-gray-200 bg-white p-4 shadow-xs';
const audienceLabels: Record<NotificationAudience, string> = {
  authority: 'The supervisory authority',
  people: 'The people affected',
  customers: 'The affected customers',
};
const exceptionLabels = {
  data_unintelligible: 'Art. 34(3)(a): the data was unintelligible to others (encrypted)',
  risk_no_longer_likely: 'Art. 34(3)(b): measures since make the high risk no longer likely',
  disproportionate_effort: 'Art. 34(3)(c): telling each person is disproportionate (a public notice instead)',
} as const;

const reload = (form: { clearFailure: () => void }, onReload: () => void) => () => {
  form.clearFailure();
  onReload();
};

const assessLabels = { likelihood: 'Likelihood', severity: 'Severity', reasoning: 'Reasoning', exception: 'Art. 34(3) exception' };
const assessSchema = z
  .custom<{ likelihood: string; severity: string; reasoning: string; exception: string }>()
  .transform((v) => ({ ...v, exception: v.exception === '' ? null : v.exception }))
  .pipe(assessBreach);

/** Likelihood and severity with the reasoning: the API decides what the law requires from them. */
export function AssessmentForm({ breach, onReload }: PanelProps) {
  const mutation = useBreachAction(breach);
  const a = breach.assessment;
  const form = useContractForm({
    schema: assessSchema,
    defaultValues: {
      likelihood: a?.likelihood ?? 'medium',
      severity: a?.severity ?? 'medium',
      reasoning: a?.reasoning ?? '',
      exception: a?.exception ?? '',
    },
    onSubmit: (body) => mutation.mutateAsync({ action: 'assess', body }),
  });
  const levels = riskLevels.map((value) => ({ value, label: humanize(value) }));
  return (
    <form noValidate onSubmit={(e) => void form.submit(e)} aria-label="Risk assessment" className={box}>
      <h3 className="text-base font-semibold text-gray-900">{a ? 'Assess again' : 'Assess the risk'}</h3>
      <FormErrors {...form.summary} labelOf={fieldLabels(assessLabels)} onReload={reload(form, onReload)} subject="This breach" />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField {...form.register('likelihood')} label={assessLabels.likelihood} options={levels} />
        <SelectField {...form.register('severity')} label={assessLabels.severity} options={levels} />
      </div>
      <SelectField
        {...form.register('exception')}
        label={assessLabels.exception}
        emptyLabel="None applies"
        options={art34Exceptions.map((value) => ({ value, label: exceptionLabels[value] }))}
      />
      <TextAreaField
        {...form.register('reasoning')}
        label={assessLabels.reasoning}
        hint="Why: what data, who could misuse it, what it would mean for the people."
        error={form.summary.errors.reasoning}
      />
      <Button type="submit" variant="primary" disabled={mutation.isPending}>
        {mutation.isPending ? 'Saving…' : 'Record assessment'}
      </Button>
    </form>
  );
}

const draftLabels = { audience: 'Audience', recipient: 'Recipient', text: 'Text' };
const defaultRecipients: Record<NotificationAudience, string> = {
  authority: 'Supervisory authority',
  people: 'All affected people',
  customers: 'Affected customers (account owners)',
};

/** A new draft, pre-filled from the register for its audience; editable before it is saved. */
export function NewNotificationForm({ breach, onReload }: PanelProps) {
  const mutation = useBreachAction(breach);
  const drafts = useQuery(breachQueries.drafts(breach.id, breach.version));
  const first: NotificationAudience = breach.concerns === 'customer_content' ? 'customers' : 'authority';
  const form = useContractForm({
    schema: addBreachNotification,
    defaultValues: { audience: first, recipient: defaultRecipients[first], text: '' },
    onSubmit: (body) => mutation.mutateAsync({ action: 'draft', body }),
  });
  const audience = form.watch('audience');
  const { setValue } = form;
  useEffect(() => {
    if (!drafts.data) return;
    setValue('text', drafts.data[audience]);
    setValue('recipient', defaultRecipients[audience]);
  }, [audience, drafts.data, setValue]);
  return (
    <form noValidate onSubmit={(e) => void form.submit(e)} aria-label="New notification" className={box}>
      <h3 className="text-base font-semibold text-gray-900">New notification</h3>
      <FormErrors {...form.summary} labelOf={fieldLabels(draftLabels)} onReload={reload(form, onReload)} subject="This breach" />
      <SelectField
        {...form.register('audience')}
        label={draftLabels.audience}
        options={notificationAudiences.map((value) => ({ value, label: audienceLabels[value] }))}
      />
      <TextField {...form.register('recipient')} label={draftLabels.recipient} error={form.summary.errors.recipient} />
      <TextAreaField {...form.register('text')} label={draftLabels.text} rows={12} error={form.summary.errors.text} />
      <Button type="submit" disabled={mutation.isPending}>
        {mutation.isPending ? 'Saving…' : 'Save as draft'}
      </Button>
    </form>
  );
}

const sendLabels = { sentAt: 'Sent at (leave empty for now)', delayReasons: 'Reasons for the delay' };
const sendSchema = z
  .custom<{ notificationId: string; sentAt: string; delayReasons: string }>()
  .transform((v): { notificationId: string; sentAt?: string; delayReasons?: string } => ({
    notificationId: v.notificationId,
    ...(v.sentAt ? { sentAt: instantFromLocal(v.sentAt) } : {}),
    ...(v.delayReasons ? { delayReasons: v.delayReasons } : {}),
  }))
  .pipe(sendBreachNotification);

/** A draft: its text editable until it is recorded as sent, then kept as it went out. */
export function DraftNotification({ breach, notification, onReload }: PanelProps & { notification: BreachNotification }) {
  const edit = useBreachAction(breach);
  const sending = useBreachAction(breach);
  const editForm = useContractForm({
    schema: editBreachNotification,
    defaultValues: { notificationId: notification.id, recipient: notification.recipient, text: notification.text },
    draft: notification.id,
    onSubmit: (body) => edit.mutateAsync({ action: 'edit', body }),
  });
  const sendForm = useContractForm({
    schema: sendSchema,
    defaultValues: { notificationId: notification.id, sentAt: '', delayReasons: '' },
    draft: notification.id,
    onSubmit: (body) => sending.mutateAsync({ action: 'send', body }),
  });
  const name = audienceLabels[notification.audience].toLowerCase();
  return (
    <div className={box}>
      <h3 className="text-base font-semibold text-gray-900">Draft to {name}</h3>
      <form noValidate onSubmit={(e) => void editForm.submit(e)} aria-label={`Draft to ${name}`} className="space-y-3">
        <FormErrors {...editForm.summary} labelOf={fieldLabels(draftLabels)} onReload={reload(editForm, onReload)} subject="This breach" />
        <TextField {...editForm.register('recipient')} label={draftLabels.recipient} error={editForm.summary.errors.recipient} />
        <TextAreaField {...editForm.register('text')} label={draftLabels.text} rows={10} error={editForm.summary.errors.text} />
        <Button type="submit" disabled={edit.isPending}>
          Save draft
        </Button>
      </form>
      <form
        noValidate
        onSubmit={(e) => void sendForm.submit(e)}
        aria-label={`Record the notice to ${name} as sent`}
        className="space-y-3 border-t border-gray-200 pt-3"
      >
        <FormErrors {...sendForm.summary} labelOf={fieldLabels(sendLabels)} onReload={reload(sendForm, onReload)} subject="This breach" />
        <TextField
          {...sendForm.register('sentAt')}
          type="datetime-local"
          label={sendLabels.sentAt}
          error={sendForm.summary.errors.sentAt}
        />
        <TextAreaField
          {...sendForm.register('delayReasons')}
          label={sendLabels.delayReasons}
          hint="Required when a first notice goes out after its deadline (GDPR Art. 33(1))."
          error={sendForm.summary.errors.delayReasons}
        />
        <Button type="submit" variant="primary" disabled={sending.isPending}>
          {sending.isPending ? 'Recording…' : 'Record as sent'}
        </Button>
      </form>
    </div>
  );
}

/** A notification as sent: to whom, when, its phase and the text as it went out. */
export function SentNotification({ notification }: { notification: BreachNotification }) {
  return (
    <article aria-label={`Sent to ${audienceLabels[notification.audience].toLowerCase()}`} className={box}>
      <h3 className="text-base font-semibold text-gray-900">
        {audienceLabels[notification.audience]}
        {notification.phase && notification.phase > 1 ? `, phase ${notification.phase}` : ''}: sent{' '}
        {notification.sentAt ? <time dateTime={notification.sentAt}>{formatDateTime(notification.sentAt)}</time> : null}
      </h3>
      <p className="text-sm text-gray-700">
        To {notification.recipient}; recorded by {notification.recordedByName}.{notification.late ? ' Late: ' : ''}
        {notification.late ? notification.delayReasons : ''}
      </p>
      <details>
        <summary className="cursor-pointer text-sm text-gray-900">Text as sent</summary>
        <pre className="mt-2 text-sm whitespace-pre-wrap text-gray-900">{notification.text}</pre>
      </details>
    </article>
  );
}
