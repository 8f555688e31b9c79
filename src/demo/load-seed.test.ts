import { describe, expect, it } from 'vitest';
import type { ErasurePlan } from '@/api/rules/erasure';
import type { ErasableTable } from '@/api/store/erasure';
import { eraseRecord } from '@/api/store/erasure';
import type { TableRecords } from '@/api/store/schemas';
import { completedDeletionPlans, eraseCompletedDeletions } from './load-seed';
import { generateSeed } from './seed';
import type { SeedData } from './seed-data';

const KEY = btoa('privacy-console-demo-key-32bytes');

/** Every plan asked of every record, as eraseCompletedDeletions did before it looked for the plans in a record first. */
function eraseEverywhere<K extends ErasableTable>(table: K, records: TableRecords[K][], plans: ErasurePlan[]): TableRecords[K][] {
  return records.map((record) => plans.reduce((next, plan) => eraseRecord(table, next, plan) ?? next, record));
}

describe('eraseCompletedDeletions', () => {
  it('erases what asking every plan of every record erases, mentions in other records included', async () => {
    const generated = await generateSeed({ now: new Date('2026-11-20T10:00:00Z'), accounts: 60, consentEvents: 600, deletionRequests: 20 });
    const plans = await completedDeletionPlans(generated, KEY);
    expect(plans.length).toBeGreaterThan(2);
    // Another account's support-access request names an erased person in its reason: only the text can find it.
    const erasedAccount = plans.find((p) => !p.keepAccount && p.replacements.some((r) => r.with === '[erased email]'));
    const email = erasedAccount?.replacements.find((r) => r.with === '[erased email]')?.text ?? '';
    const other = generated.supportAccess.findIndex((r) => r.accountId !== erasedAccount?.accountId);
    expect(email).not.toBe('');
    expect(other).toBeGreaterThanOrEqual(0);
    const seed: SeedData = {
      ...generated,
      supportAccess: generated.supportAccess.map((r, i) =>
        i === other ? { ...r, reason: `Customer asked about ${email.toUpperCase()}` } : r,
      ),
    };

    const erased = await eraseCompletedDeletions(seed, KEY);

    const tables = ['accounts', 'subjects', 'consentEvents', 'supportAccess', 'deletions', 'breaches'] as const;
    for (const table of tables) {
      expect(erased[table], table).toEqual(eraseEverywhere(table, seed[table] as never, plans));
    }
    expect(erased.supportAccess[other]?.reason).toBe('Customer asked about [erased email]');
    expect(erased.accounts.filter((a) => a.name.startsWith('Deleted account')).length).toBeGreaterThan(0);
  });
});
