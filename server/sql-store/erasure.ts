import type { ErasurePlan } from '@/api/rules/erasure';
import type { ErasableTable, ErasureCounts, ErasureListener } from '@/api/store/erasure';
import { erasableTables, eraseRecord } from '@/api/store/erasure';
import type { TableRecords } from '@/api/store/schemas';
import type { Tx } from '@/api/store/store';
import type { Table } from '../tables';
import {
  accountsTable,
  auditTable,
  breachesTable,
  consentEventsTable,
  deletionsTable,
  mailMessagesTable,
  subjectsTable,
  supportAccessTable,
} from '../tables';
import type { Sql } from './query';
import { escapeLike } from './query';

type Spec<K extends ErasableTable> = {
  /** The table's name and columns; consent reviews have no column the erasure changes, so only their doc. */
  table: Table<TableRecords[K]> | { name: string; key: string; columns: [] };
  keyOf: (record: TableRecords[K]) => string;
  /** Rows of the account itself, beyond those whose text mentions a name or email ($1 account, $3 subjects). */
  own: string | null;
};

const specs: { [K in ErasableTable]: Spec<K> } = {
  accounts: { table: accountsTable, keyOf: (r) => r.id, own: 'id = $1' },
  subjects: { table: subjectsTable, keyOf: (r) => r.id, own: 'id = ANY($3::text[])' },
  consentEvents: { table: consentEventsTable, keyOf: (r) => r.id, own: 'subject_id = ANY($3::text[])' },
  consentReviews: { table: { name: 'consent_reviews', key: 'event_id', columns: [] }, keyOf: (r) => r.eventId, own: null },
  supportAccess: { table: supportAccessTable, keyOf: (r) => r.id, own: 'account_id = $1' },
  deletions: { table: deletionsTable, keyOf: (r) => r.id, own: 'account_id = $1' },
  audit: { table: auditTable, keyOf: (r) => r.id, own: null },
  mailMessages: { table: mailMessagesTable, keyOf: (r) => r.id, own: null },
  // A breach's notes and notice texts may name people; the register itself stays.
  breaches: { table: breachesTable, keyOf: (r) => r.id, own: null },
};

/**
 * The erasure of an account's personal data (rules/erasure): every row it concerns is read, rewritten by
 * `eraseRecord` and written back, columns and doc. The consent ledger's and the audit trail's triggers
 * refuse every change but this one (migration 008), which this transaction alone announces.
 */
export function erasureRepositories({ q, write }: Sql): Pick<Tx, 'erasure'> {
  return {
    erasure: {
      async eraseAccount(plan: ErasurePlan, onRewrite?: ErasureListener): Promise<ErasureCounts> {
        await q.query("SELECT set_config('privacy_console.erasing', $1, true)", [plan.accountId]);
        const patterns = plan.replacements.map((r) => `%${escapeLike(r.text)}%`);
        const subjectIds = plan.subjects.map((s) => s.id);
        const counts: ErasureCounts = {};
        const eraseIn = async <K extends ErasableTable>(name: K) => {
          const spec: Spec<K> = specs[name];
          const where = [spec.own, 'doc::text ILIKE ANY($2::text[])'].filter((c) => c !== null).join(' OR ');
          const { rows } = await q.query<{ doc: TableRecords[K] }>(
            `SELECT doc FROM ${spec.table.name} WHERE (${where}) AND $1::text IS NOT NULL AND $3::text[] IS NOT NULL`,
            [plan.accountId, patterns, subjectIds],
          );
          for (const { doc } of rows) {
            const next = eraseRecord(name, doc, plan);
            if (next === null) continue;
            const columns = (spec.table.columns as Table<TableRecords[K]>['columns']).filter((c) => c.name !== spec.table.key);
            const params: unknown[] = columns.map((c) => c.value(next));
            const sets = columns.map((c, i) => `${c.name} = $${i + 1}::${c.type}`);
            params.push(JSON.stringify(next));
            sets.push(`doc = $${params.length}::jsonb`);
            params.push(spec.keyOf(next));
            await write(
              { sql: `UPDATE ${spec.table.name} SET ${sets.join(', ')} WHERE ${spec.table.key} = $${params.length}`, params },
              name,
            );
            onRewrite?.(name, doc, next);
            counts[name] = (counts[name] ?? 0) + 1;
          }
        };
        for (const name of erasableTables) await eraseIn(name);
        await q.query("SELECT set_config('privacy_console.erasing', '', true)", []);
        return counts;
      },
    },
  };
}
