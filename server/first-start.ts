import { linkUnlinked, nodeChainHasher } from './sql-store/chain';
import type { PasswordHasher } from '@/api/deps';
import { newAuditEvent } from '@/api/records';
import type { SeedData } from '@/demo/seed-data';
import type { Db } from './db';
import type { SeedCounts } from './seed-loader';
import { loadSeedInto } from './seed-loader';
import { auditTable, insertStatement } from './tables';

export type FirstStartResult = { seeded: true; seed: SeedData; counts: SeedCounts } | { seeded: false; empty: boolean };

/**
 * Loads the demo seed into an empty database (no users, no accounts), in one transaction under an advisory
 * lock: of several instances starting together on one empty database, one seeds and the others find it done.
 */
export async function seedIfEmpty(
  db: Db,
  options: { seed: 'demo' | 'none'; makeSeed: () => Promise<SeedData>; passwords: PasswordHasher; credentialsKey: string },
): Promise<FirstStartResult> {
  return db.transaction(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['privacy-console:first-start']);
    const { rows } = await q.query('SELECT EXISTS (SELECT 1 FROM users) OR EXISTS (SELECT 1 FROM accounts) AS used');
    const empty = rows[0]?.used !== true;
    if (!empty || options.seed === 'none') return { seeded: false, empty };
    const seed = await options.makeSeed();
    const counts = await loadSeedInto(q, seed, options.passwords, options.credentialsKey);
    const event = newAuditEvent({
      id: 'aud_demo_seed',
      at: seed.anchor,
      actorName: 'Server',
      action: 'demo.seed',
      recordType: 'demo',
      recordId: 'seed',
      summary: `Loaded the demo data: ${counts.accounts} accounts, ${counts.consentEvents} consent events`,
    });
    const { sql, params } = insertStatement(auditTable, event);
    await q.query(sql, params);
    await linkUnlinked(q, nodeChainHasher(options.credentialsKey), 'audit');
    return { seeded: true, seed, counts };
  });
}
