import { randomBytes } from 'node:crypto';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@/api/app';
import { endpoints } from '@/api/contract/endpoints';
import type { AppDeps, PasswordHasher } from '@/api/deps';
import { accountRule } from '@/api/rules/sign-in';
import { loadSeedThroughStore } from '@/demo/load-seed';
import { demoPassword } from '@/demo/seed-data';
import { newProcessor } from '@/testing/api-suite/helpers';
import { ANCHOR, smallSeed, TEST_KEY, testPasswords } from '@/testing/harness';
import type { Db } from './db';
import { openPostgres } from './db';
import { checkCredentialsKey } from './key-check';
import { PgBossQueue } from './pg-boss-queue';
import { SqlStore } from './sql-store/sql-store';
import type { TestStore } from './test-support';
import { makePgliteStore, makePostgresStore, testDatabaseUrl } from './test-support';

const otherKey = randomBytes(32).toString('base64');

describe('the credentials key check (PGlite)', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await makePgliteStore();
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('records the first start’s key, accepts it again, and refuses another in one line', async () => {
    expect(await checkCredentialsKey(t.db, TEST_KEY, 'CREDENTIALS_KEY', { schema: t.schema })).toBe('recorded');
    expect(await checkCredentialsKey(t.db, TEST_KEY, 'CREDENTIALS_KEY', { schema: t.schema })).toBe('matches');
    const refused = checkCredentialsKey(t.db, otherKey, 'CREDENTIALS_KEY', { schema: t.schema });
    await expect(refused).rejects.toThrow(
      /^The credentials key \(CREDENTIALS_KEY\) is not the one this database was first started with on \d{4}-\d{2}-\d{2}[^\n]*$/,
    );
    // Only a check value is kept, never the key.
    const kept = await t.sql<{ value: string }>(`SELECT value FROM server_checks WHERE name = 'credentials_key'`);
    expect(kept.rows[0]?.value).not.toContain(TEST_KEY);
  });
});

/** The test hasher, with a gate that holds every check while closed, counting checks. */
function gatedHasher() {
  let release: () => void = () => undefined;
  let gate: Promise<void> | null = null;
  const verified: string[] = [];
  const hasher: PasswordHasher = {
    hash: (p) => testPasswords.hash(p),
    async verify(p, h) {
      verified.push(h);
      if (gate) await gate;
      return testPasswords.verify(p, h);
    },
  };
  const close = () => {
    gate = new Promise((resolve) => {
      release = resolve;
    });
  };
  const open = () => {
    gate = null;
    release();
  };
  return { hasher, verified, close, open };
}

type Instance = { app: Hono; store: SqlStore; db: Db; jobs: PgBossQueue };
type Answer = { status: number; json: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

if (testDatabaseUrl()) {
  /**
   * Two server instances (two apps over two SqlStores on two connection pools) on one PostgreSQL database,
   * raced against each other: every uniqueness and single-open rule, every If-Match and the sign-in
   * throttle must hold across them, which only constraints and statements that compare in the database can.
   */
  describe('two instances on one PostgreSQL database', () => {
    let t: TestStore;
    const instances: Instance[] = [];
    const gated = gatedHasher();
    const clock = { now: new Date(ANCHOR) };
    const tokens = new Map<string, string>();

    beforeAll(async () => {
      const made = await makePostgresStore();
      if (!made?.url) throw new Error('TEST_DATABASE_URL is set but no store was made');
      t = made;
      await loadSeedThroughStore(t.store, await smallSeed(), testPasswords, TEST_KEY);
      for (const db of [t.db, openPostgres(t.url!, { max: 5 })]) {
        const jobs = new PgBossQueue(db, { poll: false, now: () => clock.now });
        await jobs.start();
        const store = new SqlStore(db, { jobs, ownsDb: false });
        const deps: AppDeps = {
          store,
          mode: 'server',
          passwords: gated.hasher,
          credentialsKey: TEST_KEY,
          now: () => clock.now,
          clientAddress: (_request, env) => (env as { address?: string } | undefined)?.address ?? null,
        };
        instances.push({ app: createApp(deps), store, db, jobs });
      }
    });
    afterAll(async () => {
      for (const i of instances) await i.jobs.stop();
      await instances[1]?.db.close();
      await t?.cleanup();
    });

    const on = (n: 0 | 1) => instances[n]!.app;
    async function request(
      n: 0 | 1,
      method: string,
      path: string,
      opts: { body?: unknown; version?: number; cookie?: string; address?: string } = {},
    ): Promise<Answer & { headers: Headers }> {
      const headers: Record<string, string> = {};
      if (opts.body !== undefined) headers['content-type'] = 'application/json';
      if (opts.version !== undefined) headers['if-match'] = `"${opts.version}"`;
      if (opts.cookie) headers.cookie = opts.cookie;
      const res = await on(n).request(
        path,
        { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) },
        { address: opts.address ?? '192.0.2.1' },
      );
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : null, headers: res.headers };
    }
    /** A session of `email` on instance `n` (each instance signs in on its own). */
    async function as(n: 0 | 1, email: string): Promise<string> {
      const key = `${n}:${email}`;
      let cookie = tokens.get(key);
      if (!cookie) {
        const res = await request(n, 'POST', '/api/session', { body: { email, password: demoPassword } });
        expect(res.status).toBe(201);
        cookie = /pc_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0];
        tokens.set(key, cookie);
      }
      return cookie;
    }
    const sorted = (answers: Answer[]) => answers.map((a) => a.status).sort();

    it('opens one deletion request per account when both instances record an erasure for 10 accounts at once', async () => {
      const [a, b] = [await as(0, 'officer@demo.test'), await as(1, 'officer2@demo.test')];
      const { rows } = await t.sql<{ id: string }>(
        `SELECT id FROM accounts WHERE status = 'active' AND id NOT IN
           (SELECT account_id FROM deletion_requests WHERE status NOT IN ('completed', 'rejected') AND account_id IS NOT NULL)
           ORDER BY id LIMIT 10`,
      );
      expect(rows).toHaveLength(10);
      const body = (accountId: string) => ({
        accountId,
        origin: 'erasure_request',
        receivedAt: clock.now.toISOString(),
        note: 'Asked by email',
      });
      const results = await Promise.all(
        rows.flatMap(({ id }) => [
          request(0, 'POST', '/api/deletion-requests', { body: body(id), cookie: a }),
          request(1, 'POST', '/api/deletion-requests', { body: body(id), cookie: b }),
        ]),
      );
      for (let i = 0; i < rows.length; i++) expect(sorted(results.slice(2 * i, 2 * i + 2)), rows[i]!.id).toEqual([201, 409]);
      const open = await t.sql<{ account_id: string; open: string }>(
        `SELECT account_id, count(*) AS open FROM deletion_requests WHERE status NOT IN ('completed', 'rejected')
           AND account_id = ANY($1::text[]) GROUP BY account_id`,
        [rows.map((r) => r.id)],
      );
      expect(open.rows.map((r) => Number(r.open))).toEqual(Array(10).fill(1));
      const events = await t.sql<{ n: string }>(
        `SELECT count(*) AS n FROM audit_events WHERE action = 'deletion.create' AND record_id IN
        (SELECT id FROM deletion_requests WHERE account_id = ANY($1::text[]))`,
        [rows.map((r) => r.id)],
      );
      expect(Number(events.rows[0]?.n)).toBe(10);
    });

    it('stores one processor of a name when four creates with that name race on two instances, for five names', async () => {
      const [a, b] = [await as(0, 'officer@demo.test'), await as(1, 'officer2@demo.test')];
      for (let n = 0; n < 5; n++) {
        const name = `Race Transcripts ${n}`;
        const create = (i: 0 | 1, cookie: string, spelled: string) =>
          request(i, 'POST', '/api/processors', { body: { ...newProcessor, name: spelled }, cookie });
        const results = await Promise.all([create(0, a, name), create(1, b, name), create(0, a, name.toUpperCase()), create(1, b, name)]);
        // The loser is told the name is taken, at its field (the registry's answer for a duplicate name).
        expect(sorted(results), name).toEqual([201, 422, 422, 422]);
        for (const r of results.filter((x) => x.status === 422)) expect(r.json.error.fields.name).toBe('Already in the registry');
        const stored = await t.sql<{ n: string }>('SELECT count(*) AS n FROM processors WHERE name_lower = $1', [name.toLowerCase()]);
        expect(Number(stored.rows[0]?.n)).toBe(1);
      }
    });

    it('answers 200 once and 412 once when both instances change the settings on the same If-Match', async () => {
      const [a, b] = [await as(0, 'officer@demo.test'), await as(1, 'officer2@demo.test')];
      for (let round = 0; round < 5; round++) {
        const current = endpoints.getSettings.response.parse((await request(0, 'GET', '/api/settings', { cookie: a })).json);
        const results = await Promise.all([
          request(0, 'PATCH', '/api/settings', { body: { processorNoticeDays: 20 + round }, version: current.version, cookie: a }),
          request(1, 'PATCH', '/api/settings', { body: { processorNoticeDays: 40 + round }, version: current.version, cookie: b }),
        ]);
        expect(sorted(results), `round ${round} on version ${current.version}`).toEqual([200, 412]);
        const after = endpoints.getSettings.response.parse((await request(1, 'GET', '/api/settings', { cookie: b })).json);
        expect(after.version).toBe(current.version + 1);
      }
    });

    it('throttles sign-in across both instances: 50 wrong passwords at once get 5 checks and 45 answers of 429', async () => {
      const before = gated.verified.length;
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          request((i % 2) as 0 | 1, 'POST', '/api/session', {
            body: { email: 'auditor@demo.test', password: `wrong-${i}` },
            address: '198.51.100.20',
          }),
        ),
      );
      expect(sorted(results)).toEqual([...Array(accountRule.threshold).fill(401), ...Array(50 - accountRule.threshold).fill(429)].sort());
      expect(gated.verified.length - before).toBe(accountRule.threshold);
    });

    it('keeps the right password out on one instance while a burst on both holds the throttle', async () => {
      gated.close();
      const before = gated.verified.length;
      const wrong = Array.from({ length: 49 }, (_, i) =>
        request((i % 2) as 0 | 1, 'POST', '/api/session', {
          body: { email: 'support@demo.test', password: `wrong-${i}` },
          address: '198.51.100.21',
        }),
      );
      const settled: number[] = [];
      for (const w of wrong) void w.then((r) => settled.push(r.status));
      for (let i = 0; i < 2000 && !(gated.verified.length - before === accountRule.threshold && settled.length === 44); i++) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(gated.verified.length - before).toBe(accountRule.threshold);
      expect(settled).toEqual(Array(44).fill(429));
      const right = await request(1, 'POST', '/api/session', {
        body: { email: 'support@demo.test', password: demoPassword },
        address: '198.51.100.21',
      });
      expect(right.status).toBe(429);
      gated.open();
      expect(sorted(await Promise.all(wrong))).toEqual([...Array(5).fill(401), ...Array(44).fill(429)].sort());
    });

    it('records the credentials key once when both instances start together, and refuses a second instance with another key', async () => {
      const fresh = await makePostgresStore();
      if (!fresh?.url) throw new Error('no second database');
      const other = openPostgres(fresh.url, { max: 2 });
      try {
        const both = await Promise.all([
          checkCredentialsKey(fresh.db, TEST_KEY, 'CREDENTIALS_KEY'),
          checkCredentialsKey(other, TEST_KEY, 'CREDENTIALS_KEY'),
        ]);
        expect(both.sort()).toEqual(['matches', 'recorded']);
        await expect(checkCredentialsKey(other, otherKey, 'CREDENTIALS_KEY')).rejects.toThrow(
          /is not the one this database was first started with/,
        );
      } finally {
        await other.close();
        await fresh.cleanup();
      }
    });
  });
}
