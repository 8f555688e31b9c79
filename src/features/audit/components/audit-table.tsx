import { Link } from 'react-router';
import type { AuditEvent, FieldChange, RecordType } from '@/api/contract/audit';
import { roleLabels } from '@/api/contract/common';
import { linkClass } from '@/components/ui/classes';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
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
        <li key={`${change.field}-${index}`} className="break-words">
          <span className="font-medium">{humanize(change.field)}</span>: {valueText(change.before)}
          <span aria-hidden="true"> → </span>
          <span className="sr-only"> became </span>
          {valueText(change.after)}
        </li>
      ))}
    </ul>
  );
}

export function AuditTable({ events }: { events: readonly AuditEvent[] }) {
  return (
    <Table caption="Audit events, newest first">
      <THead>
        <Th>Time</Th>
        <Th>Actor</Th>
        <Th>Role</Th>
        <Th>Action</Th>
        <Th>Record</Th>
        <Th>Summary</Th>
        <Th>Origin</Th>
      </THead>
      <TBody>
        {events.map((event) => (
          <tr key={event.id}>
            <Td className="whitespace-nowrap">
              <time dateTime={event.at}>{formatDateTime(event.at)}</time>
            </Td>
            <Td>{event.actorName}</Td>
            <Td>{event.actorRole ? roleLabels[event.actorRole] : 'System'}</Td>
            <Td className="font-mono text-xs">{event.action}</Td>
            <Td className="break-all">
              <RecordCell event={event} />
            </Td>
            <Td className="max-w-md">
              {event.summary}
              <Changes changes={event.changes} />
            </Td>
            <Td className="font-mono text-xs break-all">{event.origin ?? '—'}</Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
