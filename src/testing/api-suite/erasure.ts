import { beforeAll, describe, expect, it } from 'vitest';
import { deletionRequestView } from '@/api/contract/deletions';
import type { DeletionRequestView } from '@/api/contract/deletions';
import type { Harness } from '@/testing/harness';
import type { Suite } from './api-suite';
import { completedDeletionNeedles } from '@/testing/store-suite/erasure';
import { rollOffBackup } from './helpers';

/**
 * Completing a deletion erases the account's personal data in the console itself (PRIVACY-RULES
 * "Deletion"): afterwards no answer of the API names the account or its people, and the consent ledger
 * still matches the person's email through its keyed hash.
 */
export function erasureTests(suite: Suite): void {
  let h: Harness;
  beforeAll(() => {
    h = suite.harness();
  });

  /** An active account with people who have emails and consent events, and no deletion request. */
  function accountWithPeople() {
    const busy = new Set(h.seed.deletions.map((d) => d.accountId));
    const account = h.seed.accounts.find(
      (a) =>
        a.status === 'active' &&
        !busy.has(a.id) &&
        h.seed.supportAccess.some((r) => r.accountId === a.id && r.consent) &&
        h.seed.subjects.some((s) => s.accountId === a.id && s.email && h.seed.consentEvents.some((e) => e.subjectId === s.id)),
    );
    if (!account) throw new Error('the seed has no account with people, consent and support access');
    return account;
  }

  async function text(who: 'officer' | 'auditor', path: string): Promise<string> {
    const res = await h.app.request(path, { headers: await h.authHeaders(who) });
    expect(res.status, path).toBe(200);
    return (await res.text()).toLowerCase();
  }

  describe('erasure of the console copy', () => {
    it("shows no name or email of a seeded completed deletion's account: the seed erased them as completion does", async () => {
      const done = h.seed.deletions.filter((d) => d.status === 'completed');
      expect(done.length).toBeGreaterThan(0);
      const { people, needles } = completedDeletionNeedles(h.generatedSeed);
      expect(needles.length).toBeGreaterThan(done.length);
      const answers: [string, string][] = [];
      const read = async (path: string) => answers.push([path, await text('officer', path)]);
      for (const d of done) {
        await read(`/api/accounts/${d.accountId}`);
        await read(`/api/accounts/${d.accountId}/timeline`);
        await read(`/api/deletion-requests/${d.id}`);
        await read(`/api/support-access-requests?accountId=${d.accountId}&limit=200`);
      }
      for (const p of people) {
        await read(`/api/subjects/${p.id}`);
        await read(`/api/consent-events?subjectId=${p.id}&limit=200`);
      }
      await read('/api/accounts?limit=200');
      await read('/api/deletion-requests?limit=200');
      await read('/api/exports/consent-suppression.csv');
      for (const n of needles) {
        answers.push([`search ${n}`, JSON.stringify((await h.call('officer', 'GET', `/api/search?q=${encodeURIComponent(n)}`)).json)]);
        answers.push([`people ${n}`, JSON.stringify((await h.call('officer', 'GET', `/api/subjects?q=${encodeURIComponent(n)}`)).json)]);
      }
      for (const [where, body] of answers)
        for (const n of needles) expect(body.toLowerCase().includes(n), `${where} names ${n}`).toBe(false);
      // Each erased person is a tombstone with the keyed hash of their email.
      for (const p of people) {
        expect((await h.call('officer', 'GET', `/api/subjects/${p.id}`)).json.subject).toMatchObject({ name: null, email: null });
      }
      // A whole account's erasure leaves a tombstone of the account; a person's (the seed has one) leaves the account.
      const person = people.find((p) => p.email && done.some((d) => !d.person && d.accountId === p.accountId))!;
      const detail = await h.call('officer', 'GET', `/api/subjects/${person.id}`);
      expect(detail.json.subject).toMatchObject({ name: null, email: null });
      const account = await h.call('officer', 'GET', `/api/accounts/${person.accountId}`);
      expect(JSON.stringify(account.json)).toContain(`Deleted account ${person.accountId}`);
      const personal = done.find((d) => d.person);
      expect(personal).toBeDefined();
      const kept = await h.call('officer', 'GET', `/api/accounts/${personal!.accountId}`);
      expect(JSON.stringify(kept.json)).not.toContain('Deleted account');
    });
    it('leaves no name or email of the account anywhere once its deletion completes, yet still matches its people by email', async () => {
      const account = accountWithPeople();
      const people = h.seed.subjects.filter((s) => s.accountId === account.id);
      const emails = new Set<string>();
      for (const p of people) if (p.email) emails.add(p.email.toLowerCase());
      for (const e of h.seed.consentEvents) if (people.some((p) => p.id === e.subjectId) && e.email) emails.add(e.email.toLowerCase());
      const needles = [account.name, ...people.map((p) => p.name ?? ''), ...emails]
        .filter((n) => n.length >= 3)
        .map((n) => n.toLowerCase());
      const withEvents = people.find((p) => p.email && h.seed.consentEvents.some((e) => e.subjectId === p.id))!;
      const eventCount = h.seed.consentEvents.filter((e) => e.subjectId === withEvents.id).length;
      // Before: the account is there by name.
      expect(await text('officer', `/api/accounts/${account.id}`)).toContain(account.name.toLowerCase());

      const cancelled = await h.call('officer', 'POST', `/api/accounts/${account.id}/cancel`, { body: {} });
      expect(cancelled.status).toBe(200);
      let d: DeletionRequestView = deletionRequestView.parse(cancelled.json.deletionRequest);
      d = deletionRequestView.parse(
        (
          await h.call('officer2', 'POST', `/api/deletion-requests/${d.id}/approve`, {
            body: { confirmAccountName: account.name },
            version: d.version,
          })
        ).json,
      );
      for (const t of d.tasks.filter((x) => x.kind !== 'backup')) {
        const res = await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/resolve-task`, {
          body: { taskId: t.id, outcome: 'deleted', reference: `ref-${t.systemName}`, notified: t.kind === 'processor' },
          version: d.version,
        });
        expect(res.status).toBe(200);
        d = deletionRequestView.parse(res.json);
      }
      d = { ...d, ...(await rollOffBackup(h, d)) };
      const done = await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/complete`, { version: d.version });
      expect(done.status).toBe(200);
      d = deletionRequestView.parse(done.json);
      expect(d.accountName).toBe(`Deleted account ${account.id}`);

      const answers: [string, string][] = [];
      const read = async (who: 'officer' | 'auditor', path: string) => answers.push([path, await text(who, path)]);
      await read('officer', `/api/accounts/${account.id}`);
      await read('officer', `/api/accounts/${account.id}/timeline`);
      await read('officer', `/api/accounts?limit=200`);
      await read('officer', `/api/deletion-requests/${d.id}`);
      await read('auditor', `/api/deletion-requests/${d.id}/certificate`);
      await read('officer', `/api/deletion-requests?limit=200`);
      await read('officer', `/api/support-access-requests?accountId=${account.id}&limit=200`);
      await read('officer', `/api/exports/consent-suppression.csv`);
      await read('officer', `/api/exports/audit-events.csv`);
      await read('officer', `/api/dashboard`);
      for (const p of people) {
        await read('officer', `/api/subjects/${p.id}`);
        await read('officer', `/api/consent-events?subjectId=${p.id}`);
        const revealed = await h.call('officer', 'POST', `/api/subjects/${p.id}/reveal-email`, { body: { reason: 'Erasure check' } });
        answers.push([`reveal ${p.id}`, JSON.stringify(revealed.json).toLowerCase()]);
      }
      for (const list of ['/api/consent-events', '/api/audit-events']) {
        let cursor: string | null = null;
        do {
          const res = await h.call('auditor', 'GET', `${list}?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
          expect(res.status).toBe(200);
          answers.push([list, JSON.stringify(res.json).toLowerCase()]);
          cursor = res.json.nextCursor;
        } while (cursor);
      }
      for (const n of needles) {
        const search = await h.call('officer', 'GET', `/api/search?q=${encodeURIComponent(n)}`);
        answers.push([`search ${n}`, JSON.stringify(search.json).toLowerCase()]);
      }
      for (const [where, body] of answers) for (const n of needles) expect(body.includes(n), `${where} names ${n}`).toBe(false);

      // The hash chains still hold: each rewrite is one the erasure's own (chained) audit event proves.
      const verified = await h.call('auditor', 'GET', '/api/audit-chain/verification');
      expect(verified.status).toBe(200);
      for (const c of verified.json.chains as { chain: string; firstBroken: unknown; redacted: number }[]) {
        expect(c.firstBroken, c.chain).toBeNull();
        expect(c.redacted, c.chain).toBeGreaterThan(0);
      }

      // The ledger stays, pseudonymous: the person's email still finds their events (and so their withdrawals).
      const byEmail = await h.call(
        'officer',
        'GET',
        `/api/consent-events?email=${encodeURIComponent(withEvents.email!.toUpperCase())}&limit=200`,
      );
      expect(byEmail.status).toBe(200);
      expect(byEmail.json.items).toHaveLength(eventCount);
      expect(
        byEmail.json.items.every(
          (e: { email: unknown; emailHash?: string }) => e.email === null && /^[0-9a-f]{64}$/.test(e.emailHash ?? ''),
        ),
      ).toBe(true);
      const suppression = answers.find(([p]) => p === '/api/exports/consent-suppression.csv')![1];
      expect(suppression).toContain(byEmail.json.items[0].emailHash);
      const audit = await h.ok('auditor', 'listAuditEvents', { query: { recordId: d.id, action: 'deletion.erase_console_copy' } });
      expect(audit.items).toHaveLength(1);
    });
  });
}
