import { Link } from 'react-router';
import type { SupportAccessRequest } from '@/api/contract/support-access';
import { Badge } from '@/components/ui/badge';
import { linkClass } from '@/components/ui/classes';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { formatDateTime, formatRelative } from '@/lib/format';
import { AccessStatusBadge } from './access-status-badge';
import { Countdown, formatAge } from './countdown';

/** history: everything, any state; queue: awaiting approval; grants: active grants and their time left. */
export type TableVariant = 'history' | 'queue' | 'grants';

/** When the request or grant ends: a pending one expires at its decision deadline, a grant at its end. */
function endsAt(request: SupportAccessRequest): string | null {
  if (request.status === 'pending') return request.decideBy;
  return request.endedAt ?? request.grantEndsAt;
}

const columns: Record<TableVariant, readonly string[]> = {
  history: ['Account', 'Ticket', 'Requester', 'Status', 'Created', 'Ends'],
  queue: ['Account', 'Ticket', 'Requester', 'Consent', 'Waiting', 'Expires undecided'],
  grants: ['Account', 'Ticket', 'Requester', 'Scope', 'Ends', 'Time left'],
};

type SupportAccessTableProps = {
  caption: string;
  variant: TableVariant;
  requests: readonly SupportAccessRequest[];
  now: Date;
  /** A countdown reached zero: the server decides what that means, so the lists are asked again. */
  onElapsed: () => void;
};

function VariantCells({
  request,
  variant,
  now,
  onElapsed,
}: {
  request: SupportAccessRequest;
  variant: TableVariant;
  now: Date;
  onElapsed: () => void;
}) {
  if (variant === 'queue') {
    return (
      <>
        <Td>{request.consent ? <Badge tone="success">Recorded</Badge> : <Badge tone="warning">Not yet</Badge>}</Td>
        <Td className="whitespace-nowrap">
          <time dateTime={request.createdAt} title={formatDateTime(request.createdAt)}>
            {formatAge(now.getTime() - new Date(request.createdAt).getTime())}
          </time>
        </Td>
        <Td>
          <Countdown until={request.decideBy} onElapsed={onElapsed} suffix="" />
        </Td>
      </>
    );
  }
  if (variant === 'grants') {
    return (
      <>
        <Td>{request.scope === 'read' ? 'Read only' : 'Read and write'}</Td>
        <Td className="whitespace-nowrap">
          {request.grantEndsAt ? <time dateTime={request.grantEndsAt}>{formatDateTime(request.grantEndsAt)}</time> : '—'}
        </Td>
        <Td>{request.grantEndsAt ? <Countdown until={request.grantEndsAt} onElapsed={onElapsed} suffix="" /> : '—'}</Td>
      </>
    );
  }
  const ends = endsAt(request);
  return (
    <>
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
    </>
  );
}

export function SupportAccessTable({ caption, variant, requests, now, onElapsed }: SupportAccessTableProps) {
  return (
    <Table caption={caption}>
      <THead>
        {columns[variant].map((name) => (
          <Th key={name}>{name}</Th>
        ))}
      </THead>
      <TBody>
        {requests.map((request) => (
          <tr key={request.id}>
            <Td className="font-medium">
              <Link to={`/support-access/${request.id}`} className={linkClass}>
                {request.accountName}
              </Link>
            </Td>
            <Td className="font-mono text-xs">{request.ticketRef}</Td>
            <Td>{request.requesterName}</Td>
            <VariantCells request={request} variant={variant} now={now} onElapsed={onElapsed} />
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
