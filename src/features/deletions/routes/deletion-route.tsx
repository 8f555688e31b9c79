import type { QueryClient } from '@tanstack/react-query';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { Link, useParams } from 'react-router';
import type { DeletionRequest } from '@/api/contract/deletions';
import { Badge } from '@/components/ui/badge';
import { linkClass } from '@/components/ui/classes';
import { DefinitionList } from '@/components/ui/definition-list';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, QueryState } from '@/components/ui/states';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { formatCalendarDate, formatDateTime, humanize } from '@/lib/format';
import type { RouteLoader } from '@/lib/route-module';
import { settled } from '@/lib/route-module';
import { deletionKeys, deletionQueries } from '@/features/deletions/api/deletion-queries';
import { useCurrentUser } from '@/lib/session';
import {
  ApproveAction,
  CompleteAction,
  ExtendForm,
  HoldForm,
  RejectForm,
  ResolveTaskForm,
} from '@/features/deletions/components/deletion-actions';
import { DeadlineNote, DeletionStatusBadge } from '@/features/deletions/components/deletion-labels';

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
        <Th>Reference</Th>
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
              ) : (
                <Badge tone="warning">Open</Badge>
              )}
              {task.rollOffOn ? (
                <span className="mt-1 block text-xs text-gray-700">Backup rolls off {formatCalendarDate(task.rollOffOn)}</span>
              ) : null}
            </Td>
            <Td>{task.resolvedAt ? formatDateTime(task.resolvedAt) : '—'}</Td>
            <Td>{task.reference ?? '—'}</Td>
            <Td>{task.notifiedAt ? formatDateTime(task.notifiedAt) : '—'}</Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}

function Timeline({ entries }: { entries: DeletionRequest['timeline'] }) {
  return (
    <section aria-labelledby="timeline-heading" className="space-y-3">
      <h2 id="timeline-heading" className="text-lg font-semibold text-gray-900">
        Timeline
      </h2>
      <ol className="space-y-2 border-l-2 border-gray-200 pl-4">
        {entries.map((entry, index) => (
          <li key={`${entry.at}-${index}`} className="text-sm">
            <p className="text-gray-900">
              <span className="font-medium">{entry.action}</span> by {entry.actorName}
            </p>
            <p className="text-gray-700">
              <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
              {entry.note ? ` — ${entry.note}` : ''}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}

const isOpen = (request: DeletionRequest) => request.status !== 'completed' && request.status !== 'rejected';

function Actions({ request, userId, onReload }: { request: DeletionRequest; userId: string; onReload: () => void }) {
  const props = { request, onReload };
  const running = request.status === 'approved' || request.status === 'in_progress';
  const openTasks = request.tasks.filter((task) => task.outcome === null);
  return (
    <section aria-labelledby="actions-heading" className="space-y-4">
      <h2 id="actions-heading" className="text-lg font-semibold text-gray-900">
        Actions
      </h2>
      {request.status === 'pending_review' ? (
        <div className="space-y-2">
          <p className="text-sm text-gray-700">
            {request.createdBy === userId
              ? 'You recorded this request, so a second officer must approve it.'
              : 'A second officer, not the one who recorded the request, approves it.'}
          </p>
          <ApproveAction {...props} />
        </div>
      ) : null}
      {running ? <CompleteAction {...props} /> : null}
      {running && openTasks.length > 0 ? (
        <div className="grid gap-4 lg:grid-cols-2">
          {openTasks.map((task) => (
            <ResolveTaskForm key={task.id} task={task} {...props} />
          ))}
        </div>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-2">
        {request.status === 'pending_review' ? <RejectForm {...props} /> : null}
        {request.origin === 'erasure_request' && request.extension === null && isOpen(request) ? <ExtendForm {...props} /> : null}
        {isOpen(request) ? <HoldForm {...props} /> : null}
      </div>
    </section>
  );
}

type DetailsProps = { request: DeletionRequest; now: Date; userId: string; canAct: boolean; onReload: () => void };

function DeletionDetails({ request, now, userId, canAct, onReload }: DetailsProps) {
  return (
    <div className="space-y-8">
      {request.status === 'completed' ? (
        <p>
          <Link to={`/deletions/${request.id}/certificate`} className={linkClass}>
            View the certificate of deletion
          </Link>
        </p>
      ) : null}
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
          {
            term: 'Approved by',
            value: request.approvedByName ? `${request.approvedByName}, ${formatDateTime(request.approvedAt ?? request.createdAt)}` : '—',
          },
          { term: 'Rejection reason', value: request.rejectionReason ?? '—' },
          { term: 'Completed', value: request.completedAt ? formatDateTime(request.completedAt) : '—' },
        ]}
      />
      <section aria-labelledby="tasks-heading" className="space-y-3">
        <h2 id="tasks-heading" className="text-lg font-semibold text-gray-900">
          Tasks
        </h2>
        {request.tasks.length === 0 ? (
          <EmptyState title="No tasks yet">Tasks are created when the request is approved.</EmptyState>
        ) : (
          <TasksTable tasks={request.tasks} />
        )}
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
      {canAct && isOpen(request) ? <Actions request={request} userId={userId} onReload={onReload} /> : null}
      {canAct ? null : <p className="text-sm text-gray-700">Auditors see everything here and act on nothing.</p>}
      <Timeline entries={request.timeline} />
    </div>
  );
}

export function Component() {
  const { id = '' } = useParams();
  const query = useQuery(deletionQueries.detail(id));
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const reload = useCallback(() => void queryClient.invalidateQueries({ queryKey: deletionKeys.detail(id) }), [queryClient, id]);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/deletions" className={linkClass}>
          ← Deletions
        </Link>
      </p>
      <PageHeader title={query.data ? `Deletion of ${query.data.accountName}` : 'Deletion request'} />
      <QueryState query={query} loading="Loading the deletion request…">
        {(request) => (
          <DeletionDetails request={request} now={new Date()} userId={user.id} canAct={user.role === 'privacy_officer'} onReload={reload} />
        )}
      </QueryState>
    </>
  );
}
