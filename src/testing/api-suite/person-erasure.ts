import { beforeAll, describe, expect, it } from 'vitest';
import { deletionRequestView } from '@/api/contract/deletions';
import type { DeletionRequestView } from '@/api/contract/deletions';
import type { Harness } from '@/testing/harness';
import type { Suite } from './api-suite';
import { expectError, rollOffBackup } from './helpers';

/**
 * A person's erasure request (Art. 17; issue 15 item 6): a person of an account, a newsletter subscriber or a
 * website visitor, with the identity check on record; one calendar month, one extension of up to two; four
 * eyes; completing it erases that person alone.
 */
export function personErasureTests(suite: Suite): void {
  let h: Harness;
  beforeAll(() => {
    h = suite.harness();
  });

  const identityCheck = { method: 'reply_from_email', detail: 'The request came from the address on record and was confirmed by reply' };
  const receivedAt = '2026-11-20T09:00:00.000Z';

  const used = new Set<string>();
  /**
   * An active account, with no deletion request, of at least two people as the store holds them now (earlier
   * areas cancel and erase some), and its people with emails and names no test here has erased yet (`free`);
   * with a support-access consent on record when `withConsent`.
   */
  async function next(withConsent = false) {
    // An account with a person's erasure of its own (the seed has some) still serves for another of its people.
    const busy = new Set(h.seed.deletions.filter((d) => !d.person).map((d) => d.accountId));
    for (const d of h.seed.deletions) if (d.person) used.add(d.person.subjectId);
    for (const a of h.seed.accounts) {
      if (a.status !== 'active' || busy.has(a.id) || used.has(a.id)) continue;
      if (withConsent && !h.seed.supportAccess.some((r) => r.accountId === a.id && r.consent)) continue;
      const { account, people, open } = await h.store.transaction(async (tx) => ({
        account: await tx.accounts.get(a.id),
        people: await tx.subjects.listByAccount(a.id),
        open: (await tx.deletions.list({ accountId: a.id, wholeAccount: true, limit: 1 })).items.length,
      }));
      const free = people.filter((p) => p.email && p.name && !used.has(p.id));
      if (account?.status !== 'active' || open > 0 || people.length < 2 || free.length === 0) continue;
      return { account, people, free };
    }
    throw new Error('the seed has no account with two people left');
  }

  async function record(body: Record<string, unknown>, who: 'officer' | 'officer2' = 'officer') {
    return h.call(who, 'POST', '/api/person-erasure-requests', { body });
  }

  async function approve(d: DeletionRequestView, who: 'officer' | 'officer2' = 'officer2') {
    return h.call(who, 'POST', `/api/deletion-requests/${d.id}/approve`, {
      body: { confirmAccountName: d.accountName },
      version: d.version,
    });
  }

  describe("a person's erasure request", () => {
    it('is recorded by an officer only, with the identity check on record, or refused naming the field', async () => {
      const { free } = await next();
      const person = free[0]!;
      used.add(person.id);
      const body = { personKind: 'account_person', email: person.email!.toUpperCase(), receivedAt, note: 'Asked by email', identityCheck };
      expectError(await h.call('support', 'POST', '/api/person-erasure-requests', { body }), 403);
      expectError(await h.call('auditor', 'POST', '/api/person-erasure-requests', { body }), 403);
      expectError(await record({ ...body, identityCheck: undefined }), 422, 'identityCheck');
      expectError(await record({ ...body, identityCheck: { method: 'reply_from_email', detail: ' ' } }), 422, 'identityCheck.detail');
      expectError(await record({ ...body, email: undefined }), 422, 'email');
      expectError(await record({ ...body, email: 'nobody-at-all@nowhere.example' }), 422, 'email');
      expectError(await record({ ...body, personKind: 'newsletter_subscriber' }), 422, 'email');
      expectError(await record({ ...body, personKind: 'website_visitor' }), 422, 'visitorId');
      expectError(await record({ ...body, receivedAt: '2027-01-01T00:00:00.000Z' }), 422, 'receivedAt');

      const created = await record(body);
      expect(created.status).toBe(201);
      const d = deletionRequestView.parse(created.json);
      // One calendar month in the company's zone.
      expect(d.dueAt.slice(0, 10)).toBe('2026-12-20');
      expect(d.person).toMatchObject({
        kind: 'account_person',
        subjectId: person.id,
        identifiedBy: 'email',
        identityCheck: { method: 'reply_from_email', verifiedBy: h.seed.users.find((u) => u.role === 'privacy_officer')!.id },
      });
      expect(d.accountId).toBe(person.accountId);
      expect(JSON.stringify(d)).not.toContain(person.email!);
      const planned = deletionRequestView.parse((await h.call('officer2', 'GET', `/api/deletion-requests/${d.id}`)).json).plan;
      expect(planned?.tasks.map((t) => t.systemName)).toEqual(expect.arrayContaining(['Stripe', 'MailChimp']));
      const audit = await h.ok('auditor', 'listAuditEvents', { query: { recordId: d.id, action: 'deletion.create' } });
      expect(audit.items[0]?.summary).toContain('identity verified by');
      // One open request per person; the account itself may still get its own.
      expectError(await record(body, 'officer2'), 409);
      const account = await h.call('officer', 'GET', `/api/accounts/${person.accountId}`);
      expect(account.json.actions.requestDeletion.allowed).toBe(true);
    });

    it('refuses an email that people of several accounts share unless the account is chosen, then erases that one', async () => {
      const first = await next();
      const person = first.free[0]!;
      used.add(person.id);
      used.add(first.account.id);
      const second = await next();
      used.add(second.account.id);
      // The same person, a member of a second account under the same email.
      const twin = {
        id: `sub_twin_${person.id}`,
        kind: 'person' as const,
        accountId: second.account.id,
        name: person.name,
        email: person.email,
        accountRole: 'member' as const,
      };
      await h.store.transaction((tx) => tx.subjects.insert(twin));
      used.add(twin.id);
      const body = { personKind: 'account_person', email: person.email, receivedAt, note: 'Asked by email', identityCheck };
      const refused = expectError(await record(body), 422, 'email');
      expect(refused.error.fields?.accountId).toBe('Choose the account');
      expect(refused.error.message).toContain('People of 2 accounts have this email');
      expect(refused.error.message).toContain(first.account.name);
      expect(refused.error.message).toContain(second.account.name);
      const third = h.seed.accounts.find((a) => a.id !== first.account.id && a.id !== second.account.id)!;
      expectError(await record({ ...body, accountId: third.id }), 422, 'accountId');
      const created = await record({ ...body, accountId: second.account.id });
      expect(created.status).toBe(201);
      expect(deletionRequestView.parse(created.json)).toMatchObject({ accountId: second.account.id, person: { subjectId: twin.id } });
      // The other account's person is a request of its own.
      const other = await record({ ...body, accountId: first.account.id });
      expect(other.status).toBe(201);
      expect(deletionRequestView.parse(other.json).person?.subjectId).toBe(person.id);
    });

    it("finds a website visitor by visitor id, with tasks only where visitors' data goes", async () => {
      const visitor = h.seed.subjects.find((s) => s.kind === 'visitor')!;
      const created = await record({
        personKind: 'website_visitor',
        visitorId: visitor.id,
        receivedAt,
        note: 'Form',
        identityCheck: { method: 'visitor_cookie', detail: 'The request came from the browser holding the visitor cookie' },
      });
      expect(created.status).toBe(201);
      const d = deletionRequestView.parse(created.json);
      expect(d).toMatchObject({ accountId: null, accountName: `Website visitor ${visitor.id}`, person: { identifiedBy: 'visitor_id' } });
      const planned = deletionRequestView.parse((await h.call('officer2', 'GET', `/api/deletion-requests/${d.id}`)).json).plan;
      const systems = planned?.tasks.map((t) => t.systemName) ?? [];
      expect(systems).toEqual(expect.arrayContaining(['Google Analytics', 'Crisp']));
      expect(systems).not.toContain('Stripe');
      expect(systems).not.toContain('MailChimp');
    });

    it('extends once, by at most two months, within the first month', async () => {
      const { free } = await next();
      used.add(free[0]!.id);
      const created = await record({ personKind: 'account_person', email: free[0]!.email, receivedAt, note: 'Letter', identityCheck });
      let d = deletionRequestView.parse(created.json);
      const extend = (body: Record<string, unknown>, who: 'officer' | 'auditor' | 'support' = 'officer') =>
        h.call(who, 'POST', `/api/deletion-requests/${d.id}/extend`, { body, version: d.version });
      expectError(await extend({ reason: 'Many systems', months: 2 }, 'support'), 403);
      expectError(await extend({ reason: 'Many systems', months: 3 }), 422, 'months');
      expectError(await extend({ months: 1 }), 422, 'reason');
      const res = await extend({ reason: 'Many systems', months: 2 });
      expect(res.status).toBe(200);
      d = deletionRequestView.parse(res.json);
      expect(d.dueAt.slice(0, 10)).toBe('2027-02-20');
      expect(d.extension).toMatchObject({ reason: 'Many systems' });
      expectError(await extend({ reason: 'Again', months: 1 }), 409);
      const audit = await h.ok('auditor', 'listAuditEvents', { query: { recordId: d.id, action: 'deletion.extend' } });
      expect(audit.items).toHaveLength(1);
    });

    it('is approved by another officer and, completed, erases that person alone', async () => {
      // With a support-access consent when one is left (the area run alone has one; after all areas, maybe not).
      const { account, people, free } = await next(true).catch(() => next());
      const named = (name: string | null) => h.seed.supportAccess.some((r) => r.accountId === account.id && r.consent?.personName === name);
      // One who did not give the account's support-access consent: that record must stay as it is.
      const erased = free.find((p) => !named(p.name))!;
      used.add(erased.id);
      const others = people.filter((p) => p.id !== erased.id);
      const created = await record({ personKind: 'account_person', email: erased.email, receivedAt, note: 'Email', identityCheck });
      let d = deletionRequestView.parse(created.json);
      const supportAccess = async () =>
        (await h.call('officer', 'GET', `/api/support-access-requests?accountId=${account.id}&limit=200`)).json;
      const accessBefore = await supportAccess();
      expectError(await approve(d, 'officer'), 403);
      const approved = await approve(d);
      expect(approved.status).toBe(200);
      d = deletionRequestView.parse(approved.json);
      expect(d.status).toBe('approved');
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
      expect(d.status).toBe('completed');
      expect(d.accountName).toBe(`Person ${erased.id} of ${account.name}`);

      const subject = await h.call('officer', 'GET', `/api/subjects/${erased.id}`);
      expect(subject.json.subject).toMatchObject({ name: null, email: null });
      const accountAnswer = JSON.stringify((await h.call('officer', 'GET', `/api/accounts/${account.id}`)).json);
      expect(accountAnswer).toContain(account.name);
      // The account's support access (consents recorded under its other people's names) is not touched.
      const accessAfter = await supportAccess();
      expect(accessAfter).toEqual(accessBefore);
      for (const o of others) {
        const kept = await h.call('officer', 'GET', `/api/subjects/${o.id}`);
        expect(kept.json.subject.name).toBe(o.name);
        expect(kept.json.subject.email).not.toBeNull();
      }
      const needles = [erased.name!, erased.email!].map((n) => n.toLowerCase());
      const answers = [
        accountAnswer,
        JSON.stringify(subject.json),
        JSON.stringify((await h.call('officer', 'GET', `/api/consent-events?subjectId=${erased.id}&limit=200`)).json),
        JSON.stringify((await h.call('officer', 'GET', `/api/deletion-requests/${d.id}`)).json),
        JSON.stringify((await h.call('auditor', 'GET', `/api/deletion-requests/${d.id}/certificate`)).json),
        JSON.stringify((await h.call('officer', 'GET', `/api/subjects?q=${encodeURIComponent(erased.email!)}`)).json),
      ];
      for (const a of answers) for (const n of needles) expect(a.toLowerCase().includes(n), n).toBe(false);
      const certificate = await h.call('auditor', 'GET', `/api/deletion-requests/${d.id}/certificate`);
      expect(certificate.json.person).toEqual({ kind: 'account_person', subjectId: erased.id });
      expect(certificate.json.statement).toContain(`person ${erased.id} was deleted`);
      // The hash chains still hold after this erasure too.
      const verified = await h.call('auditor', 'GET', '/api/audit-chain/verification');
      for (const c of verified.json.chains as { chain: string; firstBroken: unknown }[]) expect(c.firstBroken, c.chain).toBeNull();
    });
  });
}
