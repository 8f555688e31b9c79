import { Link } from 'react-router';
import type { AuditEvent, RecordType } from '../../../api/contract/audit';
import { roleLabels } from '../../../api/contract/common';
import { linkClass } from '../../../components/ui/classes';
import { Table, TBody, Td, Th, THead } from '../../../components/ui/table';
import { formatDateTime, humanize } from '../../../lib/format';

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
    <Link to={`${base}/${event.recordId}`} className={linkClass}>
      {label}
    </Link>
  ) : (
    <span>{label}</span>
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
            <Td className="max-w-md">{event.summary}</Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
