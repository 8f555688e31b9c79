import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '@/api/contract/endpoints';
import { seedUsers } from '@/demo/seed';
import { demoPassword } from '@/demo/seed-data';
import type { Harness } from '@/testing/harness';
import { makeHarness } from '@/testing/harness';
import type { TestStore } from './test-support';
import { makePgliteStore } from './test-support';

describe('health on the SQL store', () => {
  let t: TestStore;
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness(
      async (options) => {
        t = await makePgliteStore(options);
        return t;
      },
      'server',
      { demoUsers: { users: seedUsers.map(({ email, name, role }) => ({ email, name, role })), password: demoPassword } },
    );
  });
  afterAll(async () => {
    await h?.close();
  });

  it('writes and commits a heartbeat, and names the demo users that exist for the sign-in page', async () => {
    const res = await h.call('nobody', 'GET', '/api/health');
    expect(res.status).toBe(200);
    const health = endpoints.health.response.parse(res.json);
    expect(health).toMatchObject({ status: 'ok', database: 'reachable', writes: 'ok' });
    expect(health.demo?.password).toBe(demoPassword);
    expect(health.demo?.users.map((u) => u.email)).toEqual([
      'officer@demo.test',
      'officer2@demo.test',
      'support@demo.test',
      'auditor@demo.test',
    ]);
    const beat = await t.sql<{ at: Date }>('SELECT at FROM heartbeat WHERE id = 1');
    expect(new Date(beat.rows[0]!.at).toISOString()).toBe(h.clock.now.toISOString());
  });

  it('answers 503 with writes failing when the database answers but takes no write', async () => {
    // A real failing write path: every transaction read-only (as on a full disk, writes fail; reads work).
    await t.db.query('SET default_transaction_read_only = on');
    try {
      const res = await h.call('nobody', 'GET', '/api/health');
      expect(res.status).toBe(503);
      expect(endpoints.health.response.parse(res.json)).toMatchObject({ status: 'failing', database: 'reachable', writes: 'failing' });
    } finally {
      await t.db.query('SET default_transaction_read_only = off');
    }
    expect((await h.call('nobody', 'GET', '/api/health')).status).toBe(200);
  });
});
