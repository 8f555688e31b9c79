import { useQuery } from '@tanstack/react-query';
import type { AuditEvent } from '@/api/contract/audit';
import { QueryState } from '@/components/ui/states';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { formatDateTime, humanize } from '@/lib/format';
import { processorQueries } from '@/features/processors/api/processor-queries';

/** A changed value as a reader would say it: text as is, lists and objects compactly. */
function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

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
          field: humanize(change.field),
          before: show(change.before),
          after: show(change.after),
        }))
      : [{ key: event.id, event, field: '—', before: '', after: event.summary }],
  );
  if (rows.length === 0) return <p className="text-sm text-gray-600">No changes recorded yet.</p>;
  return (
    <Table caption="History of changes">
      <THead>
        <Th>When</Th>
        <Th>Who</Th>
        <Th>What</Th>
        <Th>Field</Th>
        <Th>Before</Th>
        <Th>After</Th>
      </THead>
      <TBody>
        {rows.map(({ key, event, field, before, after }) => (
          <tr key={key}>
            <Td className="whitespace-nowrap">{formatDateTime(event.at)}</Td>
            <Td>{event.actorName}</Td>
            <Td>{event.summary}</Td>
            <Td>{field}</Td>
            <Td className="max-w-xs break-words">{before}</Td>
            <Td className="max-w-xs break-words">{after}</Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
