import { Link } from 'react-router';
import type { DeletionRequest } from '../../../api/contract/deletions';
import { linkClass } from '../../../components/ui/classes';
import { Table, TBody, Td, Th, THead } from '../../../components/ui/table';
import { formatDate, humanize } from '../../../lib/format';
import { DeadlineNote, DeletionStatusBadge, effectiveDue } from './deletion-labels';

export function DeletionTable({ requests, now }: { requests: readonly DeletionRequest[]; now: Date }) {
  return (
    <Table caption="Deletion requests">
      <THead>
        <Th>Account</Th>
        <Th>Status</Th>
        <Th>Due</Th>
        <Th>Origin</Th>
      </THead>
      <TBody>
        {requests.map((request) => {
          const due = effectiveDue(request);
          return (
            <tr key={request.id}>
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
