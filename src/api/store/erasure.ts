import type { ErasurePlan } from '@/api/rules/erasure';
import { ERASED_NAME, ERASED_TEXT, mentions, redactDeep } from '@/api/rules/erasure';
import type { TableRecords } from './schemas';

/** How many records of each table the erasure rewrote. */
export type ErasureCounts = Partial<Record<ErasableTable, number>>;

export const erasableTables = [
  'accounts',
  'subjects',
  'consentEvents',
  'consentReviews',
  'supportAccess',
  'deletions',
  'audit',
  'mailMessages',
  'breaches',
] as const;
export type ErasableTable = (typeof erasableTables)[number];

/** Told of each record the erasure rewrites, as it was and as it is now. */
export type ErasureListener = <K extends ErasableTable>(table: K, before: TableRecords[K], after: TableRecords[K]) => void;

/**
 * The record as the erasure leaves it, or null when it is not touched. Every store applies this same
 * function to every record of the erasable tables (a store may first narrow by `mentions` or by account).
 */
export function eraseRecord<K extends ErasableTable>(table: K, record: TableRecords[K], plan: ErasurePlan): TableRecords[K] | null {
  const hashOf = new Map(plan.subjects.map((s) => [s.id, s.emailHash]));
  const ours = (accountId: string | null) => !plan.keepAccount && accountId === plan.accountId;
  const entry = { table, record } as { [T in ErasableTable]: { table: T; record: TableRecords[T] } }[ErasableTable];
  let next: TableRecords[ErasableTable];
  switch (entry.table) {
    case 'accounts':
      if (!ours(entry.record.id) && !mentions(entry.record, plan.replacements)) return null;
      next = ours(entry.record.id)
        ? { ...redactDeep(entry.record, plan.replacements), name: plan.tombstone }
        : redactDeep(entry.record, plan.replacements);
      break;
    case 'subjects': {
      const r = entry.record;
      if (hashOf.has(r.id)) {
        const emailHash = hashOf.get(r.id) ?? null;
        next = { ...r, name: null, email: null, ...(emailHash && { emailHash }) };
      } else if (mentions(r, plan.replacements)) next = redactDeep(r, plan.replacements);
      else return null;
      break;
    }
    case 'consentEvents': {
      const r = entry.record;
      if (hashOf.has(r.subjectId)) {
        const emailHash = hashOf.get(r.subjectId) ?? null;
        next = { ...redactDeep(r, plan.replacements), email: null, ...(emailHash && { emailHash }) };
      } else if (mentions(r, plan.replacements)) next = redactDeep(r, plan.replacements);
      else return null;
      break;
    }
    case 'supportAccess': {
      const r = entry.record;
      if (!ours(r.accountId) && !mentions(r, plan.replacements)) return null;
      const redacted = redactDeep(r, plan.replacements);
      next = ours(r.accountId)
        ? {
            ...redacted,
            accountName: plan.tombstone,
            consent: redacted.consent && { ...redacted.consent, personName: ERASED_NAME, quote: ERASED_TEXT },
          }
        : redacted;
      break;
    }
    case 'deletions': {
      const r = entry.record;
      if (!ours(r.accountId) && !mentions(r, plan.replacements)) return null;
      next = ours(r.accountId) ? { ...redactDeep(r, plan.replacements), accountName: plan.tombstone } : redactDeep(r, plan.replacements);
      break;
    }
    default:
      if (!mentions(entry.record, plan.replacements)) return null;
      next = redactDeep(entry.record, plan.replacements);
  }
  return JSON.stringify(next) === JSON.stringify(record) ? null : (next as TableRecords[K]);
}
