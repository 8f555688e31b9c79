import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decryptSecret, openWithDataKey } from '@/api/services/crypto';
import type { SupportAccessSecretRecord } from '@/api/store/schemas';
import type { AppDeps } from '@/api/deps';
import { startJobs } from '@/api/jobs/registry';
import { makeCtx } from '@/api/services/context';
import { actOnSupportAccess } from '@/api/services/support-access';
import type { Harness, StoreFactory } from '@/testing/harness';
import { makeHarness, TEST_KEY, testPasswords } from '@/testing/harness';
import type { Db } from './db';
import { openPglite } from './db';
import { migrate } from './migrate';
import { PgBossQueue } from './pg-boss-queue';
import { SqlStore } from './sql-store/sql-store';
import { makePostgresStore, testDatabaseUrl } from './test-support';

/** Every file under `dir` that holds `needle` (bytes), as paths relative to `dir`. */
function filesHolding(dir: string, needles: readonly string[]): string[] {
  const hits: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const bytes = readFileSync(path);
        for (const needle of needles)
          if (bytes.includes(Buffer.from(needle))) hits.push(`${path.slice(dir.length)} (${needle.slice(0, 8)}…)`);
      }
    }
  };
  walk(dir);
  return hits;
}

/** The base64 body of `iv.body`: long and random, so finding it in a file means the value is there. */
const body = (sealed: string) => sealed.split('.')[1] ?? sealed;

/** A customer consents on the page (login details with `password`), an officer approves, the agent reveals. */
async function grantWithLoginDetails(h: Harness, password: string): Promise<string> {
  const account = h.seed.accounts.find(
    (a) =>
      a.hosting === 'cloud' &&
      a.status === 'active' &&
      !h.seed.supportAccess.some((r) => r.accountId === a.id && ['pending', 'active'].includes(r.status)) &&
      !h.seed.deletions.some((d) => d.accountId === a.id && !['completed', 'rejected'].includes(d.status)),
  )!;
  const owner = h.seed.subjects.find((s) => s.accountId === account.id && s.accountRole === 'owner')!;
  const r = await h.ok('support', 'createSupportAccess', {
    body: { accountId: account.id, ticketRef: 'SHRED-1', reason: 'Check the export', scope: 'read', durationHours: 4, ownerId: owner.id },
  });
  const token = r.issuedConsentLink!.split('/').pop()!;
  const consented = await h.call('nobody', 'POST', `/api/public/access/${token}/consent`, {
    body: { typedName: owner.name, username: 'owner-login', password },
  });
  expect(consented.status).toBe(200);
  const pending = await h.ok('auditor', 'getSupportAccess', { params: { id: r.id } });
  await h.ok('officer', 'supportAccessApprove', { params: { id: r.id }, version: pending.version });
  expect((await h.ok('support', 'supportAccessReveal', { params: { id: r.id } })).password).toBe(password);
  return r.id;
}

async function revokeThrough(h: Harness, id: string): Promise<void> {
  const active = await h.ok('auditor', 'getSupportAccess', { params: { id } });
  await h.ok('officer', 'supportAccessRevoke', { params: { id }, body: { reason: 'Done' }, version: active.version });
  // The shred job (VACUUM FULL, CHECKPOINT) runs on the queue.
  await h.runJobs();
}

async function secretOf(h: Harness, id: string): Promise<SupportAccessSecretRecord | null> {
  return h.store.transaction((tx) => tx.supportAccessSecrets.get(id));
}

describe('destroyed login details: crypto-shredding', () => {
  const base = mkdtempSync(join(tmpdir(), 'pc-shred-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('PGlite: after destruction and a restart no file of the data directory holds the ciphertext or the wrapped data key', async () => {
    const dir = join(base, 'pglite');
    const db: Db = await openPglite(dir);
    await migrate(db);
    const factory: StoreFactory = async (options) => {
      const queue = new PgBossQueue(db, { schema: 'pgboss', poll: false, ...(options?.now ? { now: options.now } : {}) });
      return { store: new SqlStore(db, { jobs: queue }), jobs: { queue, advance: (s) => queue.advance(s) }, cleanup: () => db.close() };
    };
    const h = await makeHarness(factory, 'server');
    const password = `pw-${crypto.randomUUID()}`;
    const id = await grantWithLoginDetails(h, password);
    const stored = (await secretOf(h, id))!;
    const needles = [body(stored.sealed), body(stored.wrappedKey)];
    // The data key is what opens the ciphertext; the server key alone does not.
    expect(await openWithDataKey(TEST_KEY, stored, id)).toContain(password);
    await expect(decryptSecret(TEST_KEY, stored.sealed, id)).rejects.toThrow();
    await h.close();
    // The scan finds them while they exist (an unlogged table reaches its file at shutdown): a scan that
    // cannot find them would prove nothing.
    expect(filesHolding(dir, needles).length).toBeGreaterThan(0);

    // The server starts again; the grant is revoked and the shred job runs, as on the server.
    const db2 = await openPglite(dir);
    const queue = new PgBossQueue(db2, { schema: 'pgboss', poll: false, now: () => h.clock.now });
    const deps: AppDeps = {
      store: new SqlStore(db2, { jobs: queue }),
      mode: 'server',
      passwords: testPasswords,
      credentialsKey: TEST_KEY,
      jobs: queue,
      now: () => h.clock.now,
    };
    await queue.start();
    await startJobs(queue, deps);
    const officer = (await deps.store.transaction((tx) => tx.users.getByEmail('officer@demo.test')))!;
    const active = (await deps.store.transaction((tx) => tx.supportAccess.get(id)))!;
    await actOnSupportAccess(makeCtx(deps), { user: officer, origin: null }, id, active.version, { action: 'revoke', reason: 'Done' });
    expect(await queue.runDue()).toBeGreaterThan(0);
    await queue.stop();
    await db2.close();

    // And once more; then every file of the data directory (heap, WAL, free space map, everything).
    const again = await openPglite(dir);
    expect((await again.query('SELECT count(*)::int AS n FROM support_access_secrets')).rows[0]).toEqual({ n: 0 });
    expect(
      (
        await again.query<{ doc: { hasCredentials: boolean; status: string } }>('SELECT doc FROM support_access_requests WHERE id = $1', [
          id,
        ])
      ).rows[0]?.doc,
    ).toMatchObject({ status: 'revoked', hasCredentials: false });
    await again.close();
    expect(filesHolding(dir, [...needles, password])).toEqual([]);
    await expect(decryptSecret(TEST_KEY, stored.sealed, id)).rejects.toThrow();
  }, 120_000);

  it.runIf(testDatabaseUrl())(
    'PostgreSQL: the row and its data key are gone from every table, the table never reaches the WAL',
    async () => {
      const made = await makePostgresStore();
      if (!made) throw new Error('TEST_DATABASE_URL is set but no store was made');
      const h = await makeHarness(async () => made, 'server');
      try {
        const { rows } = await made.sql<{ persistence: string }>(
          `SELECT relpersistence AS persistence FROM pg_class WHERE relname = 'support_access_secrets'`,
        );
        // Unlogged: its rows are never written to the WAL (nor to physical backups or replicas).
        expect(rows).toEqual([{ persistence: 'u' }]);
        const password = `pw-${crypto.randomUUID()}`;
        const id = await grantWithLoginDetails(h, password);
        const stored = (await secretOf(h, id))!;
        const holding = async () => {
          const tables = await made.sql<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`);
          const found: string[] = [];
          for (const { name } of tables.rows) {
            const hit = await made.sql<{ n: number }>(
              `SELECT count(*)::int AS n FROM "${name}" t WHERE t::text LIKE $1 OR t::text LIKE $2`,
              [`%${body(stored.sealed)}%`, `%${body(stored.wrappedKey)}%`],
            );
            if ((hit.rows[0]?.n ?? 0) > 0) found.push(name);
          }
          return found;
        };
        expect(await holding()).toEqual(['support_access_secrets']);
        await revokeThrough(h, id);
        expect(await secretOf(h, id)).toBeNull();
        expect(await holding()).toEqual([]);
        await expect(decryptSecret(TEST_KEY, stored.sealed, id)).rejects.toThrow();
      } finally {
        await h.close();
      }
    },
    120_000,
  );
});
