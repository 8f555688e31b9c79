import type { ColumnDef } from '@tanstack/react-table';
import { createColumnHelper } from '@tanstack/react-table';
import type { OutboxMessage } from '@/api/contract/mail';
import { DataTable } from '@/components/ui/data-table';
import { formatDateTime, humanize } from '@/lib/format';

const statusLabels: Record<OutboxMessage['status'], string> = { queued: 'Waiting to be sent', sent: 'Sent', failed: 'Failed' };

function Message({ message }: { message: OutboxMessage }) {
  return (
    <details>
      <summary className="cursor-pointer font-medium text-gray-900">{message.subject}</summary>
      {message.text === null ? (
        <p className="mt-1 text-sm text-gray-700">The text carried a secret link and was removed once delivered; a digest is kept.</p>
      ) : (
        <pre className="mt-1 text-sm whitespace-pre-wrap text-gray-800">{message.text}</pre>
      )}
    </details>
  );
}

const column = createColumnHelper<OutboxMessage>();

const columns: ColumnDef<OutboxMessage, string>[] = [
  column.accessor('createdAt', {
    header: 'Queued',
    meta: { cellClassName: 'whitespace-nowrap' },
    cell: ({ row }) => formatDateTime(row.original.createdAt),
  }),
  column.accessor('to', { header: 'To', meta: { cellClassName: 'break-all' } }),
  column.accessor('subject', { header: 'Message', cell: ({ row }) => <Message message={row.original} /> }),
  column.accessor('purpose', { header: 'Why', cell: ({ row }) => humanize(row.original.purpose) }),
  column.accessor('status', {
    header: 'Status',
    cell: ({ row }) => {
      const m = row.original;
      return (
        <span>
          {statusLabels[m.status]}
          {m.sentAt ? <span className="block text-xs text-gray-600">{formatDateTime(m.sentAt)}</span> : null}
          {m.lastError ? (
            <span className="block text-xs text-red-800">
              {m.attempts} attempt{m.attempts === 1 ? '' : 's'}: {m.lastError}
            </span>
          ) : null}
        </span>
      );
    },
  }),
];

export function OutboxTable({ messages }: { messages: OutboxMessage[] }) {
  return <DataTable caption="Messages sent by the console" data={messages} columns={columns} getRowId={(m) => m.id} />;
}
