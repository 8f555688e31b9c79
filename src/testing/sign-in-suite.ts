import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PasswordHasher } from '@/api/deps';
import { accountRule } from '@/api/rules/sign-in';
import { demoPassword } from '@/demo/seed-data';
import type { Harness, StoreFactory } from './harness';
import { makeHarness, testPasswords } from './harness';

/**
 * The test hasher, counting its work, with a gate: while closed, every check waits, so a test can hold a
 * burst's checked attempts in flight and see what the next attempt gets meanwhile.
 */
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
  return {
    hasher,
    verified,
    close() {
      gate = new Promise((resolve) => {
        release = resolve;
      });
    },
    open() {
      gate = null;
      release();
    },
  };
}

const until = async (done: () => boolean, what: string) => {
  for (let i = 0; i < 2000 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!done()) throw new Error(`Gave up waiting until ${what}`);
};

/**
 * Sign-in throttling under concurrency (issue 17), on every store: the attempts of a burst are counted
 * before their passwords are checked, so no more than the threshold are ever checked, whatever the timing.
 */
export function describeSignInThrottling(name: string, makeStore: StoreFactory, mode: 'demo' | 'server') {
  describe(`sign-in throttling on ${name} (${mode} mode)`, () => {
    let h: Harness;
    const gated = gatedHasher();
    beforeAll(async () => {
      h = await makeHarness(makeStore, mode, { passwords: gated.hasher });
    });
    afterAll(async () => {
      await h?.close();
    });

    const attempt = (email: string, password: string, address: string) =>
      h.call('nobody', 'POST', '/api/session', { body: { email, password }, address });
    const statuses = (results: { status: number }[]) => results.map((r) => r.status).sort();
    const throttledEvents = async () =>
      (await h.ok('auditor', 'listAuditEvents', { query: { action: 'session.sign_in_throttled', limit: 200 } })).items;

    it('answers a burst of 50 wrong passwords at once with 429 past the threshold: only 5 are checked', async () => {
      const before = gated.verified.length;
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => attempt('officer2@demo.test', `wrong-${i}`, '198.51.100.1')));
      const refused = results.filter((r) => r.status === 429);
      expect(results.filter((r) => r.status === 401)).toHaveLength(accountRule.threshold);
      expect(refused).toHaveLength(50 - accountRule.threshold);
      expect(gated.verified.length - before).toBe(accountRule.threshold);
      expect(refused[0]?.json.error.message).toMatch(/Too many failed sign-ins\. Try again in 15 seconds/);
      expect(refused[0]?.headers.get('retry-after')).toBe('15');
      // One summary for the account, not fifty events.
      expect((await throttledEvents()).filter((e) => e.recordId === 'usr_officer2')).toHaveLength(1);
    });

    it('keeps the right password out while a burst holds the throttle, and lets it in after the delay', async () => {
      gated.close();
      const before = gated.verified.length;
      const wrong = Array.from({ length: 49 }, (_, i) => attempt('support@demo.test', `wrong-${i}`, '198.51.100.2'));
      const settled: number[] = [];
      for (const w of wrong) void w.then((r) => settled.push(r.status));
      // Five are being checked (held at the gate), the other 44 were refused without a check.
      await until(() => gated.verified.length - before === accountRule.threshold && settled.length === 44, 'the burst is in flight');
      expect(settled.every((s) => s === 429)).toBe(true);
      const right = await attempt('support@demo.test', demoPassword, '198.51.100.2');
      expect(right.status).toBe(429);
      gated.open();
      expect(statuses(await Promise.all(wrong))).toEqual([...Array(5).fill(401), ...Array(44).fill(429)].sort());
      expect(gated.verified.length - before).toBe(accountRule.threshold);
      // A delay, not a lock: once it has passed, the right password works.
      h.clock.now = new Date(h.clock.now.getTime() + 15_000);
      expect((await attempt('support@demo.test', demoPassword, '198.51.100.2')).status).toBe(201);
    });

    it('cannot be turned on the owner: a stranger’s burst does not slow them where they usually sign in', async () => {
      expect((await attempt('auditor@demo.test', demoPassword, '192.0.2.10')).status).toBe(201);
      const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt('auditor@demo.test', `guess-${i}`, '203.0.113.66')));
      expect(burst.filter((r) => r.status === 401)).toHaveLength(accountRule.threshold);
      expect((await attempt('auditor@demo.test', 'guess-again', '203.0.113.67')).status).toBe(429);
      // The owner, from their own address: straight in.
      expect((await attempt('auditor@demo.test', demoPassword, '192.0.2.10')).status).toBe(201);
      // Their own typos there are slowed down too, on a counter of their own.
      const typos = await Promise.all(Array.from({ length: 8 }, () => attempt('auditor@demo.test', 'typo', '192.0.2.10')));
      expect(statuses(typos)).toEqual([...Array(5).fill(401), ...Array(3).fill(429)].sort());
    });

    it('slows one address guessing many accounts, and writes no audit event for made-up emails', async () => {
      const eventsBefore = (await h.ok('auditor', 'listAuditEvents', { query: { limit: 200 } })).items.length;
      const results: number[] = [];
      for (let i = 0; i < 200; i++) results.push((await attempt(`made-up-${i}@example.test`, 'password-guess', '198.51.100.3')).status);
      // 20 checks from one address, then it waits; each made-up email was tried once.
      expect(results.filter((s) => s === 401)).toHaveLength(20);
      expect(results.filter((s) => s === 429)).toHaveLength(180);
      const eventsAfter = (await h.ok('auditor', 'listAuditEvents', { query: { limit: 200 } })).items.length;
      expect(eventsAfter).toBe(eventsBefore);
    });

    it('does the same password work for an unknown email as for a known one: a check against a real hash', async () => {
      const before = gated.verified.length;
      expect((await attempt('no-such-person@example.test', 'a password', '198.51.100.4')).status).toBe(401);
      expect((await attempt('officer@demo.test', 'a password', '198.51.100.4')).status).toBe(401);
      const [unknown, known] = gated.verified.slice(before);
      expect(gated.verified.length - before).toBe(2);
      // The unknown email was checked against a hash the hasher made (same kind, same cost), not skipped.
      expect(unknown).toMatch(/^test\$[0-9a-f]{64}$/);
      expect(known).toMatch(/^test\$[0-9a-f]{64}$/);
      expect(unknown).not.toBe(known);
    });
  });
}
