import { beforeAll, describe, expect, it } from 'vitest';
import { page } from '@/api/contract/common';
import { endpoints } from '@/api/contract/endpoints';
import { consentEvent, consentReviewItem } from '@/api/contract/consent';
import type { ConsentEvent } from '@/api/contract/consent';
import type { Harness } from '@/testing/harness';
import type { Suite } from './api-suite';
import { expectError } from './helpers';

/** The dashboard, quick find, the account timeline, the audit log and accounts. */
export function overviewTests(suite: Suite): void {
  let h: Harness;
  beforeAll(() => {
    h = suite.harness();
  });

  describe('dashboard, quick find, account timeline and audit export', () => {
    it('summarises for officers the same counts the lists give', async () => {
      const res = await h.call('officer', 'GET', '/api/dashboard');
      expect(res.status).toBe(200);
      const d = endpoints.dashboard.response.parse(res.json);
      const overdue = endpoints.listDeletions.response.parse(
        (await h.call('officer', 'GET', '/api/deletion-requests?overdue=true&limit=1')).json,
      );
      expect(d.deletions?.overdue).toBe(overdue.total);
      const week = endpoints.listDeletions.response.parse(
        (await h.call('officer', 'GET', '/api/deletion-requests?dueWithinDays=7&limit=1')).json,
      );
      expect(d.deletions?.dueWithin7Days).toBe(week.total);
      const pending = endpoints.listSupportAccess.response.parse(
        (await h.call('officer', 'GET', '/api/support-access-requests?status=pending&sort=oldest&limit=1')).json,
      );
      expect(d.supportAccess?.awaitingApproval).toBe(pending.total);
      expect(d.supportAccess?.oldestAwaitingSince ?? null).toBe(pending.items[0]?.createdAt ?? null);
      const queue = page(consentReviewItem).parse((await h.call('officer', 'GET', '/api/consent-reviews?limit=1')).json);
      expect(d.consent?.reviewOpen).toBe(queue.total);
      expect(d.consent?.withdrawals).toHaveLength(8);
      expect(d.mine).toBeNull();
      const auditor = endpoints.dashboard.response.parse((await h.call('auditor', 'GET', '/api/dashboard')).json);
      expect(auditor.deletions).toEqual(d.deletions);
    });
    it("counts each purpose's withdrawals of the last 30 days as the consent list its link opens shows them", async () => {
      const d = await h.ok('officer', 'dashboard');
      if (!d.consent) throw new Error('officers see the consent figures');
      let some = 0;
      for (const { purpose, last30Days } of d.consent.withdrawals) {
        const list = await h.ok('auditor', 'listConsentEvents', {
          query: { purpose, action: 'withdrawn', from: d.consent.withdrawalsSince, limit: 1 },
        });
        expect(list.total, purpose).toBe(last30Days);
        some += last30Days;
      }
      expect(some).toBeGreaterThan(0);
    });
    it('gives each purpose the range of its withdrawals over the six 30-day windows before, as the ledger counts them', async () => {
      const d = await h.ok('officer', 'dashboard');
      if (!d.consent) throw new Error('officers see the consent figures');
      const since = d.consent.withdrawalsSince;
      const back = (days: number) => new Date(Date.parse(`${since}T12:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
      for (const { purpose, previous30Days, usualRange } of d.consent.withdrawals.slice(0, 2)) {
        const counts: number[] = [];
        for (let w = 0; w < 6; w++) {
          // Calendar days from and to, both inclusive: the window [since - 30(w+1), since - 30w).
          const list = await h.ok('auditor', 'listConsentEvents', {
            query: { purpose, action: 'withdrawn', from: back(30 * (w + 1)), to: back(30 * w + 1), limit: 1 },
          });
          counts.push(list.total ?? 0);
        }
        expect(counts[0], purpose).toBe(previous30Days);
        expect(usualRange, purpose).toEqual({ min: Math.min(...counts), max: Math.max(...counts) });
      }
    });
    it("shows support agents their own requests instead of the officers' queues", async () => {
      const d = endpoints.dashboard.response.parse((await h.call('support', 'GET', '/api/dashboard')).json);
      expect(d.deletions).toBeNull();
      expect(d.consent).toBeNull();
      expect(d.supportAccess).toBeNull();
      const mine = endpoints.listSupportAccess.response.parse(
        (await h.call('support', 'GET', '/api/support-access-requests?status=active&limit=200')).json,
      );
      expect(d.mine?.activeGrants).toBe(mine.items.length);
      expectError(await h.call('nobody', 'GET', '/api/dashboard'), 401);
    });
    it("finds accounts, people by exact email and requests by id, within the caller's rights", async () => {
      // Accounts whose deletion completed earlier in the suite are tombstones now: look for one that is not.
      const erased = new Set(
        (await h.ok('auditor', 'listDeletions', { query: { status: ['completed'], limit: 200 } })).items.map((d) => d.accountId),
      );
      const account = h.seed.accounts.find((a) => !erased.has(a.id))!;
      const byName = endpoints.search.response.parse(
        (await h.call('support', 'GET', `/api/search?q=${encodeURIComponent(account.name.slice(0, 6))}`)).json,
      );
      expect(byName.results.some((r) => r.kind === 'account' && r.id === account.id)).toBe(true);
      // The total counts every match, listed or not: one of a kind listed, the same total.
      const two = account.name.slice(0, 2);
      const first = endpoints.search.response.parse((await h.call('auditor', 'GET', `/api/search?q=${encodeURIComponent(two)}`)).json);
      const one = endpoints.search.response.parse(
        (await h.call('auditor', 'GET', `/api/search?q=${encodeURIComponent(two)}&limit=1`)).json,
      );
      const most = endpoints.search.response.parse(
        (await h.call('auditor', 'GET', `/api/search?q=${encodeURIComponent(two)}&limit=100`)).json,
      );
      expect(one.results.filter((r) => r.kind === 'account')).toHaveLength(1);
      expect(one.total).toBe(first.total);
      expect(most.total).toBe(first.total);
      expect(most.results).toHaveLength(most.total);
      expect(first.total).toBeGreaterThanOrEqual(first.results.length);
      expect(first.totalIsFloor).toBe(false);
      expectError(await h.call('auditor', 'GET', '/api/search?q=ab&limit=101'), 400, 'limit');
      const person = h.seed.subjects.find((s) => s.email && !erased.has(s.accountId ?? ''))!;
      const byEmail = endpoints.search.response.parse(
        (await h.call('officer', 'GET', `/api/search?q=${encodeURIComponent(person.email!)}`)).json,
      );
      expect(byEmail.results.find((r) => r.kind === 'subject')?.id).toBe(person.id);
      expect(JSON.stringify(byEmail)).not.toContain(person.email!);
      const deletion = h.seed.deletions[0]!;
      const officer = endpoints.search.response.parse((await h.call('officer', 'GET', `/api/search?q=${deletion.id}`)).json);
      expect(officer.results.some((r) => r.kind === 'deletion_request' && r.id === deletion.id)).toBe(true);
      const agent = endpoints.search.response.parse((await h.call('support', 'GET', `/api/search?q=${deletion.id}`)).json);
      expect(agent.results.some((r) => r.kind === 'deletion_request')).toBe(false);
      const stripe = endpoints.search.response.parse((await h.call('auditor', 'GET', '/api/search?q=stri')).json);
      expect(stripe.results.some((r) => r.kind === 'processor' && r.label === 'Stripe')).toBe(true);
      expectError(await h.call('officer', 'GET', '/api/search?q=a'), 400, 'q');
    });
    it("merges an account's consent, access and deletion history into one timeline, newest first", async () => {
      const deletion = h.seed.deletions.find((d) => h.seed.consentEvents.some((e) => e.accountId === d.accountId)) ?? h.seed.deletions[0]!;
      const res = await h.call('officer', 'GET', `/api/accounts/${deletion.accountId}/timeline`);
      expect(res.status).toBe(200);
      const t = endpoints.accountTimeline.response.parse(res.json);
      const ats = t.items.map((i) => i.at);
      expect(ats).toEqual([...ats].sort().reverse());
      expect(t.items.some((i) => i.kind === 'deletion_request' && i.recordId === deletion.id)).toBe(true);
      expect(t.items.some((i) => i.kind === 'account')).toBe(true);
      const consentCount = (await ledger2(deletion.accountId!)).length;
      expect(t.items.filter((i) => i.kind === 'consent_event')).toHaveLength(Math.min(consentCount, 500));
      const agent = endpoints.accountTimeline.response.parse(
        (await h.call('support', 'GET', `/api/accounts/${deletion.accountId}/timeline`)).json,
      );
      expect(agent.items.some((i) => i.kind === 'deletion_request' || i.kind === 'deletion_task')).toBe(false);
      expectError(await h.call('auditor', 'GET', '/api/accounts/acc_nope/timeline'), 404);
    });
    async function ledger2(accountId: string) {
      const out: ConsentEvent[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/consent-events?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const p = page(consentEvent).parse((await h.call('auditor', 'GET', url)).json);
        out.push(...p.items.filter((e) => e.accountId === accountId));
        cursor = p.nextCursor;
      } while (cursor);
      return out;
    }
    it('exports the filtered audit events as CSV to officers and auditors only', async () => {
      expectError(await h.call('support', 'GET', '/api/exports/audit-events.csv'), 403);
      expectError(await h.call('auditor', 'GET', '/api/exports/audit-events.csv?from=2026-11-29&to=2026-11-01'), 400, 'to');
      expectError(await h.call('auditor', 'GET', '/api/exports/audit-events.csv?cursor=x'), 400);
      const res = await h.app.request('/api/exports/audit-events.csv?recordType=subject', { headers: await h.authHeaders('auditor') });
      expect(res.status).toBe(200);
      const lines = (await res.text()).trim().split('\r\n');
      expect(lines[0]).toBe('at,actor,role,action,record_type,record_id,summary,changes,origin');
      const listed = endpoints.listAuditEvents.response.parse(
        (await h.call('auditor', 'GET', '/api/audit-events?recordType=subject&limit=200')).json,
      );
      expect(lines.length - 1).toBe(listed.items.length);
      expect(lines.slice(1).every((l) => l.split(',')[4] === 'subject')).toBe(true);
    });
  });

  describe('audit log and accounts', () => {
    it('is read by officers and auditors only', async () => {
      expect((await h.call('officer', 'GET', '/api/audit-events')).status).toBe(200);
      expect((await h.call('auditor', 'GET', '/api/audit-events')).status).toBe(200);
      expectError(await h.call('support', 'GET', '/api/audit-events'), 403);
      expectError(await h.call('auditor', 'GET', '/api/audit-events?from=2026-11-29&to=2026-11-01'), 400, 'to');
    });
    it('offers no way to change an audit event', async () => {
      expectError(await h.call('officer', 'DELETE', '/api/audit-events/x'), 404);
      expectError(await h.call('officer', 'PATCH', '/api/audit-events/x', { body: {}, version: 1 }), 404);
    });
    it('names staff for filters to officers and auditors, without emails or hashes', async () => {
      const res = await h.call('auditor', 'GET', '/api/users?role=support_agent');
      expect(res.status).toBe(200);
      const staff = endpoints.listStaff.response.parse(res.json).items;
      expect(staff.map((u) => u.name)).toEqual(['Sam Support']);
      expect(JSON.stringify(res.json)).not.toMatch(/passwordHash|@demo\.test/);
      expectError(await h.call('support', 'GET', '/api/users'), 403);
      expectError(await h.call('auditor', 'GET', '/api/users?role=admin'), 400, 'role');
    });
    it("lists and finds accounts, masking people's emails", async () => {
      const list = await h.call('support', 'GET', '/api/accounts?limit=5');
      expect(list.status).toBe(200);
      const first = endpoints.listAccounts.response.parse(list.json).items[0]!;
      const detail = endpoints.getAccount.response.parse((await h.call('auditor', 'GET', `/api/accounts/${first.id}`)).json);
      expect(detail.account.id).toBe(first.id);
      expect(detail.people.every((p) => !p.email || p.email.includes('***'))).toBe(true);
      expectError(await h.call('auditor', 'GET', '/api/accounts/acc_nope'), 404);
    });
  });
}
