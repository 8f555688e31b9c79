import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useState } from 'react';
import type { MailPreferences, MailPreferencesView } from '@/api/contract/mail-preferences';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { CheckboxField } from '@/components/ui/fields';
import { Section } from '@/components/ui/section';
import { QueryState } from '@/components/ui/states';
import { callApi, isApiError } from '@/lib/api-client';
import { toasts } from '@/lib/toast';

export const mailPreferencesQuery = queryOptions({
  queryKey: ['me', 'mail-preferences'] as const,
  queryFn: ({ signal }) => callApi('getMailPreferences', { signal }),
});

function PreferencesForm({ current }: { current: MailPreferencesView }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<MailPreferences>({ digest: current.digest, accessAwaitingApproval: current.accessAwaitingApproval });
  const save = useMutation({
    mutationFn: (body: MailPreferences) => callApi('updateMailPreferences', { body, version: current.version }),
    meta: { errorHandling: 'local' },
    onSuccess: (saved) => {
      queryClient.setQueryData(mailPreferencesQuery.queryKey, saved);
      toasts.show('Your mail choices are saved.', 'success');
    },
  });
  const stale = isApiError(save.error, 412);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate(values);
  };
  return (
    <form aria-label="Mail you receive" onSubmit={submit} className="space-y-4">
      {save.error ? (
        <Alert>
          {stale
            ? 'Your choices were changed elsewhere (another tab or session) since this page loaded. Reload the page to see them, then choose again.'
            : isApiError(save.error)
              ? save.error.message
              : 'Saving failed. Please try again.'}
        </Alert>
      ) : null}
      <CheckboxField
        label="A daily digest of what needs me: deletions due within 7 days or overdue, requests awaiting approval, reviews and DPA expiries due, open breaches"
        checked={values.digest}
        onChange={(event) => setValues((v) => ({ ...v, digest: event.target.checked }))}
      />
      <CheckboxField
        label="An email at once when a support-access request waits for an officer's approval"
        checked={values.accessAwaitingApproval}
        onChange={(event) => setValues((v) => ({ ...v, accessAwaitingApproval: event.target.checked }))}
      />
      <Button type="submit" variant="primary" disabled={save.isPending}>
        {save.isPending ? 'Saving…' : 'Save mail choices'}
      </Button>
    </form>
  );
}

/** One's own choice of the mail the console sends (issue 20): read and saved through the API, audited there. */
export function MailPreferencesSection() {
  const query = useQuery(mailPreferencesQuery);
  return (
    <Section
      title="Mail you receive"
      description="Both are sent to privacy officers only, at the address you sign in with. A digest is sent only on a day something needs you."
    >
      <QueryState query={query} loading="Loading your mail choices…" rows={2}>
        {(current) => <PreferencesForm key={current.version} current={current} />}
      </QueryState>
    </Section>
  );
}
