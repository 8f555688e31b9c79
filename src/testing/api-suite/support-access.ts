import { beforeAll, describe, expect, it } from 'vitest';
import { page } from '@/api/contract/common';
import { supportAccessRequest } from '@/api/contract/support-access';
import { auditEvent } from '@/api/contract/audit';
import type { Harness } from '@/testing/harness';
import type { Suite } from './api-suite';
import { expectError } from './helpers';

/** Support access: the request, consent, approval and grant lifecycle. */
export function supportAccessTests(suite: Suite): void {
  let h: Harness;
  beforeAll(() => {
    h = suite.harness();
  });

  describe('support access', () => {
    it('lists pending requests by what they wait for, and grants ending within some hours', async () => {
      const list = async (who: 'officer' | 'support' | 'auditor', query: string) => {
        const res = await h.call(who, 'GET', `/api/support-access-requests?limit=200&${query}`);
        expect(res.status, query).toBe(200);
        return page(supportAccessRequest).parse(res.json);
      };
      // One request that has the customer's consent and waits for an officer.
      const cloud = h.seed.accounts.find(
        (a) =>
          a.hosting === 'cloud' &&
          a.status === 'active' &&
          !h.seed.supportAccess.some((r) => r.accountId === a.id && ['pending', 'active'].includes(r.status)),
      )!;
      const person = h.seed.subjects.find((x) => x.accountId === cloud.id && x.kind === 'person')!;
      const made = await h.call('support', 'POST', '/api/support-access-requests', {
        body: { accountId: cloud.id, ticketRef: 'WAIT-1', reason: 'Look at a report', scope: 'read', durationHours: 4 },
      });
      expect(made.status, JSON.stringify(made.json)).toBe(201);
      const consented = await h.call('support', 'POST', `/api/support-access-requests/${made.json.id}/consent`, {
        body: { personId: person.id, givenAt: h.clock.now.toISOString(), channel: 'support_conversation', quote: 'Yes, go ahead.' },
        version: made.json.version,
      });
      expect(consented.status).toBe(200);
      const all = (await list('officer', '')).items;
      const now = h.clock.now.toISOString();
      const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
      for (const awaiting of ['consent', 'approval'] as const) {
        const want = all.filter((r) => r.status === 'pending' && (r.consent === null) === (awaiting === 'consent'));
        expect(want.length, awaiting).toBeGreaterThan(0);
        const got = await list('officer', `awaiting=${awaiting}`);
        expect(ids(got.items), awaiting).toEqual(ids(want));
        expect(got.total).toBe(want.length);
        const agent = h.seed.users.find((u) => u.email === 'support@demo.test')!.id;
        const mine = await list('support', `awaiting=${awaiting}`);
        expect(ids(mine.items)).toEqual(ids(want.filter((r) => r.requesterId === agent)));
      }
      for (const hours of [1, 24, 168]) {
        const until = new Date(h.clock.now.getTime() + hours * 3_600_000).toISOString();
        const want = all.filter((r) => r.status === 'active' && r.grantEndsAt !== null && r.grantEndsAt > now && r.grantEndsAt <= until);
        const got = await list('auditor', `endingWithinHours=${hours}&sort=ending`);
        expect(ids(got.items), `${hours} h`).toEqual(ids(want));
        expect(got.items.map((r) => r.grantEndsAt)).toEqual([...got.items.map((r) => r.grantEndsAt)].sort());
      }
      expect((await list('officer', 'endingWithinHours=168')).items.length).toBeGreaterThan(0);
      expect((await list('officer', 'endingWithinHours=24&status=pending')).items).toEqual([]);
      expectError(await h.call('officer', 'GET', '/api/support-access-requests?awaiting=godot'), 400, 'awaiting');
      expectError(await h.call('officer', 'GET', '/api/support-access-requests?endingWithinHours=0'), 400, 'endingWithinHours');
      expectError(await h.call('officer', 'GET', '/api/support-access-requests?endingWithinHours=500'), 400, 'endingWithinHours');
      expectError(await h.call('nobody', 'GET', '/api/support-access-requests?awaiting=consent'), 401);
      // Leave the account free of open requests for the tests after this one.
      const cancelled = await h.call('support', 'POST', `/api/support-access-requests/${made.json.id}/cancel`, {
        version: consented.json.version,
      });
      expect(cancelled.status).toBe(200);
    });

    it('runs a request from ask to reveal to revoke, refusing every shortcut', async () => {
      const cloud = h.seed.accounts.find(
        (a) =>
          a.hosting === 'cloud' &&
          a.status === 'active' &&
          !h.seed.supportAccess.some((r) => r.accountId === a.id && ['pending', 'active'].includes(r.status)),
      )!;
      const selfHosted = h.seed.accounts.find((a) => a.hosting === 'self_hosted' && a.status === 'active')!;
      const ask = { accountId: cloud.id, ticketRef: 'HS-1234', reason: 'Broken export', scope: 'read', durationHours: 4 };
      expectError(await h.call('officer', 'POST', '/api/support-access-requests', { body: ask }), 403);
      expectError(
        await h.call('support', 'POST', '/api/support-access-requests', { body: { ...ask, accountId: selfHosted.id } }),
        422,
        'accountId',
      );
      expectError(
        await h.call('support', 'POST', '/api/support-access-requests', { body: { ...ask, durationHours: 5 } }),
        422,
        'durationHours',
      );
      const created = await h.call('support', 'POST', '/api/support-access-requests', { body: ask });
      expect(created.status).toBe(201);
      let r = supportAccessRequest.parse(created.json);
      expect(r.decideBy).toBe('2026-11-29T22:00:00.000Z');
      expectError(await h.call('support', 'POST', '/api/support-access-requests', { body: ask }), 409);
      // No consent yet: nothing can be approved.
      expectError(await h.call('officer', 'POST', `/api/support-access-requests/${r.id}/approve`, { version: r.version }), 409);
      const stranger = h.seed.subjects.find((s) => s.kind === 'person' && s.accountId !== cloud.id)!;
      const consent = { givenAt: '2026-11-29T09:00:00.000Z', channel: 'support_conversation', quote: 'Yes, please look.' };
      expectError(
        await h.call('support', 'POST', `/api/support-access-requests/${r.id}/consent`, {
          body: { ...consent, personId: stranger.id },
          version: r.version,
        }),
        422,
        'personId',
      );
      const person = h.seed.subjects.find((s) => s.kind === 'person' && s.accountId === cloud.id)!;
      r = supportAccessRequest.parse(
        (
          await h.call('support', 'POST', `/api/support-access-requests/${r.id}/consent`, {
            body: { ...consent, personId: person.id },
            version: r.version,
          })
        ).json,
      );
      const withCreds = await h.call('support', 'POST', `/api/support-access-requests/${r.id}/credentials`, {
        body: { username: 'admin', password: 's3cret!' },
        version: r.version,
      });
      expect(withCreds.status).toBe(200);
      expect(JSON.stringify(withCreds.json)).not.toContain('s3cret!');
      r = supportAccessRequest.parse(withCreds.json);
      expect(r.hasCredentials).toBe(true);
      expectError(await h.call('support', 'POST', `/api/support-access-requests/${r.id}/reveal`), 409);
      expectError(await h.call('auditor', 'POST', `/api/support-access-requests/${r.id}/approve`, { version: r.version }), 403);
      expectError(await h.call('officer', 'POST', `/api/support-access-requests/${r.id}/approve`, { version: r.version - 1 }), 412);
      r = supportAccessRequest.parse(
        (await h.call('officer', 'POST', `/api/support-access-requests/${r.id}/approve`, { version: r.version })).json,
      );
      expect(r.status).toBe('active');
      expect(r.grantEndsAt).toBe('2026-11-29T14:00:00.000Z');
      expectError(await h.call('officer', 'POST', `/api/support-access-requests/${r.id}/reveal`), 403);
      const revealed = await h.call('support', 'POST', `/api/support-access-requests/${r.id}/reveal`);
      expect(revealed.status).toBe(200);
      expect(revealed.json).toMatchObject({ username: 'admin', password: 's3cret!' });
      const audit = page(auditEvent).parse((await h.call('auditor', 'GET', `/api/audit-events?recordId=${r.id}`)).json);
      expect(audit.items.map((e) => e.action)).toContain('support_access.reveal');
      expectError(
        await h.call('officer', 'POST', `/api/support-access-requests/${r.id}/revoke`, { body: { reason: '' }, version: r.version }),
        422,
        'reason',
      );
      r = supportAccessRequest.parse(
        (await h.call('officer', 'POST', `/api/support-access-requests/${r.id}/revoke`, { body: { reason: 'Done' }, version: r.version }))
          .json,
      );
      expect(r.status).toBe('revoked');
      expect(r.hasCredentials).toBe(false);
      expectError(await h.call('support', 'POST', `/api/support-access-requests/${r.id}/reveal`), 409);
    });
    it('ends a grant on the server clock: a reveal after the end gives nothing', async () => {
      const cloud = h.seed.accounts.filter(
        (a) =>
          a.hosting === 'cloud' &&
          a.status === 'active' &&
          !h.seed.supportAccess.some((r) => r.accountId === a.id && ['pending', 'active'].includes(r.status)),
      )[1]!;
      const person = h.seed.subjects.find((s) => s.kind === 'person' && s.accountId === cloud.id)!;
      let r = supportAccessRequest.parse(
        (
          await h.call('support', 'POST', '/api/support-access-requests', {
            body: { accountId: cloud.id, ticketRef: 'C-9', reason: 'Sync issue', scope: 'read', durationHours: 1 },
          })
        ).json,
      );
      r = supportAccessRequest.parse(
        (
          await h.call('support', 'POST', `/api/support-access-requests/${r.id}/consent`, {
            body: { personId: person.id, givenAt: '2026-11-29T09:30:00.000Z', channel: 'call', quote: 'Go ahead' },
            version: r.version,
          })
        ).json,
      );
      r = supportAccessRequest.parse(
        (
          await h.call('support', 'POST', `/api/support-access-requests/${r.id}/credentials`, {
            body: { username: 'u', password: 'p' },
            version: r.version,
          })
        ).json,
      );
      r = supportAccessRequest.parse(
        (await h.call('officer2', 'POST', `/api/support-access-requests/${r.id}/approve`, { version: r.version })).json,
      );
      h.clock.now = new Date('2026-11-29T11:00:01.000Z');
      try {
        expectError(await h.call('support', 'POST', `/api/support-access-requests/${r.id}/reveal`), 409);
        const after = supportAccessRequest.parse((await h.call('auditor', 'GET', `/api/support-access-requests/${r.id}`)).json);
        expect(after.status).toBe('ended');
        expect(after.hasCredentials).toBe(false);
      } finally {
        h.clock.now = new Date('2026-11-29T10:00:00.000Z');
      }
    });
    it('denies with a reason shown to the agent, lets the agent cancel, and refuses the rest', async () => {
      const free = h.seed.accounts.filter(
        (a) =>
          a.hosting === 'cloud' &&
          a.status === 'active' &&
          !h.seed.supportAccess.some((r) => r.accountId === a.id && ['pending', 'active'].includes(r.status)),
      );
      const ask = (accountId: string) => ({
        accountId,
        ticketRef: 'T-77',
        reason: 'Look at a report',
        scope: 'read_write',
        durationHours: 24,
      });
      let a = supportAccessRequest.parse(
        (await h.call('support', 'POST', '/api/support-access-requests', { body: ask(free[2]!.id) })).json,
      );
      expectError(
        await h.call('support', 'POST', `/api/support-access-requests/${a.id}/deny`, { body: { reason: 'No' }, version: a.version }),
        403,
      );
      expectError(
        await h.call('officer', 'POST', `/api/support-access-requests/${a.id}/deny`, { body: {}, version: a.version }),
        422,
        'reason',
      );
      a = supportAccessRequest.parse(
        (
          await h.call('officer', 'POST', `/api/support-access-requests/${a.id}/deny`, {
            body: { reason: 'Use the logs instead' },
            version: a.version,
          })
        ).json,
      );
      expect(a.status).toBe('denied');
      expect(supportAccessRequest.parse((await h.call('support', 'GET', `/api/support-access-requests/${a.id}`)).json).denialReason).toBe(
        'Use the logs instead',
      );
      expectError(await h.call('support', 'POST', `/api/support-access-requests/${a.id}/cancel`, { version: a.version }), 409);
      let b = supportAccessRequest.parse(
        (await h.call('support', 'POST', '/api/support-access-requests', { body: ask(free[3]!.id) })).json,
      );
      expectError(await h.call('officer', 'POST', `/api/support-access-requests/${b.id}/cancel`, { version: b.version }), 403);
      expectError(
        await h.call('auditor', 'POST', `/api/support-access-requests/${b.id}/withdraw-consent`, {
          body: { reason: 'x' },
          version: b.version,
        }),
        403,
      );
      b = supportAccessRequest.parse(
        (await h.call('support', 'POST', `/api/support-access-requests/${b.id}/cancel`, { version: b.version })).json,
      );
      expect(b.status).toBe('cancelled');
      expectError(
        await h.call('support', 'POST', `/api/support-access-requests/${b.id}/withdraw-consent`, {
          body: { reason: 'x' },
          version: b.version,
        }),
        409,
      );
    });
    it('shows support agents only their own requests', async () => {
      const res = page(supportAccessRequest).parse((await h.call('support', 'GET', '/api/support-access-requests?limit=200')).json);
      expect(res.items.every((r) => r.requesterName === 'Sam Support')).toBe(true);
    });
  });
}
