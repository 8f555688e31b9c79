import type { QueryClient } from '@tanstack/react-query';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { DeletionRequest } from '../../../api/contract/deletions';
import { Badge } from '../../../components/ui/badge';
import { linkClass } from '../../../components/ui/classes';
import { DefinitionList } from '../../../components/ui/definition-list';
import { PageHeader } from '../../../components/ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/states';
import { Table, TBody, Td, Th, THead } from '../../../components/ui/table';
import { formatCalendarDate, formatDateTime, humanize } from '../../../lib/format';
import type { RouteLoader } from '../../../lib/route-module';
import { settled } from '../../../lib/route-module';
import { deletionQueries } from '../api/deletion-queries';
import { DeadlineNote, DeletionStatusBadge } from '../components/deletion-labels';

export function createLoader(queryClient: QueryClient): RouteLoader {
  return ({ params }) => settled(queryClient.ensureQueryData(deletionQueries.detail(params.id ?? '')));
}

function TasksTable({ tasks }: { tasks: DeletionRequest['tasks'] }) {
  return (
    <Table caption="Deletion tasks, one per system that holds the account's data">
      <THead>
        <Th>System</Th>
        <Th>Kind</Th>
        <Th>Outcome</Th>
        <Th>Resolved</Th>
        <Th>Recipient told</Th>
      </THead>
      <TBody>
        {tasks.map((task) => (
          <tr key={task.id}>
            <Td className="font-medium">{task.systemName}</Td>
            <Td>{humanize(task.kind)}</Td>
            <Td>
              {task.outcome ? (
                <Badge tone={task.outcome === 'deleted' ? 'success' : 'neutral'}>{humanize(task.outcome)}</Badge>
              ) : task.rollOffOn ? (
                `Rolls off ${formatCalendarDate(task.rollOffOn)}`
              ) : (
                <Badge tone="warning">Open</Badge>
              )}
            </Td>
            <Td>{task.resolvedAt ? formatDateTime(task.resolvedAt) : '—'}</Td>
            <Td>{task.notifiedAt ? formatDateTime(task.notifiedAt) : '—'}</Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}

function DeletionDetails({ request, now }: { request: DeletionRequest; now: Date }) {
  return (
    <div className="space-y-8">
      <DefinitionList
        items={[
          { term: 'Status', value: <DeletionStatusBadge status={request.status} /> },
          {
            term: 'Account',
            value: (
              <Link to={`/accounts/${request.accountId}`} className={linkClass}>
                {request.accountName}
              </Link>
            ),
          },
          { term: 'Origin', value: humanize(request.origin) },
          { term: 'Received', value: formatDateTime(request.receivedAt) },
          {
            term: 'Due',
            value: (
              <span className="flex flex-wrap items-center gap-2">
                {formatDateTime(request.dueAt)} <DeadlineNote request={request} now={now} />
              </span>
            ),
          },
          {
            term: 'Extension',
            value: request.extension ? `Until ${formatDateTime(request.extension.until)}: ${request.extension.reason}` : 'None',
          },
          { term: 'Created by', value: request.createdByName },
          { term: 'Approved by', value: request.approvedByName ? `${request.approvedByName}, ${formatDateTime(request.approvedAt ?? request.createdAt)}` : '—' },
          { term: 'Rejection reason', value: request.rejectionReason ?? '—' },
          { term: 'Completed', value: request.completedAt ? formatDateTime(request.completedAt) : '—' },
        ]}
      />
      <section aria-labelledby="tasks-heading" className="space-y-3">
        <h2 id="tasks-heading" className="text-lg font-semibold text-gray-900">
          Tasks
        </h2>
        {request.tasks.length === 0 ? <EmptyState title="No tasks yet">Tasks are created when the request is approved.</EmptyState> : <TasksTable tasks={request.tasks} />}
      </section>
      <section aria-labelledby="holds-heading" className="space-y-3">
        <h2 id="holds-heading" className="text-lg font-semibold text-gray-900">
          Legal holds
        </h2>
        {request.holds.length === 0 ? (
          <p className="text-sm text-gray-700">No data is held back.</p>
        ) : (
          <ul className="space-y-2">
            {request.holds.map((hold) => (
              <li key={hold.id} className="rounded-lg border border-gray-200 bg-white p-4 text-sm shadow-xs">
                <p className="font-medium text-gray-900">
                  {hold.system}: {hold.data}
                </p>
                <p className="text-gray-700">
                  {hold.legalReason}. Kept until {formatCalendarDate(hold.until)}.
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export function Component() {
  const { id = '' } = useParams();
  const query = useQuery(deletionQueries.detail(id));
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/deletions" className={linkClass}>
          ← Deletions
        </Link>
      </p>
      <PageHeader title={query.data ? `Deletion of ${query.data.accountName}` : 'Deletion request'} />
      {query.isPending ? (
        <LoadingState label="Loading the deletion request…" />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <DeletionDetails request={query.data} now={new Date()} />
      )}
    </>
  );
}
