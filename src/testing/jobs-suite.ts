import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@/api/app';
import type { Harness, StoreFactory } from '@/testing/harness';
import { makeHarness, TEST_KEY, testPasswords } from '@/testing/harness';

const HOUR = 3600;

/** The app's jobs on a store's own job queue (in-page, or pg-boss in the store's database). */
export function describeJobs(name: string, makeStore: StoreFactory): void {
  describe(`jobs on ${name}`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await makeHarness(makeStore, 'server');
    });
    afterAll(async () => {
      await h.close();
    });

    it('ends grants past their end and destroys their login details by the sweep job, with no one reading', async () => {
      const running = h.seed.supportAccess.filter((r) => r.status === 'active');
      expect(running.length).toBeGreaterThan(0);
      // Past the longest grant; the clock moves without any request, so only a job can end them.
      h.clock.now = new Date(h.clock.now.getTime() + 25 * HOUR * 1000);
      const queue = h.jobs;
      if (!queue) throw new Error('the store has no job queue');
      expect(await queue.send('sweep', {})).toEqual(expect.any(String));
      expect(await queue.runDue()).toBeGreaterThan(0);
      const stored = await h.store.transaction(async (tx) => Promise.all(running.map((r) => tx.supportAccess.get(r.id))));
      for (const record of stored) {
        expect(record?.status).toBe('ended');
        expect(record?.hasCredentials).toBe(false);
        expect(record?.timeline.at(-1)?.action).toMatch(/Grant ended|Login details destroyed/);
      }
      const audit = await h.ok('auditor', 'listAuditEvents', { query: { action: 'support_access.ended', limit: 200 } });
      expect(audit.items.map((e) => e.recordId).sort()).toEqual(expect.arrayContaining(running.map((r) => r.id).sort()));
    });

    it('moves the clock through POST /api/test/clock only where a test clock is given, and runs what became due', async () => {
      expect((await h.call('nobody', 'POST', '/api/test/clock', { body: { advanceSeconds: 60 } })).status).toBe(404);
      let offset = 0;
      const app = createApp({
        store: h.store,
        mode: 'server',
        passwords: testPasswords,
        credentialsKey: TEST_KEY,
        now: () => new Date(h.clock.now.getTime() + offset),
        testClock: {
          advance: async (seconds) => {
            offset += seconds * 1000;
          },
        },
      });
      const post = (body: unknown) =>
        app.request('/api/test/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const moved = await post({ advanceSeconds: 2 * HOUR });
      expect(moved.status).toBe(200);
      expect(((await moved.json()) as { now: string }).now).toBe(new Date(h.clock.now.getTime() + 2 * HOUR * 1000).toISOString());
      const refused = await post({ advanceSeconds: -5 });
      expect(refused.status).toBe(422);
      expect(offset).toBe(2 * HOUR * 1000);
    });
  });
}
