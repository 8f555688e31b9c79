import type { QueryClient } from '@tanstack/react-query';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { SupportAccessRequest } from '../../../api/contract/support-access';
import { linkClass } from '../../../components/ui/classes';
import { DefinitionList } from '../../../components/ui/definition-list';
import { PageHeader } from '../../../components/ui/page-header';
import { ErrorState, LoadingState } from '../../../components/ui/states';
import { formatDateTime, humanize } from '../../../lib/format';
import type { RouteLoader } from '../../../lib/route-module';
import { settled } from '../../../lib/route-module';
import { supportAccessQueries } from '../api/support-access-queries';
import { AccessStatusBadge } from '../components/access-status-badge';

export function createLoader(queryClient: QueryClient): RouteLoader {
  return ({ params }) => settled(queryClient.ensureQueryData(supportAccessQueries.detail(params.id ?? '')));
}

const time = (iso: string | null) => (iso ? formatDateTime(iso) : '—');

function RequestDetails({ request }: { request: SupportAccessRequest }) {
  return (
    <div className="space-y-8">
      <DefinitionList
        items={[
          { term: 'Status', value: <AccessStatusBadge status={request.status} /> },
          {
            term: 'Account',
            value: (
              <Link to={`/accounts/${request.accountId}`} className={linkClass}>
                {request.accountName}
              </Link>
            ),
          },
          { term: 'Ticket', value: request.ticketRef },
          { term: 'Requester', value: request.requesterName },
          { term: 'Reason', value: request.reason },
          { term: 'Scope', value: request.scope === 'read' ? 'Read only' : 'Read and write' },
          { term: 'Duration', value: `${request.durationHours} hours` },
          { term: 'Created', value: time(request.createdAt) },
          { term: 'Decide by', value: time(request.decideBy) },
          {
            term: 'Customer consent',
            value: request.consent
              ? `${request.consent.personName}, ${formatDateTime(request.consent.givenAt)} (${humanize(request.consent.channel)})`
              : 'Not recorded yet',
          },
          { term: 'Login details', value: request.hasCredentials ? 'Stored, encrypted' : 'Not stored' },
          { term: 'Decided by', value: request.decidedByName ?? '—' },
          { term: 'Decided', value: time(request.decidedAt) },
          { term: 'Denial reason', value: request.denialReason ?? '—' },
          { term: 'Grant starts', value: time(request.grantStartsAt) },
          { term: 'Grant ends', value: time(request.grantEndsAt) },
          { term: 'Ended', value: request.endedAt ? `${time(request.endedAt)}${request.endReason ? `: ${request.endReason}` : ''}` : '—' },
        ]}
      />
      <section aria-labelledby="timeline-heading" className="space-y-3">
        <h2 id="timeline-heading" className="text-lg font-semibold text-gray-900">
          Timeline
        </h2>
        <ol className="space-y-3 rounded-lg border border-gray-200 bg-white p-6 shadow-xs">
          {request.timeline.map((entry, index) => (
            <li key={`${entry.at}-${index}`} className="text-sm">
              <time dateTime={entry.at} className="text-gray-600">
                {formatDateTime(entry.at)}
              </time>{' '}
              <span className="font-medium text-gray-900">{entry.actorName}</span> {humanize(entry.action).toLowerCase()}
              {entry.note ? <span className="block text-gray-700">{entry.note}</span> : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

export function Component() {
  const { id = '' } = useParams();
  const query = useQuery(supportAccessQueries.detail(id));
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/support-access" className={linkClass}>
          ← Support access
        </Link>
      </p>
      <PageHeader
        title={query.data ? `Access to ${query.data.accountName}` : 'Support-access request'}
        description={query.data ? `Ticket ${query.data.ticketRef}` : undefined}
      />
      {query.isPending ? (
        <LoadingState label="Loading the request…" />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <RequestDetails request={query.data} />
      )}
    </>
  );
}
