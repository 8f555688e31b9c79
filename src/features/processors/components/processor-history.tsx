import { useQuery } from '@tanstack/react-query';
import type { AuditEvent } from '@/api/contract/audit';
import { QueryState } from '@/components/ui/states';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { describeChange } from '@/api/rules/processor-changes';
import { formatInstant } from '@/lib/format';
import { processorQueries } from '@/features/processors/api/processor-queries';

export function ProcessorHistory({ id }: { id: string }) {
  const query = useQuery(processorQueries.history(id));
  return (
    <QueryState query={query} loading="Loading the history…" rows={3}>
      {(history) => <HistoryTable events={history.items} />}
    </QueryState>
  );
}

function HistoryTable({ events }: { events: readonly AuditEvent[] }) {
  const rows = events.flatMap((event) =>
    event.changes.length > 0
      ? event.changes.map((change, index) => ({
          key: `${event.id}-${index}`,
          event,
          change: describeChange(change),
        }))
      : [{ key: event.id, event, change: '—' }],
  );
  if (rows.length === 0) return <p className="text-sm text-gray-600">No changes recorded yet.</p>;
  return (
    <Table caption="History of changes">
      <THead>
        <Th>When</Th>
        <Th>Who</Th>
        <Th>What</Th>
        <Th>Change</Th>
      </THead>
      <TBody>
        {rows.map(({ key, event, change }) => (
          <tr key={key}>
            <Td className="whitespace-nowrap">
              <time dateTime={event.at}>{formatInstant(event.at)}</time>
            </Td>
            <Td>{event.actorName}</Td>
            <Td>{event.summary}</Td>
            <Td className="max-w-md break-words">{change}</Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
