import type { ColumnDef } from '@tanstack/react-table';
import { createColumnHelper } from '@tanstack/react-table';
import { Link } from 'react-router';
import type { SupportAccessListItem } from '@/api/contract/support-access';
import { Badge } from '@/components/ui/badge';
import { linkClass } from '@/components/ui/classes';
import { DataTable } from '@/components/ui/data-table';
import { formatDateTime, formatRelative } from '@/lib/format';
import { AccessStatusBadge } from './access-status-badge';
import { Countdown, formatAge } from './countdown';

/** history: everything, any state; queue: awaiting approval; grants: active grants and their time left. */
export type TableVariant = 'history' | 'queue' | 'grants';

/** When the request or grant ends: a pending one expires at its decision deadline, a grant at its end. */
function endsAt(request: SupportAccessListItem): string | null {
  if (request.status === 'pending') return request.decideBy;
  return request.endedAt ?? request.grantEndsAt;
}

const column = createColumnHelper<SupportAccessListItem>();

/** The request's columns for one variant of the table, with `now` for ages and what is left. */
function columnsFor(variant: TableVariant, now: Date, onElapsed: () => void): ColumnDef<SupportAccessListItem, string>[] {
  const shared = [
    column.accessor('accountName', {
      header: 'Account',
      meta: { cellClassName: 'font-medium' },
      cell: ({ row: { original: request } }) => (
        <Link to={`/support-access/${request.id}`} className={linkClass}>
          {request.accountName}
        </Link>
      ),
    }),
    column.accessor('ticketRef', { header: 'Ticket', meta: { cellClassName: 'font-mono text-xs' } }),
    column.accessor('requesterName', { header: 'Requester' }),
  ];
  if (variant === 'queue') {
    return [
      ...shared,
      column.display({
        id: 'consent',
        header: 'Consent',
        cell: ({ row }) => (row.original.consentRecorded ? <Badge tone="success">Recorded</Badge> : <Badge tone="warning">Not yet</Badge>),
      }),
      column.accessor('createdAt', {
        id: 'waiting',
        header: 'Waiting',
        meta: { cellClassName: 'whitespace-nowrap' },
        cell: ({ getValue }) => (
          <time dateTime={getValue()} title={formatDateTime(getValue())}>
            {formatAge(now.getTime() - new Date(getValue()).getTime())}
          </time>
        ),
      }),
      column.accessor('decideBy', {
        header: 'Expires undecided',
        cell: ({ getValue }) => <Countdown until={getValue()} onElapsed={onElapsed} suffix="" />,
      }),
    ];
  }
  if (variant === 'grants') {
    return [
      ...shared,
      column.accessor('scope', { header: 'Scope', cell: ({ getValue }) => (getValue() === 'read' ? 'Read only' : 'Read and write') }),
      column.display({
        id: 'ends',
        header: 'Ends',
        meta: { cellClassName: 'whitespace-nowrap' },
        cell: ({ row: { original: request } }) =>
          request.grantEndsAt ? <time dateTime={request.grantEndsAt}>{formatDateTime(request.grantEndsAt)}</time> : '—',
      }),
      column.display({
        id: 'left',
        header: 'Time left',
        cell: ({ row: { original: request } }) =>
          request.grantEndsAt ? <Countdown until={request.grantEndsAt} onElapsed={onElapsed} suffix="" /> : '—',
      }),
    ];
  }
  return [
    ...shared,
    column.accessor('status', {
      header: 'Status',
      cell: ({ row, getValue }) => <AccessStatusBadge status={getValue()} waitingFor={row.original.waitingFor} />,
    }),
    column.accessor('createdAt', {
      header: 'Created',
      meta: { cellClassName: 'whitespace-nowrap' },
      cell: ({ getValue }) => <time dateTime={getValue()}>{formatDateTime(getValue())}</time>,
    }),
    column.display({
      id: 'ends',
      header: 'Ends',
      meta: { cellClassName: 'whitespace-nowrap' },
      cell: ({ row }) => {
        const ends = endsAt(row.original);
        if (!ends) return '—';
        return (
          <>
            <time dateTime={ends}>{formatDateTime(ends)}</time>
            {new Date(ends) > now ? <span className="block text-xs text-gray-600">{formatRelative(ends, now)}</span> : null}
          </>
        );
      },
    }),
  ];
}

type SupportAccessTableProps = {
  caption: string;
  variant: TableVariant;
  requests: SupportAccessListItem[];
  now: Date;
  /** A countdown reached zero: the server decides what that means, so the lists are asked again. */
  onElapsed: () => void;
};

export function SupportAccessTable({ caption, variant, requests, now, onElapsed }: SupportAccessTableProps) {
  return <DataTable caption={caption} data={requests} columns={columnsFor(variant, now, onElapsed)} getRowId={(request) => request.id} />;
}
