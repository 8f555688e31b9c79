import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { machineConsentEvent } from '@/api/contract/api-tokens';
import { apiTokenList, createdApiToken, machineCancellationAnswer, machineConsentAnswer } from '@/api/contract/api-tokens';
import type { TokenScope } from '@/api/contract/api-tokens';
import { auditEvent } from '@/api/contract/audit';
import { page } from '@/api/contract/common';
import type { Harness } from '@/testing/harness';
import type { Suite } from './api-suite';
import { expectError } from './helpers';

const DAY = 86_400_000;

/**
 * Machine clients: officers make scoped API tokens (shown once, kept hashed, revocable); a token's calls are
 * checked against the endpoint's permission and its scope and audited as the token; the two reports other
 * systems send are idempotent by the caller's own id.
 */
export function apiTokenTests(suite: Suite): void {
  let h: Harness;
  beforeAll(() => {
    h = suite.harness();
  });
  const make = async (scope: TokenScope[], expiresInDays = 30) => {
    const res = await h.call('officer', 'POST', '/api/api-tokens', { body: { name: `Backend ${scope.join('+')}`, scope, expiresInDays } });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    return createdApiToken.parse(res.json);
  };
  const asToken = (secret: string, method: string, path: string, body?: unknown) =>
    h.call('nobody', method, path, { body, headers: { authorization: `Bearer ${secret}` } });
  /** A person of an account that is still active, and nobody else's test touches (the seed's last ones). */
  const activeAccount = async (skip = 0) => {
    const accounts = await h.store.transaction((tx) => tx.accounts.list({ status: ['active'], limit: 1000 }));
    const account = accounts.items.at(-1 - skip);
    if (!account) throw new Error('The seed has no active account left');
    const people = await h.store.transaction((tx) => tx.subjects.listByAccount(account.id));
    return { account, person: people[0] };
  };
  const report = (subjectId: string, eventId: string, over: Partial<z.input<typeof machineConsentEvent>> = {}) => ({
    eventId,
    subjectId,
    purpose: 'marketing_emails',
    action: 'withdrawn',
    channel: 'account_settings',
    occurredAt: new Date(h.clock.now.getTime() - 60_000).toISOString(),
    ...over,
  });

  describe('api tokens', () => {
    it('lets officers alone make, list and revoke tokens; the secret is answered once and never listed', async () => {
      const made = await make(['consent.record']);
      expect(made.secret).toMatch(/^pct_[A-Za-z0-9_-]{40,}$/);
      expect(made.token.status).toBe('active');
      expect(made.token.actions.revoke.allowed).toBe(true);
      const listed = await h.call('officer', 'GET', '/api/api-tokens');
      expect(listed.status).toBe(200);
      expect(listed.text).not.toContain(made.secret);
      expect(apiTokenList.parse(listed.json).items.some((t) => t.id === made.token.id)).toBe(true);
      const stored = await h.store.transaction((tx) => tx.apiTokens.get(made.token.id));
      expect(JSON.stringify(stored)).not.toContain(made.secret);
      for (const who of ['support', 'auditor'] as const) {
        expectError(await h.call(who, 'GET', '/api/api-tokens'), 403);
        expectError(
          await h.call(who, 'POST', '/api/api-tokens', { body: { name: 'x', scope: ['consent.record'], expiresInDays: 5 } }),
          403,
        );
      }
      expectError(await h.call('nobody', 'GET', '/api/api-tokens'), 401);
      const audited = page(auditEvent).parse((await h.call('officer', 'GET', `/api/audit-events?recordId=${made.token.id}`)).json);
      expect(audited.items.map((e) => e.action)).toEqual(['api_token.create']);
    });

    it('refuses a token without scope, with a permission no token may have, or with no expiry (422)', async () => {
      const post = (body: unknown) => h.call('officer', 'POST', '/api/api-tokens', { body });
      expectError(await post({ name: 'x', scope: [], expiresInDays: 5 }), 422, 'scope');
      expectError(await post({ name: 'x', scope: ['deletions.write'], expiresInDays: 5 }), 422, 'scope.0');
      expectError(await post({ name: 'x', scope: ['consent.record'], expiresInDays: 0 }), 422, 'expiresInDays');
      expectError(await post({ name: 'x', scope: ['consent.record'] }), 422, 'expiresInDays');
      expectError(await post({ name: ' ', scope: ['consent.record'], expiresInDays: 5 }), 422, 'name');
    });

    it('answers 401 for a missing, unknown, expired or revoked token', async () => {
      const { person } = await activeAccount();
      const body = report(person!.id, 'evt-401');
      expectError(await h.call('nobody', 'POST', '/api/machine/consent-events', { body }), 401);
      expectError(await asToken('pct_unknownunknownunknownunknownunknownunknown', 'POST', '/api/machine/consent-events', body), 401);
      const short = await make(['consent.record'], 1);
      const saved = h.clock.now;
      h.clock.now = new Date(saved.getTime() + 2 * DAY);
      try {
        expectError(await asToken(short.secret, 'POST', '/api/machine/consent-events', body), 401);
      } finally {
        h.clock.now = saved;
      }
      const revoked = await make(['consent.record']);
      const res = await h.call('officer', 'POST', `/api/api-tokens/${revoked.token.id}/revoke`);
      expect(res.status).toBe(200);
      expect(res.json.status).toBe('revoked');
      expect(res.json.actions.revoke).toEqual({ allowed: false, reason: 'This token is revoked already' });
      expectError(await asToken(revoked.secret, 'POST', '/api/machine/consent-events', body), 401);
      expectError(await h.call('officer', 'POST', `/api/api-tokens/${revoked.token.id}/revoke`), 409);
      expectError(await h.call('officer', 'POST', '/api/api-tokens/tok_nope/revoke'), 404);
      // None of them recorded anything.
      const events = await h.store.transaction((tx) => tx.consentEvents.listBySubject(person!.id));
      expect(events.some((e) => e.note?.includes('evt-401'))).toBe(false);
    });

    it('answers 403 when the scope lacks the endpoint s permission', async () => {
      const consentOnly = await make(['consent.record']);
      const { account } = await activeAccount();
      expectError(
        await asToken(consentOnly.secret, 'POST', '/api/machine/cancellations', { externalId: 'x-403', accountId: account.id }),
        403,
      );
      const refused = expectError(await asToken(consentOnly.secret, 'GET', '/api/api-tokens'), 403);
      expect(refused.error.message).toContain('tokens.manage');
      expectError(await asToken(consentOnly.secret, 'GET', '/api/accounts'), 403);
      const reader = await make(['accounts.read']);
      expect((await asToken(reader.secret, 'GET', '/api/accounts')).status).toBe(200);
      // A token is not a session: the session's own endpoints do not know it.
      expectError(await asToken(reader.secret, 'GET', '/api/session'), 401);
    });

    it('does no more than its creator may do now: a demoted creator takes the token s rights along', async () => {
      const canceller = await make(['accounts.cancel']);
      const { account } = await activeAccount();
      const creator = (await h.store.transaction((tx) => tx.users.get(canceller.token.createdBy.id)))!;
      await h.store.transaction((tx) => tx.users.update({ ...creator, role: 'auditor' }));
      try {
        expectError(
          await asToken(canceller.secret, 'POST', '/api/machine/cancellations', { externalId: 'x-demoted', accountId: account.id }),
          403,
        );
      } finally {
        await h.store.transaction((tx) => tx.users.update(creator));
      }
    });

    it('records a consent event once per event id, audited as the token, and refuses the id with another body', async () => {
      const backend = await make(['consent.record']);
      const { person } = await activeAccount();
      const body = report(person!.id, `evt-${h.clock.now.getTime()}`);
      const first = await asToken(backend.secret, 'POST', '/api/machine/consent-events', body);
      expect(first.status, JSON.stringify(first.json)).toBe(200);
      const answer = machineConsentAnswer.parse(first.json);
      const again = await asToken(backend.secret, 'POST', '/api/machine/consent-events', body);
      expect(again.status).toBe(200);
      expect(again.json).toEqual(first.json);
      const events = await h.store.transaction((tx) => tx.consentEvents.listBySubject(person!.id));
      expect(events.filter((e) => e.id === answer.id)).toHaveLength(1);
      expect(events.filter((e) => e.note === `Reported by API token ${backend.token.name} as event ${body.eventId}`)).toHaveLength(1);
      const conflict = await asToken(backend.secret, 'POST', '/api/machine/consent-events', { ...body, action: 'granted' });
      expectError(conflict, 409);
      const audited = page(auditEvent).parse((await h.call('officer', 'GET', `/api/audit-events?recordId=${answer.id}`)).json);
      expect(audited.items).toHaveLength(1);
      expect(audited.items[0]).toMatchObject({ actorId: backend.token.id, actorName: `API token ${backend.token.name}`, actorRole: null });
      const listed = apiTokenList.parse((await h.call('officer', 'GET', '/api/api-tokens')).json);
      expect(listed.items.find((t) => t.id === backend.token.id)?.lastUsedAt).toBe(h.clock.now.toISOString());
    });

    it('keeps one event when the same report arrives twice at once', async () => {
      const backend = await make(['consent.record']);
      const { person } = await activeAccount();
      const body = report(person!.id, `evt-race-${h.clock.now.getTime()}`, { action: 'granted' });
      const both = await Promise.all([1, 2].map(() => asToken(backend.secret, 'POST', '/api/machine/consent-events', body)));
      expect(both.map((r) => r.status)).toEqual([200, 200]);
      expect(both[1]!.json).toEqual(both[0]!.json);
      const events = await h.store.transaction((tx) => tx.consentEvents.listBySubject(person!.id));
      expect(events.filter((e) => e.note?.endsWith(`as event ${body.eventId}`))).toHaveLength(1);
    });

    it('refuses a report with bad fields (422, naming the field) or about an unknown person', async () => {
      const backend = await make(['consent.record']);
      const { person } = await activeAccount();
      const post = (body: unknown) => asToken(backend.secret, 'POST', '/api/machine/consent-events', body);
      expectError(await post({ ...report(person!.id, 'x'), eventId: undefined }), 422, 'eventId');
      expectError(await post(report(person!.id, 'has space')), 422, 'eventId');
      expectError(await post({ ...report(person!.id, 'x'), occurredAt: undefined }), 422, 'occurredAt');
      expectError(
        await post(report(person!.id, 'evt-future', { occurredAt: new Date(h.clock.now.getTime() + DAY).toISOString() })),
        422,
        'occurredAt',
      );
      expectError(await post(report('sub_nobody', 'evt-nobody')), 422, 'subjectId');
    });

    it('opens the 30-day deletion for a reported cancellation, once per external id', async () => {
      const billing = await make(['accounts.cancel']);
      const { account } = await activeAccount(1);
      const body = { externalId: `sub_cancel_${h.clock.now.getTime()}`, accountId: account.id };
      const first = await asToken(billing.secret, 'POST', '/api/machine/cancellations', body);
      expect(first.status, JSON.stringify(first.json)).toBe(200);
      const answer = machineCancellationAnswer.parse(first.json);
      expect(answer.cancelledAt).toBe(h.clock.now.toISOString());
      const days = (new Date(answer.dueAt).getTime() - h.clock.now.getTime()) / DAY;
      expect(days).toBeGreaterThan(29);
      expect(days).toBeLessThanOrEqual(31);
      const again = await asToken(billing.secret, 'POST', '/api/machine/cancellations', body);
      expect(again.status).toBe(200);
      expect(again.json).toEqual(first.json);
      const stored = await h.store.transaction(async (tx) => ({
        account: await tx.accounts.get(account.id),
        deletion: await tx.deletions.get(answer.deletionRequestId),
      }));
      expect(stored.account?.status).toBe('cancelled');
      expect(stored.deletion?.accountId).toBe(account.id);
      // Another id for the same account: the account is cancelled already.
      expectError(
        await asToken(billing.secret, 'POST', '/api/machine/cancellations', { ...body, externalId: `${body.externalId}-2` }),
        409,
      );
      // The same id about another account: a report cannot change.
      const other = await activeAccount(2);
      expectError(await asToken(billing.secret, 'POST', '/api/machine/cancellations', { ...body, accountId: other.account.id }), 409);
      expect((await h.store.transaction((tx) => tx.accounts.get(other.account.id)))?.status).toBe('active');
      expectError(await asToken(billing.secret, 'POST', '/api/machine/cancellations', { externalId: 'no account' }), 422, 'externalId');
      const audited = page(auditEvent).parse((await h.call('officer', 'GET', `/api/audit-events?recordId=${account.id}`)).json);
      expect(audited.items.find((e) => e.action === 'account.cancel')?.actorId).toBe(billing.token.id);
    });
  });
}
