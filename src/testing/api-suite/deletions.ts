import { beforeAll, describe, expect, it } from 'vitest';
import { page } from '@/api/contract/common';
import { endpoints } from '@/api/contract/endpoints';
import { deletionListItem, deletionRequest, deletionRequestView } from '@/api/contract/deletions';
import { verifyCertificateText } from '@/api/rules/certificate-verification';
import type { Harness, Who } from '@/testing/harness';
import type { Suite } from './api-suite';
import { expectError, expectListItems, rollOffBackup } from './helpers';

/** Deletion requests: review, four-eyes approval, tasks, holds, completion; and racing approvals. */
export function deletionTests(suite: Suite): void {
  let h: Harness;
  beforeAll(() => {
    h = suite.harness();
  });

  /** The requests a list answers (`query`), each as its own answer gives it whole: a list item is not the record. */
  async function listedWhole(who: Who, query: string) {
    const listed = page(deletionListItem).parse((await h.call(who, 'GET', `/api/deletion-requests?${query}`)).json).items;
    return Promise.all(listed.map((x) => h.ok(who, 'getDeletion', { params: { id: x.id } })));
  }

  describe('deletions', () => {
    it('is closed to support agents', async () => {
      expectError(await h.call('support', 'GET', '/api/deletion-requests'), 403);
    });
    it('lists soonest due first and filters overdue ones', async () => {
      const all = page(deletionListItem).parse((await h.call('auditor', 'GET', '/api/deletion-requests?limit=200')).json).items;
      expect(all.map((d) => d.dueAt)).toEqual([...all.map((d) => d.dueAt)].sort());
      const overdue = page(deletionListItem).parse(
        (await h.call('auditor', 'GET', '/api/deletion-requests?overdue=1&limit=200')).json,
      ).items;
      expect(overdue.length).toBeGreaterThan(0);
      expect(overdue.every((d) => d.dueAt < '2026-11-29T10:00:00.000Z' && !['completed', 'rejected'].includes(d.status))).toBe(true);
    });
    it('takes an erasure request through review, tasks and completion, with four-eyes approval', async () => {
      const account = h.seed.accounts.find((a) => a.status === 'active' && !h.seed.deletions.some((d) => d.accountId === a.id))!;
      const body = {
        accountId: account.id,
        origin: 'erasure_request',
        receivedAt: '2026-01-31T09:00:00.000Z',
        note: 'Email from the customer',
      };
      expectError(await h.call('auditor', 'POST', '/api/deletion-requests', { body }), 403);
      const created = await h.call('officer', 'POST', '/api/deletion-requests', { body });
      expect(created.status).toBe(201);
      let d = deletionRequest.parse(created.json);
      expect(d.dueAt.slice(0, 10)).toBe('2026-02-28');
      expectError(
        await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/approve`, {
          body: { confirmAccountName: account.name },
          version: d.version,
        }),
        403,
      );
      expectError(
        await h.call('officer2', 'POST', `/api/deletion-requests/${d.id}/approve`, {
          body: { confirmAccountName: 'wrong' },
          version: d.version,
        }),
        422,
        'confirmAccountName',
      );
      d = deletionRequest.parse(
        (
          await h.call('officer2', 'POST', `/api/deletion-requests/${d.id}/approve`, {
            body: { confirmAccountName: account.name },
            version: d.version,
          })
        ).json,
      );
      expect(d.status).toBe('approved');
      expect(d.tasks.map((t) => t.systemName)).toEqual(expect.arrayContaining(['Stripe', 'MailChimp']));
      expect(d.tasks.some((t) => t.kind === 'backup' && t.rollOffOn)).toBe(true);
      expectError(
        await h.call('officer2', 'POST', `/api/deletion-requests/${d.id}/approve`, {
          body: { confirmAccountName: account.name },
          version: d.version,
        }),
        409,
      );
      expectError(await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/complete`, { version: d.version }), 409);
      const stripe = d.tasks.find((t) => t.systemName === 'Stripe')!;
      expectError(
        await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/resolve-task`, {
          body: { taskId: stripe.id, outcome: 'retained_under_hold', reference: 'tax' },
          version: d.version,
        }),
        422,
        'outcome',
      );
      // A hold names a system of the registry and ends after today.
      expectError(
        await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/hold`, {
          body: { system: 'Shoebox under the desk', data: 'Billing records', legalReason: 'Tax law', until: '2033-12-31' },
          version: d.version,
        }),
        422,
        'system',
      );
      for (const until of ['2026-11-29', '2020-01-01']) {
        expectError(
          await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/hold`, {
            body: { system: 'Stripe', data: 'Billing records', legalReason: 'Tax law', until },
            version: d.version,
          }),
          422,
          'until',
        );
      }
      d = deletionRequest.parse(
        (
          await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/hold`, {
            body: { system: 'Stripe', data: 'Billing records', legalReason: 'Tax law', until: '2033-12-31' },
            version: d.version,
          })
        ).json,
      );
      const backup = d.tasks.find((t) => t.kind === 'backup')!;
      for (const t of d.tasks.filter((x) => x.kind !== 'backup')) {
        const outcome = t.id === stripe.id ? 'retained_under_hold' : 'deleted';
        const res = await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/resolve-task`, {
          body: { taskId: t.id, outcome, reference: `ref-${t.systemName}`, notified: t.kind === 'processor' },
          version: d.version,
        });
        expect(res.status).toBe(200);
        d = deletionRequest.parse(res.json);
      }
      // The offsite backup cannot be marked deleted before it rolls off: the actions say why, the API refuses.
      const before = deletionRequestView.parse((await h.call('officer', 'GET', `/api/deletion-requests/${d.id}`)).json);
      expect(before.actions.resolveTask).toEqual({
        allowed: false,
        reason: expect.stringMatching(/rolls off on [A-Z][a-z]{2} \d{1,2}, \d{4};/),
      });
      expect(before.actions.complete.allowed).toBe(false);
      for (const outcome of ['deleted', 'not_applicable']) {
        expectError(
          await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/resolve-task`, {
            body: { taskId: backup.id, outcome, reference: 'early' },
            version: d.version,
          }),
          409,
        );
      }
      // On its roll-off date the scheduled sweep resolves it.
      d = await rollOffBackup(h, d);
      expect(d.tasks.find((t) => t.id === backup.id)).toMatchObject({ outcome: 'deleted', resolvedBy: null });
      d = deletionRequest.parse((await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/complete`, { version: d.version })).json);
      expect(d.status).toBe('completed');
      expectError(
        await h.call('officer2', 'POST', `/api/deletion-requests/${d.id}/approve`, {
          body: { confirmAccountName: account.name },
          version: d.version,
        }),
        409,
      );
      const raw = await h.app.request(`/api/deletion-requests/${d.id}/certificate`, { headers: await h.authHeaders('auditor') });
      const text = await raw.text();
      const cert = endpoints.deletionCertificate.response.parse(JSON.parse(text));
      // Signed: it verifies under the key the issuer publishes, and one changed byte breaks it.
      const key = endpoints.certificateSigningKey.response.parse(
        (await h.call('nobody', 'GET', '/api/.well-known/deletion-certificate-key')).json,
      );
      expect(cert.signature.publicKey).toBe(key.publicKey);
      expect(await verifyCertificateText(text, key.publicKey)).toEqual({ valid: true, keyId: key.keyId });
      expect(await verifyCertificateText(JSON.stringify(cert, null, 2), key.publicKey)).toMatchObject({ valid: true });
      const at = text.indexOf('Tax law');
      const changed = `${text.slice(0, at)}Tax lau${text.slice(at + 7)}`;
      expect(changed.length).toBe(text.length);
      expect(await verifyCertificateText(changed, key.publicKey)).toMatchObject({ valid: false, reason: expect.stringMatching(/changed/) });
      expect(await verifyCertificateText(text, 'A'.repeat(43))).toMatchObject({ valid: false });
      expect(cert.issuer).toMatchObject({ company: 'ActiveCollab', officer: 'Olivia Officer', officerRole: 'Privacy officer' });
      expect(cert.statement).toMatch(/Billing records at Stripe under a legal hold \(Tax law\) until Dec 31, 2033/);
      // The console's own copy is erased with the rest: the account is a tombstone now.
      expect(cert.account.name).toBe(`Deleted account ${account.id}`);
      expect(cert.approvedBy).toBe('Oscar Second');
      expect(cert.exceptions.map((x) => x.system)).toEqual(['Stripe']);
      expect(cert.systems.find((x) => x.system === 'Stripe')?.outcome).toBe('retained_under_hold');
      expect(cert.backupRollOffOn).toBeTruthy();
    });
    it('starts the 30 days when an account is cancelled, once', async () => {
      const account = h.seed.accounts.filter((a) => a.status === 'active' && !h.seed.deletions.some((d) => d.accountId === a.id)).at(-1)!;
      expectError(await h.call('support', 'POST', `/api/accounts/${account.id}/cancel`, { body: {} }), 403);
      expectError(
        await h.call('officer', 'POST', `/api/accounts/${account.id}/cancel`, { body: { cancelledAt: '2027-01-01T00:00:00.000Z' } }),
        422,
        'cancelledAt',
      );
      expectError(await h.call('officer', 'POST', '/api/accounts/acc_nope/cancel', { body: {} }), 404);
      const res = await h.call('officer', 'POST', `/api/accounts/${account.id}/cancel`, {
        body: { cancelledAt: '2026-11-20T08:00:00.000Z' },
      });
      expect(res.status).toBe(200);
      const { account: cancelled, deletionRequest: d } = endpoints.cancelAccount.response.parse(res.json);
      expect(cancelled.status).toBe('cancelled');
      expect(d.origin).toBe('cancellation');
      expect(d.dueAt).toBe('2026-12-20T08:00:00.000Z');
      expect(endpoints.getAccount.response.parse((await h.call('auditor', 'GET', `/api/accounts/${account.id}`)).json).account.status).toBe(
        'cancelled',
      );
      expectError(await h.call('officer', 'POST', `/api/accounts/${account.id}/cancel`, { body: {} }), 409);
    });
    it('keeps the officer who recorded a cancellation from approving its deletion, and says so in the actions', async () => {
      const account = h.seed.accounts.filter((a) => a.status === 'active' && !h.seed.deletions.some((d) => d.accountId === a.id)).at(-3)!;
      const res = await h.call('officer', 'POST', `/api/accounts/${account.id}/cancel`, { body: {} });
      let d = endpoints.cancelAccount.response.parse(res.json).deletionRequest;
      expect(d.recordedBy).toEqual([d.createdBy]);
      const mine = deletionRequestView.parse((await h.call('officer', 'GET', `/api/deletion-requests/${d.id}`)).json);
      expect(mine.actions.approve).toEqual({ allowed: false, reason: expect.stringMatching(/^You created this request/) });
      expectError(
        await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/approve`, {
          body: { confirmAccountName: account.name },
          version: d.version,
        }),
        403,
      );
      const theirs = deletionRequestView.parse((await h.call('officer2', 'GET', `/api/deletion-requests/${d.id}`)).json);
      expect(theirs.actions.approve).toEqual({ allowed: true, reason: null });
      d = deletionRequestView.parse(
        (
          await h.call('officer2', 'POST', `/api/deletion-requests/${d.id}/approve`, {
            body: { confirmAccountName: account.name },
            version: d.version,
          })
        ).json,
      );
      expect(d.status).toBe('approved');
    });
    it('lets an officer who recorded the cancellation joining an erasure request not approve it either', async () => {
      const account = h.seed.accounts.filter((a) => a.status === 'active' && !h.seed.deletions.some((d) => d.accountId === a.id)).at(-4)!;
      const created = deletionRequest.parse(
        (
          await h.call('officer2', 'POST', '/api/deletion-requests', {
            body: { accountId: account.id, origin: 'erasure_request', receivedAt: '2026-11-20T09:00:00.000Z', note: 'By letter' },
          })
        ).json,
      );
      await h.call('officer', 'POST', `/api/accounts/${account.id}/cancel`, { body: {} });
      const joined = deletionRequestView.parse((await h.call('officer', 'GET', `/api/deletion-requests/${created.id}`)).json);
      expect(joined.recordedBy.sort()).toEqual([created.createdBy, joined.timeline.at(-1)?.actorId].sort());
      expect(joined.actions.approve).toEqual({ allowed: false, reason: expect.stringMatching(/recorded this account's cancellation/) });
      const other = deletionRequestView.parse((await h.call('officer2', 'GET', `/api/deletion-requests/${created.id}`)).json);
      expect(other.actions.approve.allowed).toBe(false);
    });
    it('shows the planned tasks and the holds the registry proposes before approval, so no one approves blind', async () => {
      const pending = (await listedWhole('auditor', 'status=pending_review&limit=200'))
        // A whole account's (the seed's people's own erasures plan fewer systems).
        .filter((x) => !x.person)
        .at(-3)!;
      const d = deletionRequestView.parse((await h.call('officer', 'GET', `/api/deletion-requests/${pending.id}`)).json);
      expect(d.tasks).toEqual([]);
      expect(d.plan?.tasks.map((t) => t.systemName)).toEqual(expect.arrayContaining(['Stripe', 'MailChimp']));
      expect(d.plan?.tasks.some((t) => t.kind === 'backup' && t.rollOffOn)).toBe(true);
      const stripe = d.plan?.proposedHolds.find((x) => x.system === 'Stripe');
      expect(stripe).toMatchObject({ until: '2036-11-29', legalReason: expect.stringMatching(/tax/i) });
      expect(d.plan?.proposedHolds.every((x) => x.until > '2026-11-29')).toBe(true);
    });
    it('lists what a list shows, not whole requests: no tasks, holds, timeline or plan, and only the approval', async () => {
      const answer = await h.call('officer2', 'GET', '/api/deletion-requests?limit=200');
      const heavy = ['tasks', 'holds', 'timeline', 'certificate', 'plan', 'taskRefusals', 'person'];
      const count = expectListItems(answer.json, deletionListItem.shape, heavy);
      expect(count).toBeGreaterThan(5);
      for (const item of (answer.json as { items: { actions: object }[] }).items) expect(Object.keys(item.actions)).toEqual(['approve']);
      // A list item is the request's own answer cut down: the same fields, version and approval (one rule).
      const listed = page(deletionListItem).parse(answer.json).items;
      const approvable = listed.find((x) => x.actions.approve.allowed);
      const refused = listed.find((x) => !x.actions.approve.allowed);
      for (const item of [approvable, refused]) {
        expect(item).toBeDefined();
        expect(await h.ok('officer2', 'getDeletion', { params: { id: item!.id } })).toMatchObject(item!);
      }
      // What this is for (issue 21): a first page small enough to parse at once and to embed in the page.
      expect(answer.text.length / count).toBeLessThan(1000);
    });
    it('needs two officers to approve a request the system opened', async () => {
      const pending = (await listedWhole('auditor', 'status=pending_review&limit=200'))
        .filter((x) => x.createdBy === null && x.recordedBy.length === 0 && x.firstApproval === null)
        .at(-2)!;
      const first = deletionRequestView.parse(
        (
          await h.call('officer', 'POST', `/api/deletion-requests/${pending.id}/approve`, {
            body: { confirmAccountName: pending.accountName },
            version: pending.version,
          })
        ).json,
      );
      expect(first.status).toBe('pending_review');
      expect(first.tasks).toEqual([]);
      expect(first.firstApproval?.name).toBe(first.timeline.at(-1)?.actorName);
      expect(first.actions.approve).toEqual({ allowed: false, reason: expect.stringMatching(/^You gave the first approval/) });
      expectError(
        await h.call('officer', 'POST', `/api/deletion-requests/${pending.id}/approve`, {
          body: { confirmAccountName: pending.accountName },
          version: first.version,
        }),
        403,
      );
      const audit = await h.ok('auditor', 'listAuditEvents', { query: { recordId: pending.id, action: 'deletion.first_approval' } });
      expect(audit.items).toHaveLength(1);
      const second = deletionRequestView.parse(
        (
          await h.call('officer2', 'POST', `/api/deletion-requests/${pending.id}/approve`, {
            body: { confirmAccountName: pending.accountName },
            version: first.version,
          })
        ).json,
      );
      expect(second.status).toBe('approved');
      expect(second.approvedByName).not.toBe(first.firstApproval?.name);
    });
    it('extends an erasure request once, within its first month, and never a cancellation', async () => {
      const account = h.seed.accounts.filter((a) => a.status === 'active' && !h.seed.deletions.some((d) => d.accountId === a.id)).at(-2)!;
      let d = deletionRequest.parse(
        (
          await h.call('officer', 'POST', '/api/deletion-requests', {
            body: { accountId: account.id, origin: 'erasure_request', receivedAt: '2026-11-20T09:00:00.000Z', note: 'By letter' },
          })
        ).json,
      );
      expectError(
        await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/extend`, {
          body: { reason: 'Many systems', months: 3 },
          version: d.version,
        }),
        422,
        'months',
      );
      expectError(
        await h.call('auditor', 'POST', `/api/deletion-requests/${d.id}/extend`, {
          body: { reason: 'Many systems', months: 2 },
          version: d.version,
        }),
        403,
      );
      const res = await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/extend`, {
        body: { reason: 'Many systems', months: 2 },
        version: d.version,
      });
      expect(res.status).toBe(200);
      d = deletionRequest.parse(res.json);
      expect(d.dueAt.slice(0, 10)).toBe('2027-02-20');
      expectError(
        await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/extend`, {
          body: { reason: 'Again', months: 1 },
          version: d.version,
        }),
        409,
      );
      const cancellation = page(deletionListItem)
        .parse((await h.call('auditor', 'GET', '/api/deletion-requests?status=pending_review&limit=200')).json)
        .items.find((x) => x.origin === 'cancellation')!;
      expectError(
        await h.call('officer', 'POST', `/api/deletion-requests/${cancellation.id}/extend`, {
          body: { reason: 'x', months: 1 },
          version: cancellation.version,
        }),
        409,
      );
    });
    it('rejects with a reason, and not once completed', async () => {
      const pending = page(deletionListItem)
        .parse((await h.call('auditor', 'GET', '/api/deletion-requests?status=pending_review&limit=200')).json)
        .items.at(-1)!;
      expectError(
        await h.call('officer', 'POST', `/api/deletion-requests/${pending.id}/reject`, {
          body: { reason: '' },
          version: pending.version,
        }),
        422,
        'reason',
      );
      const res = await h.call('officer', 'POST', `/api/deletion-requests/${pending.id}/reject`, {
        body: { reason: 'Account reactivated' },
        version: pending.version,
      });
      expect(res.status).toBe(200);
      expect(deletionRequest.parse(res.json).status).toBe('rejected');
      const completed = h.seed.deletions.find((x) => x.status === 'completed')!;
      expectError(
        await h.call('officer', 'POST', `/api/deletion-requests/${completed.id}/reject`, {
          body: { reason: 'Too late' },
          version: completed.version,
        }),
        409,
      );
    });
    it('issues no certificate before completion', async () => {
      const open = h.seed.deletions.find((x) => x.status === 'pending_review')!;
      expectError(await h.call('auditor', 'GET', `/api/deletion-requests/${open.id}/certificate`), 409);
    });
    it('approves several at once and says which failed and why', async () => {
      const candidates = (await listedWhole('officer2', 'status=pending_review&limit=200')).filter((x) => x.createdBy === null);
      const [a, b] = candidates;
      expect(a && b).toBeTruthy();
      const res = await h.call('officer2', 'POST', '/api/deletion-requests/bulk-approve', {
        body: {
          items: [
            { id: a!.id, version: a!.version, confirmAccountName: a!.accountName },
            { id: b!.id, version: b!.version, confirmAccountName: 'not it' },
            { id: 'del_nope', version: 1, confirmAccountName: 'x' },
          ],
        },
      });
      expect(res.status).toBe(200);
      const results = endpoints.bulkApproveDeletions.response.parse(res.json).results;
      expect(results.map((r) => [r.ok, r.status])).toEqual([
        [true, 200],
        [false, 422],
        [false, 404],
      ]);
      expectError(await h.call('auditor', 'POST', '/api/deletion-requests/bulk-approve', { body: { items: [] } }), 403);
      expectError(await h.call('officer', 'POST', '/api/deletion-requests/bulk-approve', { body: { items: [] } }), 422, 'items');
    });
  });
}
