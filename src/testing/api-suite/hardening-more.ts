import { beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '@/testing/harness';
import type { Suite } from './api-suite';
import { expectError } from './helpers';

/** Issue 17, findings 7 and 10: reveals need a reason and a budget; long exports do not hold the database. */
export function hardeningMoreTests(suite: Suite): void {
  let h: Harness;
  beforeAll(() => {
    h = suite.harness();
  });

  describe('email reveals', () => {
    // A person of their own: other tests of this harness complete deletions, which erase the seed's people.
    const probe = { id: 'sub_reveal_probe', kind: 'person' as const, name: 'Rita Probe', email: 'rita.probe@example.test' };
    const person = () => probe;
    beforeAll(async () => {
      const seeded = h.seed.subjects.find((s) => s.kind === 'person' && s.accountId)!;
      await h.store.transaction((tx) => tx.subjects.insert({ ...seeded, ...probe }));
    });
    const reveal = (who: 'officer' | 'support', body?: unknown) =>
      h.call(who, 'POST', `/api/subjects/${person().id}/reveal-email`, body === undefined ? {} : { body });

    it('need a reason, and from a support agent the ticket, else 422 naming the field and nothing audited', async () => {
      await h.authHeaders('officer');
      await h.authHeaders('support');
      const before = await h.ok('auditor', 'listAuditEvents', { query: { limit: 1 } });
      expectError(await reveal('officer'), 422);
      expectError(await reveal('officer', { reason: '  ' }), 422, 'reason');
      expectError(await reveal('support', { reason: 'Customer asked' }), 422, 'ticketRef');
      const after = await h.ok('auditor', 'listAuditEvents', { query: { limit: 1 } });
      expect(after.items[0]?.id).toBe(before.items[0]?.id);
      const res = await reveal('officer', { reason: 'Answering an access request' });
      expect(res.status, JSON.stringify(res.json)).toBe(200);
      // (Events of one instant come in id order: look among the latest few.)
      const audit = await h.ok('auditor', 'listAuditEvents', { query: { action: 'pii.reveal_email', limit: 5 } });
      expect(audit.items.map((e) => e.summary)).toContainEqual(expect.stringMatching(/: Answering an access request$/));
    });

    it('are limited to 20 an hour per user, also when sent at once: the rest get 429, and the dashboard flags the burst', async () => {
      const body = { reason: 'Checking addresses', ticketRef: 'HS-1001' };
      const answers = await Promise.all(Array.from({ length: 30 }, () => reveal('support', body)));
      expect(answers.filter((a) => a.status === 200)).toHaveLength(20);
      const refused = answers.filter((a) => a.status !== 200);
      expect(refused).toHaveLength(10);
      for (const r of refused) expectError(r, 429);
      const again = await h.app.request(`/api/subjects/${person().id}/reveal-email`, {
        method: 'POST',
        headers: { ...(await h.authHeaders('support')), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(again.status).toBe(429);
      expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another user's budget is their own.
      expect((await reveal('officer', { reason: 'Another look' })).status).toBe(200);
      // One flag per user and hour, however many refusals.
      const flags = await h.ok('auditor', 'listAuditEvents', { query: { action: 'pii.reveal_limit_reached', limit: 10 } });
      expect(flags.items.map((e) => e.actorRole)).toEqual(['support_agent']);
      const dashboard = await h.ok('officer', 'dashboard');
      expect(dashboard.revealBursts?.map((b) => b.actorName)).toEqual([flags.items[0]?.actorName]);
      expect((await h.ok('support', 'dashboard')).revealBursts).toBeNull();
    });
  });

  describe('long exports', () => {
    for (const [name, path] of [
      ['suppression list', '/api/exports/consent-suppression.csv'],
      ['audit log', '/api/exports/audit-events.csv'],
    ] as const) {
      it(`stream the ${name} a page per transaction: a write made while it is being read lands before it ends`, async () => {
        const res = await h.app.request(path, { headers: await h.authHeaders('officer') });
        expect(res.status).toBe(200);
        const reader = res.body!.getReader();
        const first = await reader.read();
        expect(first.done).toBe(false);
        // The first page is out and the rest not read yet: another transaction gets the store now. Were the
        // export one transaction, this one would wait for all of it (PGlite has one connection).
        await h.store.transaction((tx) => tx.settings.get('company'));
        let rest = '';
        const decoder = new TextDecoder();
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += decoder.decode(chunk.value);
        // ... and the file was still being written after it: more pages came.
        expect(rest.trim().split('\r\n').length).toBeGreaterThan(1);
        expect(decoder.decode(first.value)).toMatch(/^(subject_id|at),/);
      });
    }
  });
}
