import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { Link, useParams } from 'react-router';
import type { DeletionRequest, DeletionRequestView, DeletionTask, LegalHold } from '@/api/contract/deletions';
import { connectorCatalogue } from '@/api/contract/connectors';
import { roleLabels } from '@/api/contract/roles';
import { openTasks } from '@/api/rules/deletions';
import { ActionButton } from '@/components/ui/action-button';
import { Badge } from '@/components/ui/badge';
import { linkClass } from '@/components/ui/classes';
import { DefinitionList } from '@/components/ui/definition-list';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, QueryState } from '@/components/ui/states';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { formatCalendarDate, formatCompanyTime, formatDateTime, humanize } from '@/lib/format';
import { actionsPanel, useOffers } from '@/lib/actions';
import { deletionKeys, deletionQueries } from '@/features/deletions/api/deletion-queries';
import { useCurrentUser, useZones } from '@/lib/session';
import {
  ApproveAction,
  CompleteAction,
  ExtendForm,
  HoldForm,
  RejectForm,
  EditHoldForm,
  RemoveHoldForm,
  ResolveTaskForm,
  RetryTaskAction,
} from '@/features/deletions/components/deletion-actions';
import { DeadlineNote, DeletionStatusBadge } from '@/features/deletions/components/deletion-labels';
import { useNow } from '@/lib/now';

/** Whether any task's connector job is still to answer: the page then looks again every few seconds. */
function jobsInFlight(request: Pick<DeletionRequest, 'tasks'> | undefined): boolean {
  return (request?.tasks ?? []).some((t) => !t.outcome && t.connector && ['queued', 'running', 'retrying'].includes(t.connector.state));
}

/** A task's job as an operator reads it: queued, running, retrying in N s, done, or needs attention with the vendor's answer. */
function JobState({ task, now }: { task: DeletionTask; now: Date }) {
  const run = task.connector;
  if (!run) return <span className="text-gray-700">{task.kind === 'processor' ? 'Manual (no connector)' : 'Manual'}</span>;
  const vendor = connectorCatalogue[run.vendor].label;
  const attempts = run.attempts > 0 ? ` · attempt ${run.attempts}` : '';
  switch (run.state) {
    case 'queued':
      return (
        <span>
          <Badge tone="neutral">Queued</Badge>
          <span className="mt-1 block text-xs text-gray-700">{vendor}</span>
        </span>
      );
    case 'running':
      return (
        <span>
          <Badge tone="info">Running</Badge>
          <span className="mt-1 block text-xs text-gray-700">
            {vendor}
            {attempts}
          </span>
        </span>
      );
    case 'retrying': {
      const seconds = run.nextAttemptAt ? Math.max(0, Math.round((new Date(run.nextAttemptAt).getTime() - now.getTime()) / 1000)) : 0;
      return (
        <span>
          <Badge tone="warning">{seconds > 0 ? `Retrying in ${seconds} s` : 'Retrying now'}</Badge>
          <span className="mt-1 block text-xs text-gray-700">
            {run.lastAnswer}
            {attempts}
          </span>
        </span>
      );
    }
    case 'done':
      return (
        <span>
          <Badge tone="success">Done, verified</Badge>
          <span className="mt-1 block text-xs text-gray-700">
            {vendor}
            {attempts}
          </span>
        </span>
      );
    case 'needs_attention':
      return (
        <span>
          <Badge tone="danger">Needs attention</Badge>
          <span className="mt-1 block text-xs text-gray-700">{run.lastAnswer}</span>
        </span>
      );
  }
}

function TasksTable({
  tasks,
  now,
  caption = "Deletion tasks, one per system that holds the account's data",
}: {
  tasks: DeletionRequest['tasks'];
  now: Date;
  caption?: string;
}) {
  return (
    <Table caption={caption}>
      <THead>
        <Th>System</Th>
        <Th>Kind</Th>
        <Th>Outcome</Th>
        <Th>Job</Th>
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
            <Td>
              <JobState task={task} now={now} />
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

/**
 * The officer's actions, each as the request's `actions` answer it: allowed ones as their forms, refused
 * ones disabled with the API's reason (a creator's own approval, an extension after the first month).
 */
function Actions({ request, onReload }: { request: DeletionRequestView; onReload: () => void }) {
  const user = useCurrentUser();
  const offer = useOffers('deletion', request.actions);
  const approve = offer('approve');
  const reject = offer('reject');
  const extend = offer('extend');
  const hold = offer('hold');
  const resolveTask = offer('resolveTask');
  const complete = offer('complete');
  const retryTask = offer('retryTask');
  const panel = actionsPanel([approve, reject, extend, hold, resolveTask, complete, retryTask]);
  const props = { request, onReload };
  return (
    <section aria-labelledby="actions-heading" className="space-y-4">
      <h2 id="actions-heading" className="text-lg font-semibold text-gray-900">
        Actions
      </h2>
      {panel === 'none' ? <p className="text-sm text-gray-700">{roleLabels[user.role]}s see everything here and act on nothing.</p> : null}
      {panel === 'closed' ? <p className="text-sm text-gray-700">Nothing can be done on this request in its current state.</p> : null}
      {panel === 'open' ? (
        <>
          <div className="flex flex-wrap items-start gap-4">
            {approve ? <ApproveAction {...props} refusal={approve.refusal} /> : null}
            {complete ? <CompleteAction {...props} refusal={complete.refusal} /> : null}
          </div>
          {resolveTask ? (
            resolveTask.refusal === null ? (
              <div className="grid gap-4 lg:grid-cols-2">
                {openTasks(request).map((task) => {
                  const refusal = request.taskRefusals[task.id] ?? null;
                  return (
                    <div key={task.id} className="space-y-2">
                      {retryTask && task.connector?.state === 'needs_attention' ? (
                        <RetryTaskAction task={task} refusal={retryTask.refusal} {...props} />
                      ) : null}
                      {refusal === null ? (
                        <ResolveTaskForm task={task} {...props} />
                      ) : (
                        <ActionButton refusal={refusal}>Resolve {task.systemName}</ActionButton>
                      )}
                    </div>
                  );
                })}
              </div>
            ) : (
              <ActionButton refusal={resolveTask.refusal}>Resolve a task</ActionButton>
            )
          ) : null}
          <div className="grid gap-4 lg:grid-cols-2">
            {reject ? (
              reject.refusal === null ? (
                <RejectForm {...props} />
              ) : (
                <ActionButton refusal={reject.refusal}>Reject request</ActionButton>
              )
            ) : null}
            {extend ? (
              extend.refusal === null ? (
                <ExtendForm {...props} />
              ) : (
                <ActionButton refusal={extend.refusal}>Extend deadline</ActionButton>
              )
            ) : null}
            {hold ? (
              hold.refusal === null ? (
                <HoldForm {...props} />
              ) : (
                <ActionButton refusal={hold.refusal}>Add legal hold</ActionButton>
              )
            ) : null}
          </div>
        </>
      ) : null}
    </section>
  );
}

/** Change or remove a hold, as the request's actions allow; refused, the reason shows instead. */
function HoldChanges({ request, hold, onReload }: { request: DeletionRequestView; hold: LegalHold; onReload: () => void }) {
  const offer = useOffers('deletion', request.actions);
  const edit = offer('editHold');
  const remove = offer('removeHold');
  if (!edit && !remove) return null;
  if (edit?.refusal && remove?.refusal) return <p className="mt-2 text-sm text-gray-700">{edit.refusal}</p>;
  return (
    <details className="mt-2">
      <summary className="cursor-pointer text-sm font-medium text-gray-900">Change or remove this hold</summary>
      <div className="mt-3 grid gap-4 lg:grid-cols-2">
        {edit && edit.refusal === null ? <EditHoldForm request={request} hold={hold} onReload={onReload} /> : null}
        {remove && remove.refusal === null ? <RemoveHoldForm request={request} hold={hold} onReload={onReload} /> : null}
      </div>
    </details>
  );
}

type DetailsProps = { request: DeletionRequestView; now: Date; onReload: () => void };

function DeletionDetails({ request, now, onReload }: DetailsProps) {
  const zones = useZones();
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
            term: request.person ? 'Erases' : 'Account',
            value: request.accountId ? (
              <Link to={`/accounts/${request.accountId}`} className={linkClass}>
                {request.accountName}
              </Link>
            ) : (
              request.accountName
            ),
          },
          ...(request.person
            ? [
                {
                  term: 'Person',
                  value: (
                    <span>
                      {humanize(request.person.kind)}, found by {request.person.identifiedBy === 'email' ? 'email' : 'visitor id'}:{' '}
                      <Link to={`/subjects/${request.person.subjectId}`} className={linkClass}>
                        {request.person.subjectId}
                      </Link>{' '}
                      (only this person is erased)
                    </span>
                  ),
                },
                {
                  term: 'Identity check',
                  value: `${humanize(request.person.identityCheck.method)}: ${request.person.identityCheck.detail} (verified by ${request.person.identityCheck.verifiedByName}, ${formatDateTime(request.person.identityCheck.at)})`,
                },
              ]
            : []),
          { term: 'Origin', value: humanize(request.origin) },
          { term: 'Received', value: formatDateTime(request.receivedAt) },
          {
            term: 'Due',
            value: (
              <span className="flex flex-wrap items-center gap-2">
                {formatCompanyTime(request.dueAt, zones)} <DeadlineNote request={request} now={now} />
              </span>
            ),
          },
          {
            term: 'Extension',
            value: request.extension ? `Until ${formatCompanyTime(request.extension.until, zones)}: ${request.extension.reason}` : 'None',
          },
          { term: 'Created by', value: request.createdByName },
          {
            term: 'First approval',
            value: request.firstApproval
              ? `${request.firstApproval.name}, ${formatDateTime(request.firstApproval.at)}`
              : request.createdBy === null && request.recordedBy.length === 0 && request.status === 'pending_review'
                ? 'Needed: the system opened this request, so two officers approve it'
                : '—',
          },
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
        {request.tasks.length === 0 && request.plan && request.plan.tasks.length > 0 ? (
          <TasksTable
            tasks={request.plan.tasks}
            now={now}
            caption="Planned tasks: approval creates one per system that holds the account's data"
          />
        ) : request.tasks.length === 0 ? (
          <EmptyState title="No tasks yet">Tasks are created when the request is approved.</EmptyState>
        ) : (
          <TasksTable tasks={request.tasks} now={now} />
        )}
        {request.plan && request.plan.proposedHolds.length > 0 ? (
          <div className="space-y-2">
            <h3 className="font-medium text-gray-900">Legal holds the registry proposes</h3>
            <ul className="space-y-1 text-sm">
              {request.plan.proposedHolds.map((hold) => (
                <li key={hold.system}>
                  <span className="font-medium">
                    {hold.system}: {hold.data}
                  </span>{' '}
                  — {hold.legalReason} Until {formatCalendarDate(hold.until)}.
                </li>
              ))}
            </ul>
          </div>
        ) : null}
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
                <HoldChanges request={request} hold={hold} onReload={onReload} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <Actions request={request} onReload={onReload} />
      <Timeline entries={request.timeline} />
    </div>
  );
}

export function Component() {
  const { id = '' } = useParams();
  // While a connector job is still to answer, the page looks again every two seconds.
  const query = useQuery({ ...deletionQueries.detail(id), refetchInterval: (q) => (jobsInFlight(q.state.data) ? 2000 : false) });
  const queryClient = useQueryClient();
  const reload = useCallback(() => void queryClient.invalidateQueries({ queryKey: deletionKeys.detail(id) }), [queryClient, id]);
  const now = useNow();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/deletions" className={linkClass}>
          ← Deletions
        </Link>
      </p>
      <PageHeader title={query.data ? `Deletion of ${query.data.accountName}` : 'Deletion request'} />
      <QueryState query={query} loading="Loading the deletion request…">
        {(request) => <DeletionDetails request={request} now={now} onReload={reload} />}
      </QueryState>
    </>
  );
}
