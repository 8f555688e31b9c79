import { Link } from 'react-router';
import type { DeletionRequest } from '@/api/contract/deletions';
import { focusRing, linkClass } from '@/components/ui/classes';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { describeDeadline, formatDate, humanize } from '@/lib/format';
import { DeadlineNote, DeletionStatusBadge, effectiveDue } from './deletion-labels';

type Selection = { selected: ReadonlySet<string>; onToggle: (request: DeletionRequest, checked: boolean) => void };

export function isOverdue(request: DeletionRequest, now: Date): boolean {
  return request.status !== 'completed' && request.status !== 'rejected' && describeDeadline(effectiveDue(request), now).overdue;
}

/** Overdue requests first, each group keeping the API's due-date order. */
export function overdueFirst(requests: readonly DeletionRequest[], now: Date): DeletionRequest[] {
  return [...requests.filter((r) => isOverdue(r, now)), ...requests.filter((r) => !isOverdue(r, now))];
}

export function DeletionTable({ requests, now, selection }: { requests: readonly DeletionRequest[]; now: Date; selection?: Selection }) {
  return (
    <Table caption="Deletion requests">
      <THead>
        {selection ? <Th className="w-10">Select</Th> : null}
        <Th>Account</Th>
        <Th>Status</Th>
        <Th>Due</Th>
        <Th>Origin</Th>
      </THead>
      <TBody>
        {requests.map((request) => {
          const due = effectiveDue(request);
          const overdue = isOverdue(request, now);
          return (
            <tr key={request.id} className={overdue ? 'bg-red-50' : undefined}>
              {selection ? (
                <Td>
                  {request.status === 'pending_review' ? (
                    <input
                      type="checkbox"
                      aria-label={`Select ${request.accountName}`}
                      checked={selection.selected.has(request.id)}
                      onChange={(event) => selection.onToggle(request, event.target.checked)}
                      className={`size-4 rounded border-gray-400 ${focusRing}`}
                    />
                  ) : null}
                </Td>
              ) : null}
              <Td className="font-medium">
                <Link to={`/deletions/${request.id}`} className={linkClass}>
                  {request.accountName}
                </Link>
              </Td>
              <Td>
                <DeletionStatusBadge status={request.status} />
              </Td>
              <Td className="whitespace-nowrap">
                <time dateTime={due} className="block">
                  {formatDate(due)}
                </time>
                <DeadlineNote request={request} now={now} />
              </Td>
              <Td>{humanize(request.origin)}</Td>
            </tr>
          );
        })}
      </TBody>
    </Table>
  );
}
