import type { ColumnDef } from '@tanstack/react-table';
import { createColumnHelper } from '@tanstack/react-table';
import { Link } from 'react-router';
import type { AuditEvent, FieldChange, RecordType } from '@/api/contract/audit';
import { auditActionLabel } from '@/api/contract/audit-actions';
import { roleLabels } from '@/api/contract/common';
import { linkClass } from '@/components/ui/classes';
import { DataTable } from '@/components/ui/data-table';
import { formatDateTime, humanize } from '@/lib/format';

/** Where each kind of record lives in the console; the others have no page of their own. */
const recordPaths: Partial<Record<RecordType, string>> = {
  processor: '/processors',
  subject: '/subjects',
  support_access_request: '/support-access',
  deletion_request: '/deletions',
  account: '/accounts',
};

function RecordCell({ event }: { event: AuditEvent }) {
  const base = recordPaths[event.recordType];
  const label = `${humanize(event.recordType)} ${event.recordId}`;
  return base ? (
    <Link to={`${base}/${encodeURIComponent(event.recordId)}`} className={linkClass}>
      {label}
    </Link>
  ) : (
    <span>{label}</span>
  );
}

/** A value as it was or became: absent values (null) read as "none". */
function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'none';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function Changes({ changes }: { changes: readonly FieldChange[] }) {
  if (changes.length === 0) return null;
  return (
    <ul className="mt-1 space-y-0.5 text-xs text-gray-700">
      {changes.map((change, index) => (
        <li key={`${change.field}-${index}`} className="[overflow-wrap:anywhere]">
          <span className="font-medium">{humanize(change.field)}</span>: {valueText(change.before)}
          <span aria-hidden="true"> → </span>
          <span className="sr-only"> became </span>
          {valueText(change.after)}
        </li>
      ))}
    </ul>
  );
}

const column = createColumnHelper<AuditEvent>();

const columns: ColumnDef<AuditEvent, string>[] = [
  column.accessor('at', {
    header: 'Time',
    meta: { cellClassName: 'whitespace-nowrap' },
    cell: ({ getValue }) => <time dateTime={getValue()}>{formatDateTime(getValue())}</time>,
  }),
  column.accessor('actorName', { header: 'Actor' }),
  column.accessor((event) => (event.actorRole ? roleLabels[event.actorRole] : 'System'), { id: 'role', header: 'Role' }),
  column.accessor('action', {
    header: 'Action',
    meta: { cellClassName: '[overflow-wrap:anywhere]' },
    // The words first; the internal name (the CSV's and the filter link's) beneath, for who searches by it.
    cell: ({ getValue }) => (
      <>
        {auditActionLabel(getValue())}
        <span className="block font-mono text-xs text-gray-700">{getValue()}</span>
      </>
    ),
  }),
  column.display({
    id: 'record',
    header: 'Record',
    meta: { cellClassName: 'break-all' },
    cell: ({ row }) => <RecordCell event={row.original} />,
  }),
  column.accessor('summary', {
    header: 'Summary',
    meta: { cellClassName: 'max-w-md [overflow-wrap:anywhere]' },
    cell: ({ row }) => (
      <>
        {row.original.summary}
        <Changes changes={row.original.changes} />
      </>
    ),
  }),
  column.accessor((event) => event.origin ?? '—', {
    id: 'origin',
    header: 'Origin',
    meta: { cellClassName: 'font-mono text-xs break-all' },
  }),
];

export function AuditTable({ events }: { events: AuditEvent[] }) {
  return <DataTable caption="Audit events, newest first" data={events} columns={columns} getRowId={(event) => event.id} />;
}
