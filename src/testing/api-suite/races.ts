import { beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '@/api/contract/accounts';
import type { Harness } from '@/testing/harness';
import type { Suite } from './api-suite';
import { newProcessor } from './helpers';

/**
 * Two callers at the same moment, on every store: exactly one wins and the other gets a clear refusal.
 * On PostgreSQL the two run on two connections, as two instances would; the rules they race for are the
 * store's (unique indexes, versions compared by the writing statement), not checks that both could pass.
 */
export function raceTests(suite: Suite): void {
  let h: Harness;
  beforeAll(() => {
    h = suite.harness();
  });

  /** An active cloud account with no open support-access request and no open deletion request. */
  async function freeAccount(taken: Set<string>): Promise<Account> {
    const accounts = await h.ok('auditor', 'listAccounts', { query: { hosting: ['cloud'], status: ['active'], limit: 200 } });
    const access = await h.ok('officer', 'listSupportAccess', { query: { status: ['pending', 'active'], limit: 200 } });
    // Any deletion, closed ones too: an account whose deletion completed is erased (a tombstone), not free.
    const deletions = await h.ok('officer', 'listDeletions', { query: { limit: 200 } });
    const busy = new Set([...taken, ...access.items.map((r) => r.accountId), ...deletions.items.map((d) => d.accountId)]);
    const account = accounts.items.find((a) => !busy.has(a.id));
    if (!account) throw new Error('The seed has no free account left');
    taken.add(account.id);
    return account;
  }
  const taken = new Set<string>();

  describe('races', () => {
    it('lets exactly one of two officers approving the same request at once succeed; the other gets 412', async () => {
      const live = await h.ok('auditor', 'listDeletions', { query: { status: ['pending_review'], limit: 200 } });
      // Who opened each and its first approval are the request's own answer, not the list's.
      const whole = await Promise.all(live.items.map((d) => h.ok('auditor', 'getDeletion', { params: { id: d.id } })));
      const pending = whole.filter((d) => d.createdBy === null && d.firstApproval === null).slice(0, 3);
      expect(pending.length).toBeGreaterThan(0);
      for (const d of pending) {
        const approve = (who: 'officer' | 'officer2') =>
          h.api(who, 'deletionApprove', { params: { id: d.id }, body: { confirmAccountName: d.accountName }, version: d.version });
        const results = await Promise.all([approve('officer'), approve('officer2')]);
        expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
        // The system opened these, so this is the first of their two approvals.
        const audit = await h.ok('auditor', 'listAuditEvents', { query: { recordId: d.id, action: 'deletion.first_approval' } });
        expect(audit.items).toHaveLength(1);
      }
    });

    it('opens one support-access request when an agent asks twice for one account at once; the other gets 409', async () => {
      const account = await freeAccount(taken);
      const ask = () =>
        h.api('support', 'createSupportAccess', {
          body: {
            accountId: account.id,
            ticketRef: 'RACE-1',
            reason: 'Asked twice',
            scope: 'read',
            durationHours: 4,
            ownerId: h.seed.subjects.find((s) => s.accountId === account.id && s.accountRole === 'owner')!.id,
          },
        });
      const results = await Promise.all([ask(), ask()]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      const refused = results.find((r) => !r.ok);
      expect(refused && !refused.ok && refused.error.message).toMatch(/already have an open request/);
      const open = await h.ok('officer', 'listSupportAccess', { query: { accountId: account.id, status: ['pending', 'active'] } });
      expect(open.items).toHaveLength(1);
      const made = results.find((r) => r.ok);
      if (!made?.ok) throw new Error('no request was made');
      await h.ok('support', 'supportAccessCancel', { params: { id: made.body.id }, version: made.body.version });
    });

    it('opens one deletion request when two officers record an erasure for one account at once; the other gets 409', async () => {
      const account = await freeAccount(taken);
      const record = (who: 'officer' | 'officer2') =>
        h.api(who, 'createDeletion', {
          body: { accountId: account.id, origin: 'erasure_request', receivedAt: h.clock.now.toISOString(), note: 'Asked by email' },
        });
      const results = await Promise.all([record('officer'), record('officer2')]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      const refused = results.find((r) => !r.ok);
      expect(refused && !refused.ok && refused.error.message).toMatch(/already has an open deletion request/);
      const open = await h.ok('officer', 'listDeletions', { query: { accountId: account.id } });
      expect(open.items).toHaveLength(1);
    });

    it('records a cancellation while an erasure request is open: that request carries on, due by the earlier deadline', async () => {
      const account = await freeAccount(taken);
      const receivedAt = new Date(h.clock.now.getTime() - 20 * 86_400_000).toISOString();
      const opened = await h.ok('officer', 'createDeletion', {
        body: { accountId: account.id, origin: 'erasure_request', receivedAt, note: 'Asked by email' },
      });
      const cancelled = await h.ok('officer2', 'cancelAccount', { params: { id: account.id }, body: {} });
      expect(cancelled.account.status).toBe('cancelled');
      expect(cancelled.deletionRequest.id).toBe(opened.id);
      // The erasure request (one month from 20 days ago) is due before the cancellation's 30 days.
      expect(cancelled.deletionRequest.dueAt).toBe(opened.dueAt);
      expect(cancelled.deletionRequest.timeline.at(-1)?.action).toMatch(/Account cancelled; this request now covers the cancellation/);
      const listed = await h.ok('officer', 'listDeletions', { query: { accountId: account.id } });
      const open = listed.items.filter((r) => r.status !== 'completed' && r.status !== 'rejected');
      expect(open.map((r) => r.id)).toEqual([opened.id]);
    });

    it('moves the deadline of an open erasure request forward when the 30 days after cancellation end first', async () => {
      const account = await freeAccount(taken);
      const opened = await h.ok('officer', 'createDeletion', {
        body: { accountId: account.id, origin: 'erasure_request', receivedAt: h.clock.now.toISOString(), note: 'Asked by email' },
      });
      const extended = await h.ok('officer2', 'deletionExtend', {
        params: { id: opened.id },
        version: opened.version,
        body: { reason: 'Complex request', months: 2 },
      });
      const cancelled = await h.ok('officer', 'cancelAccount', { params: { id: account.id }, body: {} });
      expect(cancelled.deletionRequest.id).toBe(opened.id);
      expect(cancelled.deletionRequest.dueAt < extended.dueAt).toBe(true);
      const thirtyDays = await h.ok('auditor', 'getDeletion', { params: { id: opened.id } });
      expect(thirtyDays.dueAt).toBe(cancelled.deletionRequest.dueAt);
    });

    it('adds one processor when two officers add the same name at once (whatever its case); the other gets 422 on the name', async () => {
      const add = (who: 'officer' | 'officer2', name: string) => h.api(who, 'createProcessor', { body: { ...newProcessor, name } });
      const results = await Promise.all([add('officer', 'Race Condition Ltd'), add('officer2', 'RACE CONDITION LTD')]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 422]);
      const refused = results.find((r) => !r.ok);
      expect(refused && !refused.ok && refused.error.fields?.name).toBe('Already in the registry');
      const registry = await h.ok('auditor', 'listProcessors', { query: { q: 'race condition' } });
      expect(registry.items).toHaveLength(1);
    });

    it('takes one of two settings changes made on the same version at once; the other gets 412', async () => {
      const { version, processorNoticeDays } = await h.ok('officer', 'getSettings');
      const changes = async () =>
        (await h.ok('auditor', 'listAuditEvents', { query: { action: 'settings.update', limit: 200 } })).items.length;
      const before = await changes();
      const change = (who: 'officer' | 'officer2', days: number) =>
        h.api(who, 'updateSettings', { body: { processorNoticeDays: days }, version });
      const results = await Promise.all([change('officer', 20), change('officer2', 21)]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
      const now = await h.ok('auditor', 'getSettings');
      expect(now.version).toBe(version + 1);
      expect(await changes()).toBe(before + 1);
      await h.ok('officer', 'updateSettings', { body: { processorNoticeDays }, version: now.version });
    });
  });
}
