import { z } from 'zod';
import type { JournalEntry, MemoryStore } from '@/api/store/memory/memory-store';
import type { TableName, TableRecords } from '@/api/store/schemas';
import { recordSchemas } from '@/api/store/schemas';

// Apart from persistence.ts, which the API's worker reads before the API's code (zod, the record schemas)
// has loaded: the journal's read need not wait for them.

const isTableName = (table: string): table is TableName => Object.hasOwn(recordSchemas, table);

const entryShape = z.object({
  table: z.string(),
  op: z.enum(['put', 'delete']),
  key: z.string(),
  record: z.unknown().optional(),
});

function prepare<K extends TableName>(
  table: K,
  op: 'put' | 'delete',
  key: string,
  record: unknown,
  store: MemoryStore,
): (() => void) | null {
  if (op === 'delete') {
    const entry: JournalEntry<K> = { table, op, key };
    return () => store.applyJournal([entry]);
  }
  const schema: z.ZodType<TableRecords[K]> = recordSchemas[table];
  const parsed = schema.safeParse(record);
  if (!parsed.success) return null;
  const entry: JournalEntry<K> = { table, op, key, record: parsed.data };
  return () => store.applyJournal([entry]);
}

/**
 * Replays saved changes over a store freshly made from the seed. What comes out of storage is checked
 * against the contract first; if any of it does not parse, nothing is applied and the answer is false
 * (the caller then starts over from the seed rather than from half a history).
 */
export function replayChanges(store: MemoryStore, changes: readonly unknown[]): boolean {
  const steps: (() => void)[] = [];
  for (const raw of changes) {
    const shape = entryShape.safeParse(raw);
    const step =
      shape.success && isTableName(shape.data.table)
        ? prepare(shape.data.table, shape.data.op, shape.data.key, shape.data.record, store)
        : null;
    if (!step) return false;
    steps.push(step);
  }
  for (const step of steps) step();
  return true;
}
