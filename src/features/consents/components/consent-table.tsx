import { Link } from 'react-router';
import type { ConsentEvent } from '../../../api/contract/consent';
import { consentPurposeLabels } from '../../../api/contract/consent';
import { linkClass } from '../../../components/ui/classes';
import { Table, TBody, Td, Th, THead } from '../../../components/ui/table';
import { formatDateTime, humanize, maskEmail } from '../../../lib/format';
import { ConsentActionBadge } from './consent-labels';

type ConsentTableProps = { events: readonly ConsentEvent[]; caption?: string; showSubject?: boolean };

export function ConsentTable({ events, caption = 'Consent events, newest first', showSubject = true }: ConsentTableProps) {
  return (
    <Table caption={caption}>
      <THead>
        <Th>Time</Th>
        {showSubject ? <Th>Subject</Th> : null}
        <Th>Purpose</Th>
        <Th>Action</Th>
        <Th>Channel</Th>
        <Th>Notice version</Th>
      </THead>
      <TBody>
        {events.map((event) => (
          <tr key={event.id}>
            <Td className="whitespace-nowrap">
              <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt)}</time>
            </Td>
            {showSubject ? (
              <Td>
                <Link to={`/subjects/${event.subjectId}`} className={linkClass}>
                  {event.email ? maskEmail(event.email) : `Visitor ${event.subjectId}`}
                </Link>
              </Td>
            ) : null}
            <Td>{consentPurposeLabels[event.purpose]}</Td>
            <Td>
              <ConsentActionBadge action={event.action} />
            </Td>
            <Td>{humanize(event.channel)}</Td>
            <Td className="font-mono text-xs">{event.noticeVersion}</Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
