import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { SubjectDetail } from '@/api/contract/consent';
import { revealEmail } from '@/api/contract/consent';
import { TextField } from '@/components/ui/fields';
import { FormErrors } from '@/components/ui/form-errors';
import { useContractForm } from '@/lib/contract-form';
import { fieldLabels } from '@/lib/field-errors';
import { Alert } from '@/components/ui/alert';
import { ActionButton } from '@/components/ui/action-button';
import { linkClass } from '@/components/ui/classes';
import { DefinitionList } from '@/components/ui/definition-list';
import { PageHeader } from '@/components/ui/page-header';
import { Section } from '@/components/ui/section';
import { EmptyState, QueryState } from '@/components/ui/states';
import { isApiError } from '@/lib/api-client';
import { can } from '@/lib/can';
import { maskEmail } from '@/lib/format';
import { useSession } from '@/lib/session';
import type { Offer } from '@/lib/actions';
import { useOffers } from '@/lib/actions';
import { useRevealEmail } from '@/features/consents/api/consent-mutations';
import { consentQueries } from '@/features/consents/api/consent-queries';
import { EmailExportLink } from '@/components/ui/email-export-link';
import { RecordConsentForm } from '@/features/consents/components/record-consent-form';
import { ConsentTimeline, NoticeTexts, StatesTable } from '@/features/consents/components/subject-sections';

const revealLabels = fieldLabels({ reason: 'Reason for revealing', ticketRef: 'Ticket reference' });

/**
 * The masked address, and for a role that may reveal it a deliberate, audited reveal: with a reason, and for a
 * support agent the ticket it is for; each user has an hourly budget of reveals (the API answers 429 past it).
 */
function EmailValue({ subject, reveal: offer }: { subject: SubjectDetail['subject']; reveal: Offer | null }) {
  const reveal = useRevealEmail(subject.id);
  const form = useContractForm({
    schema: revealEmail,
    defaultValues: { reason: '', ticketRef: '' },
    onSubmit: async ({ reason, ticketRef }) => {
      await reveal.mutateAsync({ reason, ...(ticketRef ? { ticketRef } : {}) });
    },
  });
  const { register, summary } = form;
  if (!subject.email) return <>—</>;
  if (reveal.data) return <span className="font-medium">{reveal.data.email ?? '—'}</span>;
  return (
    <div className="space-y-2">
      <span>{maskEmail(subject.email)}</span>
      {offer ? (
        <form onSubmit={(event) => void form.submit(event)} noValidate aria-label="Reveal the email address" className="space-y-2">
          <FormErrors {...summary} labelOf={revealLabels} subject="The reveal" />
          <TextField label="Reason for revealing" error={summary.errors.reason} {...register('reason')} />
          <TextField
            label="Ticket reference"
            hint="Required for support agents: the ticket the address is needed for."
            error={summary.errors.ticketRef}
            {...register('ticketRef')}
          />
          <ActionButton type="submit" refusal={offer.refusal} disabled={reveal.isPending}>
            {reveal.isPending ? 'Revealing…' : 'Reveal email'}
          </ActionButton>
          <p className="text-xs text-gray-600">Each reveal is recorded in the audit log under your name, with its reason.</p>
          {reveal.isError && !isApiError(reveal.error) ? <Alert>Could not reveal the address. Try again.</Alert> : null}
        </form>
      ) : null}
    </div>
  );
}

function SubjectView({ detail }: { detail: SubjectDetail }) {
  const { subject } = detail;
  const session = useSession();
  const offer = useOffers('subject', detail.actions);
  const exportProof = offer('exportProof');
  const recordConsent = offer('recordConsent');
  return (
    <div className="space-y-8">
      <DefinitionList
        items={[
          { term: 'Kind', value: subject.kind === 'person' ? 'Person at a customer account' : 'Website visitor' },
          { term: 'Name', value: subject.name ?? '—' },
          { term: 'Email', value: <EmailValue key={subject.id} subject={subject} reveal={offer('revealEmail')} /> },
          {
            term: 'Account',
            value: subject.accountId ? (
              <Link to={`/accounts/${subject.accountId}`} className={linkClass}>
                {subject.accountId}
              </Link>
            ) : (
              '—'
            ),
          },
        ]}
      />
      {exportProof ? (
        <div className="flex flex-wrap items-center gap-3">
          {exportProof.refusal === null ? (
            <EmailExportLink
              href={`/api/subjects/${encodeURIComponent(subject.id)}/proof.json`}
              filename={`consent-proof-${subject.id}.json`}
              what="the proof of consent (JSON)"
              canClear={can(session, 'exports.clear_emails')}
            >
              Download proof of consent (JSON)
            </EmailExportLink>
          ) : (
            <ActionButton refusal={exportProof.refusal}>Download proof of consent (JSON)</ActionButton>
          )}
          <p className="text-sm text-gray-600">
            Every event, the notices as shown and the evidence; the download is recorded in the audit log.
          </p>
        </div>
      ) : null}
      <Section id="states-heading" title="Current consent">
        <StatesTable states={detail.states} />
      </Section>
      {recordConsent ? (
        recordConsent.refusal === null ? (
          <RecordConsentForm subjectId={subject.id} />
        ) : (
          <ActionButton refusal={recordConsent.refusal}>Record a grant or withdrawal</ActionButton>
        )
      ) : null}
      <Section id="history-heading" title="History">
        {detail.events.length === 0 ? (
          <EmptyState title="No consent events recorded" />
        ) : (
          <ConsentTimeline events={detail.events} notices={detail.notices} receipts={can(session, 'consent.read')} />
        )}
      </Section>
      {detail.notices.length > 0 ? (
        <Section id="notices-heading" title="Notices this person was shown">
          <NoticeTexts notices={detail.notices} />
        </Section>
      ) : null}
    </div>
  );
}

export function Component() {
  const { id = '' } = useParams();
  const query = useQuery(consentQueries.subject(id));
  const title = query.data ? (query.data.subject.name ?? `Visitor ${query.data.subject.id}`) : 'Data subject';
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/consents" className={linkClass}>
          ← Consent records
        </Link>
      </p>
      <PageHeader title={title} description="One person's consent, purpose by purpose, and every event behind it." />
      <QueryState query={query} loading="Loading the person's consent…">
        {(data) => <SubjectView detail={data} />}
      </QueryState>
    </>
  );
}
