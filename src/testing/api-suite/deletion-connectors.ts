import { beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '@/api/contract/accounts';
import type { ConnectorVendor } from '@/api/contract/connectors';
import type { DeletionRequestView, DeletionTask } from '@/api/contract/deletions';
import { deletionRequestView } from '@/api/contract/deletions';
import { endpoints } from '@/api/contract/endpoints';
import { MAX_CONNECTOR_ATTEMPTS } from '@/api/services/deletion-connectors';
import type { Harness } from '@/testing/harness';
import type { Suite } from './api-suite';
import { expectError } from './helpers';

/**
 * Deletion tasks at processors with a connector run as jobs on the queue (issue 15): against the vendors'
 * sandboxes, with their rate limits, failures and a search index that lags behind deletions.
 */
export function deletionConnectorTests(suite: Suite): void {
  let h: Harness;
  const used = new Set<string>();
  beforeAll(() => {
    h = suite.harness();
  });

  /** An active account none of the other tests touched, whose owner Stripe holds (so every vendor has work). */
  async function freshAccount(): Promise<{ account: Account; emails: string[] }> {
    for (const account of h.seed.accounts) {
      if (used.has(account.id) || account.status !== 'active' || h.seed.deletions.some((d) => d.accountId === account.id)) continue;
      const people = h.seed.subjects.filter((s) => s.accountId === account.id && s.email);
      if (!people.some((p) => p.accountRole === 'owner' && p.email && h.sandboxes.stripe.holds(p.email))) continue;
      const now = endpoints.getAccount.response.parse((await h.call('auditor', 'GET', `/api/accounts/${account.id}`)).json);
      if (now.account.status !== 'active') continue;
      // Not one whose erasure request an earlier area already took through (its people are erased).
      const requests = (await h.call('auditor', 'GET', `/api/deletion-requests?accountId=${account.id}`)).json as { items: unknown[] };
      if (requests.items.length > 0) continue;
      used.add(account.id);
      return { account: now.account, emails: people.map((p) => p.email ?? '') };
    }
    throw new Error('No fresh account left in the seed');
  }

  /** Cancelled by one officer, approved by the other: the tasks and their queued connector jobs exist. */
  async function approvedDeletion(account: Account): Promise<DeletionRequestView> {
    // Other areas' approved requests have jobs queued too: they run first, so a failure injected below is ours.
    await h.runJobs();
    const cancelled = await h.call('officer', 'POST', `/api/accounts/${account.id}/cancel`, { body: {} });
    expect(cancelled.status).toBe(200);
    const d = endpoints.cancelAccount.response.parse(cancelled.json).deletionRequest;
    const res = await h.call('officer2', 'POST', `/api/deletion-requests/${d.id}/approve`, {
      body: { confirmAccountName: account.name },
      version: d.version,
    });
    expect(res.status).toBe(200);
    return deletionRequestView.parse(res.json);
  }

  const read = async (id: string) => deletionRequestView.parse((await h.call('officer', 'GET', `/api/deletion-requests/${id}`)).json);
  const taskOf = (d: DeletionRequestView, vendor: ConnectorVendor): DeletionTask => {
    const task = d.tasks.find((t) => t.connector?.vendor === vendor);
    if (!task) throw new Error(`No ${vendor} task`);
    return task;
  };
  /** A record's DELETE that the vendor answered (deleted, or 404 for one already gone) is asked once, ever. */
  const expectEachDeletedOnce = (vendor: ConnectorVendor) => {
    const paths = h.sandboxes[vendor].calls().flatMap((c) => (c.method === 'DELETE' && c.status < 500 && c.status !== 429 ? [c.path] : []));
    expect(paths.length).toBeGreaterThan(0);
    expect(new Set(paths).size).toBe(paths.length);
  };
  const deletes = (vendor: ConnectorVendor) => h.sandboxes[vendor].calls().filter((c) => c.method === 'DELETE' && c.status < 300).length;

  describe('deletion connector jobs', () => {
    it('queues a job per connected processor on approval, then deletes, verifies and keeps the evidence', async () => {
      const { account, emails } = await freshAccount();
      const d = await approvedDeletion(account);
      const connected = d.tasks.filter((t) => t.connector);
      expect(connected.map((t) => t.connector?.vendor).sort()).toEqual(['crisp', 'helpscout', 'mailchimp', 'stripe', 'zoom']);
      expect(connected.every((t) => t.connector?.state === 'queued' && t.outcome === null)).toBe(true);
      // Tasks without an API stay manual.
      expect(d.tasks.some((t) => !t.connector && t.kind !== 'backup')).toBe(true);
      expect(emails.some((e) => h.sandboxes.stripe.holds(e))).toBe(true);

      await h.runJobs();
      const after = await read(d.id);
      for (const t of after.tasks.filter((x) => x.connector)) {
        expect(t).toMatchObject({ outcome: 'deleted', resolvedBy: null, connector: { state: 'done', attempts: 1 } });
        expect(t.reference).toMatch(/verified/);
        expect(t.connector?.evidence?.length).toBeGreaterThan(0);
      }
      const stripe = taskOf(after, 'stripe');
      const evidence = stripe.connector?.evidence ?? [];
      expect(evidence.some((e) => e.deletedIds.length > 0 && e.verification.method === 'marked_deleted')).toBe(true);
      expect(stripe.connector?.calls.some((c) => c.method === 'DELETE' && c.requestId)).toBe(true);
      // The evidence names nobody: the email is `<subject>` in every URL.
      const stored = JSON.stringify(after.tasks);
      for (const email of emails) {
        expect(stored.toLowerCase()).not.toContain(email.toLowerCase());
        for (const vendor of ['helpscout', 'crisp', 'stripe', 'mailchimp', 'zoom'] as const)
          expect(h.sandboxes[vendor].holds(email)).toBe(false);
      }
      const audit = (await h.call('auditor', 'GET', `/api/audit-events?recordId=${d.id}&limit=100`)).json as {
        items: { action: string }[];
      };
      expect(audit.items.filter((e) => e.action === 'deletion.connector_done')).toHaveLength(5);
      // Running the queue again deletes nothing more.
      const before = deletes('stripe');
      await h.runJobs();
      expect(deletes('stripe')).toBe(before);
    });

    it('waits as long as a 429 asks, then succeeds without deleting twice', async () => {
      const { account } = await freshAccount();
      const d = await approvedDeletion(account);
      // Help Scout names its wait (X-RateLimit-Retry-After). A read after the first is refused once: the deletion already happened and must not happen again.
      h.sandboxes.helpscout.fail({ kind: 'rate_limit', on: 'read', after: 1, retryAfterSeconds: 40 });
      const before = deletes('helpscout');
      await h.runJobs();
      let task = taskOf(await read(d.id), 'helpscout');
      expect(task.outcome).toBeNull();
      expect(task.connector).toMatchObject({ state: 'retrying', attempts: 1, lastAnswer: expect.stringMatching(/429/) });
      expect(new Date(task.connector?.nextAttemptAt ?? 0).getTime() - h.clock.now.getTime()).toBe(40_000);
      const deletedFirst = deletes('helpscout') - before;
      expect(Object.values(task.connector?.deletedIds ?? {}).flat()).toHaveLength(deletedFirst);
      // Not before the wait the vendor named.
      await h.advance(39);
      expect(taskOf(await read(d.id), 'helpscout').connector?.state).toBe('retrying');
      await h.advance(1);
      task = taskOf(await read(d.id), 'helpscout');
      expect(task).toMatchObject({ outcome: 'deleted', connector: { state: 'done', attempts: 2 } });
      // Every record deleted once: those of the first attempt were not deleted again.
      const ids = Object.values(task.connector?.deletedIds ?? {}).flat();
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBeGreaterThanOrEqual(deletedFirst);
      expect(deletes('helpscout') - before).toBe(ids.length);
      expectEachDeletedOnce('helpscout');
    });

    it('never deletes twice when a search still lists what a failed attempt deleted', async () => {
      const { account } = await freshAccount();
      const d = await approvedDeletion(account);
      h.sandboxes.helpscout.lagSearches();
      // The first deletion goes through, then the vendor fails: the retry finds the deleted record again.
      h.sandboxes.helpscout.fail({ kind: 'server_error', on: 'write', after: 1, times: 1 });
      const before = h.sandboxes.helpscout.deletions();
      await h.runJobs();
      const first = taskOf(await read(d.id), 'helpscout');
      const deletedFirst = h.sandboxes.helpscout.deletions() - before;
      if (first.connector?.state === 'retrying') {
        expect(first.connector.lastAnswer).toMatch(/5\d\d/);
        await h.advance(3600);
      }
      const done = taskOf(await read(d.id), 'helpscout');
      expect(done).toMatchObject({ outcome: 'deleted', connector: { state: 'done' } });
      const ids = Object.values(done.connector?.deletedIds ?? {}).flat();
      expect(new Set(ids).size).toBe(ids.length);
      expect(h.sandboxes.helpscout.deletions() - before).toBe(ids.length);
      expectEachDeletedOnce('helpscout');
      expect(ids.length).toBeGreaterThanOrEqual(deletedFirst);
    });

    it('needs attention after its retries, with the vendor answer; an officer retries it, audited', async () => {
      const { account } = await freshAccount();
      let d = await approvedDeletion(account);
      // Each attempt stops at its first call: exactly its attempts' worth of failures.
      h.sandboxes.zoom.fail({ kind: 'server_error', times: MAX_CONNECTOR_ATTEMPTS });
      await h.runJobs();
      for (let i = 0; i < MAX_CONNECTOR_ATTEMPTS + 2; i++) await h.advance(3600);
      d = await read(d.id);
      const zoom = taskOf(d, 'zoom');
      expect(zoom.outcome).toBeNull();
      expect(zoom.connector).toMatchObject({
        state: 'needs_attention',
        attempts: MAX_CONNECTOR_ATTEMPTS,
        lastAnswer: expect.stringMatching(/Zoom failed for now \(5\d\d\).*after 5 attempts/),
      });
      expect(d.actions.retryTask).toEqual({ allowed: true, reason: null });
      // Nobody but an officer; only a task that needs attention; the version seen.
      expectError(
        await h.call('auditor', 'POST', `/api/deletion-requests/${d.id}/retry-task`, { body: { taskId: zoom.id }, version: d.version }),
        403,
      );
      expectError(
        await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/retry-task`, { body: {}, version: d.version }),
        422,
        'taskId',
      );
      expectError(
        await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/retry-task`, { body: { taskId: 'task_nope' }, version: d.version }),
        422,
        'taskId',
      );
      const stripe = taskOf(d, 'stripe');
      expectError(
        await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/retry-task`, { body: { taskId: stripe.id }, version: d.version }),
        409,
      );
      expectError(
        await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/retry-task`, { body: { taskId: zoom.id }, version: d.version - 1 }),
        412,
      );
      const res = await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/retry-task`, {
        body: { taskId: zoom.id },
        version: d.version,
      });
      expect(res.status).toBe(200);
      d = deletionRequestView.parse(res.json);
      expect(taskOf(d, 'zoom').connector).toMatchObject({ state: 'queued', attempts: 0 });
      const audit = (await h.call('auditor', 'GET', `/api/audit-events?recordId=${d.id}&limit=100`)).json as {
        items: { action: string }[];
      };
      expect(audit.items.map((e) => e.action)).toEqual(expect.arrayContaining(['deletion.retry_task', 'deletion.connector_failed']));
      await h.runJobs();
      expect(taskOf(await read(d.id), 'zoom')).toMatchObject({ outcome: 'deleted', connector: { state: 'done', attempts: 1 } });
    });

    it('needs attention at once when the vendor refuses the credentials, and can be resolved by hand', async () => {
      const { account } = await freshAccount();
      let d = await approvedDeletion(account);
      h.sandboxes.crisp.fail({ kind: 'unauthorized', times: 1 });
      await h.runJobs();
      d = await read(d.id);
      const crisp = taskOf(d, 'crisp');
      expect(crisp.connector).toMatchObject({
        state: 'needs_attention',
        attempts: 1,
        lastStatus: 401,
        lastAnswer: expect.stringMatching(/credentials/),
      });
      const res = await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/resolve-task`, {
        body: { taskId: crisp.id, outcome: 'deleted', reference: 'Deleted in the Crisp dashboard, ticket 4411' },
        version: d.version,
      });
      expect(res.status).toBe(200);
      d = deletionRequestView.parse(res.json);
      expect(taskOf(d, 'crisp')).toMatchObject({ outcome: 'deleted', reference: 'Deleted in the Crisp dashboard, ticket 4411' });
      expect(d.actions.retryTask.allowed).toBe(false);
    });
  });

  describe('legal holds until completion', () => {
    it('edits and removes a hold, each change audited, systems from the registry only', async () => {
      const { account } = await freshAccount();
      let d = await approvedDeletion(account);
      const add = await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/hold`, {
        body: { system: 'Stripe', data: 'Invoices', legalReason: 'Tax law', until: '2036-12-31' },
        version: d.version,
      });
      expect(add.status).toBe(200);
      d = deletionRequestView.parse(add.json);
      const hold = d.holds[0]!;
      expect(d.actions.editHold).toEqual({ allowed: true, reason: null });
      const edit = (body: object, version = d.version, who: 'officer' | 'auditor' = 'officer') =>
        h.call(who, 'POST', `/api/deletion-requests/${d.id}/edit-hold`, { body: { holdId: hold.id, ...body }, version });
      const fields = { system: 'Stripe', data: 'Invoices', legalReason: 'Tax law (10 years)', until: '2036-12-31' };
      expectError(await edit(fields, d.version, 'auditor'), 403);
      expectError(await edit({ ...fields, system: 'A shoebox' }), 422, 'system');
      expectError(await edit({ ...fields, until: '2020-01-01' }), 422, 'until');
      expectError(await edit({ ...fields, holdId: 'hold_nope' }), 422, 'holdId');
      expectError(await edit(fields, d.version - 1), 412);
      const edited = await edit(fields);
      expect(edited.status).toBe(200);
      d = deletionRequestView.parse(edited.json);
      expect(d.holds[0]).toMatchObject({ id: hold.id, legalReason: 'Tax law (10 years)' });
      // A task resolved as retained under the hold keeps it.
      const stripe = d.tasks.find((t) => t.systemName === 'Stripe')!;
      const retained = await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/resolve-task`, {
        body: { taskId: stripe.id, outcome: 'retained_under_hold', reference: 'Invoices kept' },
        version: d.version,
      });
      expect(retained.status).toBe(200);
      d = deletionRequestView.parse(retained.json);
      const remove = (version = d.version) =>
        h.call('officer', 'POST', `/api/deletion-requests/${d.id}/remove-hold`, {
          body: { holdId: hold.id, reason: 'Entered by mistake' },
          version,
        });
      expectError(await remove(), 409);
      expectError(await edit({ ...fields, system: 'MailChimp' }), 409);
      // Another hold covers Stripe: the first may go.
      d = deletionRequestView.parse(
        (
          await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/hold`, {
            body: { system: 'Stripe', data: 'Invoices', legalReason: 'Tax law', until: '2037-01-31' },
            version: d.version,
          })
        ).json,
      );
      expectError(
        await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/remove-hold`, { body: { holdId: hold.id }, version: d.version }),
        422,
        'reason',
      );
      const removed = await remove();
      expect(removed.status).toBe(200);
      d = deletionRequestView.parse(removed.json);
      expect(d.holds.map((x) => x.id)).not.toContain(hold.id);
      const audit = (await h.call('auditor', 'GET', `/api/audit-events?recordId=${d.id}&limit=100`)).json as {
        items: { action: string; changes: { field: string }[] }[];
      };
      expect(audit.items.find((e) => e.action === 'deletion.hold_edit')?.changes.map((c) => c.field)).toEqual([
        `holds.${hold.id}.legalReason`,
      ]);
      expect(audit.items.some((e) => e.action === 'deletion.hold_remove')).toBe(true);
    });
  });
}
