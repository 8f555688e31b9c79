import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { PublicAccessPage } from '@/api/contract/support-access';
import { publicConsent } from '@/api/contract/support-access';
import { Button } from '@/components/ui/button';
import { DefinitionList } from '@/components/ui/definition-list';
import { TextField } from '@/components/ui/fields';
import { FormErrors } from '@/components/ui/form-errors';
import { callApi } from '@/lib/api-client';
import { useContractForm } from '@/lib/contract-form';
import { fieldLabels } from '@/lib/field-errors';
import { formatDateTime } from '@/lib/format';

/**
 * The customer's own page (policy 5.1): no staff sign-in; the link's token is the only key. It says who
 * asks, why, for what and how long; the owner consents by typing their name and entering the login
 * details, or declines; afterwards the same kind of page shows the grant, each use of the login
 * details, and lets them withdraw.
 */
const pageKey = (token: string) => ['public-access', token] as const;

const scopeWords = { read: 'Look at your data, without changing anything', read_write: 'Look at and change your data' } as const;
const statusWords: Record<PublicAccessPage['status'], string> = {
  pending: 'Waiting for a privacy officer’s decision',
  active: 'Access granted: our support may log in now',
  denied: 'Refused by our privacy officer',
  declined: 'You declined',
  expired: 'Expired without a decision',
  revoked: 'Ended early by our privacy officer',
  withdrawn: 'You withdrew your consent',
  ended: 'Ended',
  cancelled: 'Cancelled',
};

const labels = { typedName: 'Type your name to agree', username: 'Username for your instance', password: 'Password' };
const labelOf = fieldLabels(labels);

function ConsentForm({ token, page }: { token: string; page: PublicAccessPage }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [statusLink, setStatusLink] = useState<string | null>(null);
  const consent = useMutation({
    mutationFn: (body: { typedName: string; username: string; password: string }) =>
      callApi('publicAccessConsent', { params: { token }, body }),
    meta: { errorHandling: 'local' },
  });
  const decline = useMutation({
    mutationFn: () => callApi('publicAccessDecline', { params: { token }, body: {} }),
    meta: { errorHandling: 'local' },
    onSuccess: (next) => queryClient.setQueryData(pageKey(token), next),
  });
  const form = useContractForm({
    schema: publicConsent,
    defaultValues: { typedName: '', username: '', password: '' },
    onSubmit: async (body) => {
      const result = await consent.mutateAsync(body);
      form.reset();
      const next = result.statusLink.slice(result.statusLink.lastIndexOf('/') + 1);
      queryClient.setQueryData(pageKey(next), result.page);
      setStatusLink(result.statusLink);
      await navigate(`/access-consent/${next}`, { replace: true, state: { consented: true } });
    },
  });
  const { register, summary } = form;
  if (statusLink) return null;
  return (
    <section aria-labelledby="consent-heading" className="space-y-4 rounded-lg border border-gray-200 bg-white p-6 shadow-xs">
      <h2 id="consent-heading" className="text-lg font-semibold text-gray-900">
        Your consent
      </h2>
      <blockquote className="border-l-4 border-gray-300 pl-4 text-gray-800">{page.consentText}</blockquote>
      <form noValidate onSubmit={(event) => void form.submit(event)} aria-label="Give consent" className="space-y-4">
        <FormErrors {...summary} labelOf={labelOf} />
        <TextField
          {...register('typedName')}
          label={labels.typedName}
          hint={`As it stands above: ${page.personName}`}
          error={summary.errors.typedName}
          autoComplete="name"
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField {...register('username')} label={labels.username} error={summary.errors.username} autoComplete="off" />
          <TextField
            {...register('password')}
            label={labels.password}
            type="password"
            error={summary.errors.password}
            autoComplete="new-password"
          />
        </div>
        <p className="text-sm text-gray-700">
          The login details are stored encrypted, shown only to {page.requesterName} during the access, and destroyed when it ends. Change
          the password afterwards.
        </p>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" variant="primary" disabled={consent.isPending}>
            {consent.isPending ? 'Sending…' : 'I agree'}
          </Button>
          <Button type="button" variant="danger" disabled={decline.isPending} onClick={() => decline.mutate()}>
            No, decline
          </Button>
        </div>
        {decline.error ? <p role="alert">{decline.error.message}</p> : null}
      </form>
    </section>
  );
}

function StatusPanel({ token, page }: { token: string; page: PublicAccessPage }) {
  const queryClient = useQueryClient();
  const withdraw = useMutation({
    mutationFn: () => callApi('publicAccessWithdraw', { params: { token }, body: {} }),
    meta: { errorHandling: 'local' },
    onSuccess: (next) => queryClient.setQueryData(pageKey(token), next),
  });
  const link = `${window.location.origin}/access-consent/${token}`;
  return (
    <section aria-labelledby="status-heading" className="space-y-4 rounded-lg border border-gray-200 bg-white p-6 shadow-xs">
      <h2 id="status-heading" className="text-lg font-semibold text-gray-900">
        The access
      </h2>
      <p className="text-sm text-gray-700">
        Keep this page’s address to follow the access and withdraw at any time (we emailed it to you too):{' '}
        <span className="break-all">{link}</span>
      </p>
      <DefinitionList
        items={[
          { term: 'Status', value: statusWords[page.status] },
          { term: 'You consented', value: page.consentGivenAt ? formatDateTime(page.consentGivenAt) : '—' },
          { term: 'Access started', value: page.grantStartsAt ? formatDateTime(page.grantStartsAt) : 'Not yet' },
          { term: 'Access ends', value: page.grantEndsAt ? formatDateTime(page.grantEndsAt) : '—' },
          {
            term: 'Access ended',
            value: page.endedAt ? `${formatDateTime(page.endedAt)}${page.endReason ? `: ${page.endReason}` : ''}` : '—',
          },
        ]}
      />
      <div>
        <h3 className="text-base font-semibold text-gray-900">When your login details were used</h3>
        {page.reveals.length === 0 ? (
          <p className="text-sm text-gray-700">Not used so far.</p>
        ) : (
          <ul aria-label="Uses of your login details" className="list-disc pl-6 text-sm">
            {page.reveals.map((r) => (
              <li key={r.at}>
                {r.byName} saw them at <time dateTime={r.at}>{formatDateTime(r.at)}</time>
              </li>
            ))}
          </ul>
        )}
      </div>
      {page.canWithdraw ? (
        <Button variant="danger" disabled={withdraw.isPending} onClick={() => withdraw.mutate()}>
          Withdraw my consent
        </Button>
      ) : null}
      {withdraw.error ? <p role="alert">{withdraw.error.message}</p> : null}
    </section>
  );
}

export function Component() {
  const { token = '' } = useParams();
  const page = useQuery({
    queryKey: pageKey(token),
    queryFn: ({ signal }) => callApi('publicAccessPage', { params: { token }, signal }),
    meta: { errorHandling: 'local' },
    retry: false,
  });
  return (
    <main className="mx-auto max-w-3xl space-y-6 p-6">
      {page.isPending ? <p>Loading…</p> : null}
      {page.error ? (
        <>
          <h1 className="text-2xl font-semibold text-gray-900">This link does not work</h1>
          <p role="alert">{page.error.message}</p>
        </>
      ) : null}
      {page.data ? (
        <>
          <h1 className="text-2xl font-semibold text-gray-900">
            {page.data.kind === 'consent'
              ? `May our support look into ${page.data.accountName}?`
              : `Our support’s access to ${page.data.accountName}`}
          </h1>
          <DefinitionList
            items={[
              { term: 'Who asks', value: `${page.data.requesterName}, our support` },
              { term: 'Why', value: page.data.reason },
              { term: 'Ticket', value: page.data.ticketRef },
              { term: 'What they may do', value: scopeWords[page.data.scope] },
              {
                term: 'For how long',
                value: `${page.data.durationHours} hour${page.data.durationHours === 1 ? '' : 's'} from a privacy officer’s approval`,
              },
              ...(page.data.kind === 'consent' ? [{ term: 'This link works until', value: formatDateTime(page.data.decideBy) }] : []),
            ]}
          />
          {page.data.canConsent ? <ConsentForm token={token} page={page.data} /> : null}
          {page.data.kind === 'status' ? <StatusPanel token={token} page={page.data} /> : null}
          {page.data.kind === 'consent' && !page.data.canConsent ? <p>{statusWords[page.data.status]}</p> : null}
        </>
      ) : null}
    </main>
  );
}
