import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@/api/app';
import { connectorTestResult } from '@/api/contract/connectors';
import { sandboxBaseUrls, sandboxCredentials } from '@/demo/sandboxes/sandbox-config';
import { demoPassword } from '@/demo/seed-data';
import { smallSeed, TEST_KEY, testPasswords } from '@/testing/harness';
import { useSchemaStatement } from './db';
import { serverSandboxes } from './sandboxes';
import { loadSeed } from './seed-loader';
import type { TestStore } from './test-support';
import { makePgliteStore } from './test-support';

let t: TestStore;
beforeAll(async () => {
  t = await makePgliteStore();
  await loadSeed(t.db, await smallSeed(), testPasswords, TEST_KEY, { schema: t.schema });
});
afterAll(async () => {
  await t.cleanup();
});

const now = () => new Date('2026-11-29T10:00:00.000Z');
/** The store's Db with its schema selected: what the server passes is a plain Db on `public`. */
const inSchema = () => ({
  query: <R extends Record<string, unknown>>(sql: string, params?: readonly unknown[]) =>
    t.db.transaction(async (q) => {
      await q.query(useSchemaStatement(t.schema));
      return q.query<R>(sql, params);
    }),
});

describe('the server’s vendor sandboxes', () => {
  it('hold the people of the database, made on the first call', async () => {
    const sandboxes = serverSandboxes(inSchema(), now);
    const owner = (await smallSeed()).subjects.find((s) => s.accountRole === 'owner' && s.email);
    const res = await sandboxes.fetch(`${sandboxBaseUrls.stripe}/customers?email=${encodeURIComponent(owner?.email ?? '')}&limit=10`, {
      headers: { authorization: `Bearer ${sandboxCredentials.stripe.secretKey ?? ''}` },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: unknown[] }).data).toHaveLength(1);
  });

  it('take a failure over the test-clock endpoint, which the seeded connector then meets', async () => {
    const sandboxes = serverSandboxes(inSchema(), now);
    const app = createApp({
      store: t.store,
      mode: 'server',
      passwords: testPasswords,
      credentialsKey: TEST_KEY,
      connectorFetch: sandboxes.fetch,
      sandboxes,
      now,
      testClock: { advance: async () => undefined },
    });
    const signIn = await app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'officer@demo.test', password: demoPassword }),
    });
    const cookie = /pc_session=[^;]+/.exec(signIn.headers.get('set-cookie') ?? '')?.[0] ?? '';
    const post = (path: string, body?: unknown) =>
      app.request(path, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    expect((await post('/api/test/sandboxes/acme/failures', { kind: 'rate_limit' })).status).toBe(404);
    expect((await post('/api/test/sandboxes/stripe/failures', { kind: 'meteor' })).status).toBe(422);
    expect((await post('/api/test/sandboxes/stripe/failures', { kind: 'rate_limit', times: 1 })).status).toBe(204);
    const limited = connectorTestResult.parse(await (await post('/api/processors/prc_stripe/connector/test')).json());
    expect(limited).toMatchObject({ ok: false, status: 429 });
    const fine = connectorTestResult.parse(await (await post('/api/processors/prc_stripe/connector/test')).json());
    expect(fine).toMatchObject({ ok: true, status: 200 });
  });
});
