import { Link } from 'react-router';
import type { SupportAccessRequest } from '../../../api/contract/support-access';
import { linkClass } from '../../../components/ui/classes';
import { Table, TBody, Td, Th, THead } from '../../../components/ui/table';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { AccessStatusBadge } from './access-status-badge';

/** When the request or grant ends: a pending one expires at its decision deadline, a grant at its end. */
function endsAt(request: SupportAccessRequest): string | null {
  if (request.status === 'pending') return request.decideBy;
  return request.endedAt ?? request.grantEndsAt;
}

export function SupportAccessTable({ requests, now }: { requests: readonly SupportAccessRequest[]; now: Date }) {
  return (
    <Table caption="Support-access requests">
      <THead>
        <Th>Account</Th>
        <Th>Ticket</Th>
        <Th>Requester</Th>
        <Th>Status</Th>
        <Th>Created</Th>
        <Th>Ends</Th>
      </THead>
      <TBody>
        {requests.map((request) => {
          const ends = endsAt(request);
          return (
            <tr key={request.id}>
              <Td className="font-medium">
                <Link to={`/support-access/${request.id}`} className={linkClass}>
                  {request.accountName}
                </Link>
              </Td>
              <Td className="font-mono text-xs">{request.ticketRef}</Td>
              <Td>{request.requesterName}</Td>
              <Td>
                <AccessStatusBadge status={request.status} />
              </Td>
              <Td className="whitespace-nowrap">
                <time dateTime={request.createdAt}>{formatDateTime(request.createdAt)}</time>
              </Td>
              <Td className="whitespace-nowrap">
                {ends ? (
                  <>
                    <time dateTime={ends}>{formatDateTime(ends)}</time>
                    {new Date(ends) > now ? <span className="block text-xs text-gray-600">{formatRelative(ends, now)}</span> : null}
                  </>
                ) : (
                  '—'
                )}
              </Td>
            </tr>
          );
        })}
      </TBody>
    </Table>
  );
}
