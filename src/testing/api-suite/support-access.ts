import { beforeAll, describe, expect, it } from 'vitest';
import { page } from '@/api/contract/common';
import { supportAccessListItem, supportAccessRequest, supportAccessRequestView } from '@/api/contract/support-access';
import { makeCtx } from '@/api/services/context';
import { decryptSecret } from '@/api/services/crypto';
import { endGrantJob } from '@/api/services/support-access';
import type { Harness } from '@/testing/harness';
import { TEST_KEY } from '@/testing/harness';
import type { Suite } from './api-suite';
import { expectError, expectListItems } from './helpers';

/** Support access: the request, consent, approval and grant lifecycle. */
export function supportAccessTests(suite: Suite): void {
  let h: Harness;
  beforeAll(() => {
    h = suite.harness();
  });
  const ownerOf = (accountId: string) => h.seed.subjects.find((s) => s.accountId === accountId && s.accountRole === 'owner')!;
  const tokenOf = (link: string | undefined) => (link ?? '').slice((link ?? '').lastIndexOf('/') + 1);
  /** Cloud accounts no seeded request holds open: each test takes its own. */
  const freeAccounts = () =>
    h.seed.accounts.filter(
      (a) =>
        a.hosting === 'cloud' &&
        a.status === 'active' &&
        !h.seed.supportAccess.some((r) => r.accountId === a.id && ['pending', 'active'].includes(r.status)) &&
        !h.seed.deletions.some((d) => d.accountId === a.id && !['completed', 'rejected'].includes(d.status)),
    );
  const ask = async (accountId: string, extra: Record<string, unknown> = {}) => {
    const res = await h.api('support', 'createSupportAccess', {
      body: {
        accountId,
        ticketRef: 'HS-1234',
        reason: 'Broken export',
        scope: 'read',
        durationHours: 4,
        ownerId: ownerOf(accountId).id,
        ...extra,
      },
    });
    if (!res.ok) throw new Error(`create answered ${res.status}: ${res.error.message}`);
    return res.body;
  };
  /** The customer, with no staff session, on their consent page: reads, types their name, enters login details. */
  const consentOnPage = async (link: string | undefined, name: string, password = 's3cret!') => {
    const token = tokenOf(link);
    const page = await h.call('nobody', 'GET', `/api/public/access/${token}`);
    expect(page.status, JSON.stringify(page.json)).toBe(200);
    const res = await h.call('nobody', 'POST', `/api/public/access/${token}/consent`, {
      body: { typedName: name, username: 'admin', password },
      headers: { 'user-agent': 'Customer Browser/1.0' },
      address: '203.0.113.9',
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    return { statusToken: tokenOf(res.json.statusLink as string), shown: page.json.consentText as string };
  };
  const get = async (id: string) => h.ok('auditor', 'getSupportAccess', { params: { id } });
  const auditOf = async (id: string) =>
    (await h.ok('auditor', 'listAuditEvents', { query: { recordId: id, limit: 200 } })).items.map((e) => e.action);

  describe('support access', () => {
    it('lists pending requests by what they wait for, and grants ending within some hours', async () => {
      const list = async (who: 'officer' | 'support' | 'auditor', query: string) => {
        const res = await h.call(who, 'GET', `/api/support-access-requests?limit=200&${query}`);
        expect(res.status, query).toBe(200);
        return page(supportAccessListItem).parse(res.json);
      };
      // One request that has the customer's consent and waits for an officer.
      const cloud = h.seed.accounts.find(
        (a) =>
          a.hosting === 'cloud' &&
          a.status === 'active' &&
          !h.seed.supportAccess.some((r) => r.accountId === a.id && ['pending', 'active'].includes(r.status)),
      )!;
      const made = await h.call('support', 'POST', '/api/support-access-requests', {
        body: {
          accountId: cloud.id,
          ticketRef: 'WAIT-1',
          reason: 'Look at a report',
          scope: 'read',
          durationHours: 4,
          ownerId: ownerOf(cloud.id).id,
        },
      });
      expect(made.status, JSON.stringify(made.json)).toBe(201);
      await consentOnPage(made.json.issuedConsentLink, ownerOf(cloud.id).name!);
      const consented = await h.call('support', 'GET', `/api/support-access-requests/${made.json.id}`);
      const all = (await list('officer', '')).items;
      const now = h.clock.now.toISOString();
      const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
      for (const awaiting of ['consent', 'approval'] as const) {
        // A list item says what it waits for; the consent itself is the request's own answer.
        const want = all.filter((r) => r.status === 'pending' && (r.waitingFor !== 'officer') === (awaiting === 'consent'));
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

    it('runs a request from ask to customer consent to approval, reveal and revoke, refusing every shortcut', async () => {
      const cloud = freeAccounts()[0]!;
      const selfHosted = h.seed.accounts.find((a) => a.hosting === 'self_hosted' && a.status === 'active')!;
      const body = {
        accountId: cloud.id,
        ticketRef: 'HS-1234',
        reason: 'Broken export',
        scope: 'read',
        durationHours: 4,
        ownerId: ownerOf(cloud.id).id,
      };
      expectError(await h.call('officer', 'POST', '/api/support-access-requests', { body }), 403);
      expectError(
        await h.call('support', 'POST', '/api/support-access-requests', { body: { ...body, accountId: selfHosted.id } }),
        422,
        'accountId',
      );
      expectError(
        await h.call('support', 'POST', '/api/support-access-requests', { body: { ...body, durationHours: 5 } }),
        422,
        'durationHours',
      );
      // The link is for an owner of the account only.
      const member = h.seed.subjects.find((s) => s.accountId === cloud.id && s.accountRole !== 'owner');
      const stranger = h.seed.subjects.find((s) => s.kind === 'person' && s.accountId !== cloud.id && s.accountRole === 'owner')!;
      for (const other of [member, stranger].filter((x) => x !== undefined)) {
        expectError(
          await h.call('support', 'POST', '/api/support-access-requests', { body: { ...body, ownerId: other.id } }),
          422,
          'ownerId',
        );
      }
      const created = await h.call('support', 'POST', '/api/support-access-requests', { body });
      expect(created.status).toBe(201);
      let r = supportAccessRequestView.parse(created.json);
      expect(r.decideBy).toBe('2026-11-29T22:00:00.000Z');
      expect(r.waitingFor).toBe('customer_consent');
      expect(r.consentLink).toMatchObject({ expiresAt: r.decideBy, usedAt: null, emailed: true });
      const link = r.issuedConsentLink!;
      expect(link).toMatch(/\/access-consent\/[A-Za-z0-9_-]{40,}$/);
      // The link is stored only as a hash: no later answer carries it.
      expect(JSON.stringify((await h.call('support', 'GET', `/api/support-access-requests/${r.id}`)).json)).not.toContain(tokenOf(link));
      const outbox = await h.store.transaction((tx) => tx.mail.list({ limit: 200 }));
      expect(
        outbox.items.some(
          (m) => m.to === ownerOf(cloud.id).email && m.purpose === 'access_consent_link' && m.text?.includes(tokenOf(link)),
        ),
      ).toBe(true);
      expectError(await h.call('support', 'POST', '/api/support-access-requests', { body }), 409);
      // No consent yet: nothing can be approved, and the agent cannot attach login details instead of the customer.
      expectError(await h.call('officer', 'POST', `/api/support-access-requests/${r.id}/approve`, { version: r.version }), 409);
      expectError(
        await h.call('support', 'POST', `/api/support-access-requests/${r.id}/credentials`, {
          body: { username: 'a', password: 'b' },
          version: r.version,
        }),
        409,
      );
      // The customer's page, without any session: who asks, why, the ticket, scope and duration.
      const page = await h.call('nobody', 'GET', `/api/public/access/${tokenOf(link)}`);
      expect(page.status).toBe(200);
      expect(page.json).toMatchObject({
        requesterName: 'Sam Support',
        ticketRef: 'HS-1234',
        reason: 'Broken export',
        scope: 'read',
        durationHours: 4,
        canConsent: true,
      });
      expect(page.json.consentText).toContain('without changing anything');
      expectError(
        await h.call('nobody', 'POST', `/api/public/access/${tokenOf(link)}/consent`, {
          body: { typedName: 'Someone Else', username: 'admin', password: 'x' },
        }),
        422,
        'typedName',
      );
      const { statusToken, shown } = await consentOnPage(link, ownerOf(cloud.id).name!.toUpperCase());
      // Once only.
      expectError(
        await h.call('nobody', 'POST', `/api/public/access/${tokenOf(link)}/consent`, {
          body: { typedName: ownerOf(cloud.id).name, username: 'a', password: 'b' },
        }),
        409,
      );
      expectError(await h.call('nobody', 'GET', `/api/public/access/${tokenOf(link)}`), 409);
      r = await get(r.id);
      expect(r.waitingFor).toBe('officer');
      expect(r.hasCredentials).toBe(true);
      expect(r.consent).toMatchObject({ channel: 'consent_page', recordedBy: null, userAgent: 'Customer Browser/1.0', shownText: shown });
      expect(r.consent?.shownTextHash).toMatch(/^[0-9a-f]{64}$/);
      expect(r.consent?.ipHash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(r)).not.toContain('203.0.113.9');
      expect(JSON.stringify(r)).not.toContain('s3cret!');
      expectError(await h.call('support', 'POST', `/api/support-access-requests/${r.id}/reveal`), 409);
      expectError(await h.call('auditor', 'POST', `/api/support-access-requests/${r.id}/approve`, { version: r.version }), 403);
      expectError(await h.call('officer', 'POST', `/api/support-access-requests/${r.id}/approve`, { version: r.version - 1 }), 412);
      r = supportAccessRequestView.parse(
        (await h.call('officer', 'POST', `/api/support-access-requests/${r.id}/approve`, { version: r.version })).json,
      );
      expect(r.status).toBe('active');
      expect(r.waitingFor).toBeNull();
      expect(r.grantEndsAt).toBe('2026-11-29T14:00:00.000Z');
      expectError(await h.call('officer', 'POST', `/api/support-access-requests/${r.id}/reveal`), 403);
      const revealed = await h.call('support', 'POST', `/api/support-access-requests/${r.id}/reveal`);
      expect(revealed.status).toBe(200);
      expect(revealed.json).toMatchObject({ username: 'admin', password: 's3cret!' });
      r = await get(r.id);
      expect(r.reveals).toEqual([expect.objectContaining({ byName: 'Sam Support', at: h.clock.now.toISOString() })]);
      expect(r.timeline.map((t) => t.action)).toContain('Login details revealed to Sam Support');
      expect(await auditOf(r.id)).toEqual(
        expect.arrayContaining(['support_access.consent', 'support_access.approve', 'support_access.reveal']),
      );
      const status = await h.call('nobody', 'GET', `/api/public/access/${statusToken}`);
      expect(status.json).toMatchObject({ kind: 'status', status: 'active', grantEndsAt: r.grantEndsAt, canWithdraw: true });
      expect(status.json.reveals).toEqual([{ at: h.clock.now.toISOString(), byName: 'Sam Support' }]);
      expectError(
        await h.call('officer', 'POST', `/api/support-access-requests/${r.id}/revoke`, { body: { reason: '' }, version: r.version }),
        422,
        'reason',
      );
      r = supportAccessRequestView.parse(
        (await h.call('officer', 'POST', `/api/support-access-requests/${r.id}/revoke`, { body: { reason: 'Done' }, version: r.version }))
          .json,
      );
      expect(r.status).toBe('revoked');
      expect(r.hasCredentials).toBe(false);
      expect(await h.store.transaction((tx) => tx.supportAccessSecrets.get(r.id))).toBeNull();
      expect(await auditOf(r.id)).toEqual(expect.arrayContaining(['support_access.revoke', 'support_access.credentials_destroyed']));
      expectError(await h.call('support', 'POST', `/api/support-access-requests/${r.id}/reveal`), 409);
      expect((await h.call('nobody', 'GET', `/api/public/access/${statusToken}`)).json).toMatchObject({
        status: 'revoked',
        canWithdraw: false,
      });
    });

    it('takes the consent link only until the decision deadline, and only a valid token', async () => {
      const cloud = freeAccounts()[1]!;
      const r = await ask(cloud.id, { ticketRef: 'LATE-1' });
      expectError(await h.call('nobody', 'GET', '/api/public/access/not-a-token-at-all-but-long-enough'), 404);
      expectError(await h.call('nobody', 'GET', `/api/public/access/${tokenOf(r.issuedConsentLink)}x`), 404);
      // A new link replaces the old one.
      const again = await h.ok('support', 'supportAccessIssueLink', { params: { id: r.id }, version: r.version });
      expectError(await h.call('nobody', 'GET', `/api/public/access/${tokenOf(r.issuedConsentLink)}`), 404);
      expect((await h.call('nobody', 'GET', `/api/public/access/${tokenOf(again.issuedConsentLink)}`)).status).toBe(200);
      h.clock.now = new Date(again.decideBy);
      try {
        expectError(await h.call('nobody', 'GET', `/api/public/access/${tokenOf(again.issuedConsentLink)}`), 404);
        expectError(
          await h.call('nobody', 'POST', `/api/public/access/${tokenOf(again.issuedConsentLink)}/consent`, {
            body: { typedName: ownerOf(cloud.id).name, username: 'a', password: 'b' },
          }),
          404,
        );
        expect((await get(r.id)).consent).toBeNull();
      } finally {
        h.clock.now = new Date('2026-11-29T10:00:00.000Z');
      }
      // Read past the deadline, the request expired.
      expect((await get(r.id)).status).toBe('expired');
    });

    it('lets the customer decline, and withdraw from their status link at once', async () => {
      const [a, b] = [freeAccounts()[2]!, freeAccounts()[3]!];
      const declined = await ask(a.id, { ticketRef: 'NO-1' });
      const no = await h.call('nobody', 'POST', `/api/public/access/${tokenOf(declined.issuedConsentLink)}/decline`, { body: {} });
      expect(no.status).toBe(200);
      expect((await get(declined.id)).status).toBe('declined');
      const r = await ask(b.id, { ticketRef: 'WD-1' });
      const { statusToken } = await consentOnPage(r.issuedConsentLink, ownerOf(b.id).name!);
      const withdrawn = await h.call('nobody', 'POST', `/api/public/access/${statusToken}/withdraw`, { body: {} });
      expect(withdrawn.status).toBe(200);
      const after = await get(r.id);
      expect(after.status).toBe('withdrawn');
      expect(after.hasCredentials).toBe(false);
      expect(after.timeline.map((t) => t.action)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/withdrew consent/),
          'Login details destroyed; ask the customer to reset the password',
        ]),
      );
      expect(await auditOf(r.id)).toEqual(
        expect.arrayContaining(['support_access.withdraw_consent', 'support_access.credentials_destroyed']),
      );
      expectError(await h.call('nobody', 'POST', `/api/public/access/${statusToken}/withdraw`, { body: {} }), 409);
    });

    it('takes agent-recorded consent only as an exception a second officer confirms, never backdated', async () => {
      const cloud = freeAccounts()[4]!;
      let r = await ask(cloud.id, { ticketRef: 'PHONE-1' });
      const consent = { givenAt: '2026-11-29T09:59:00.000Z', channel: 'phone_call', quote: 'Yes, go ahead.', reason: 'No access to email' };
      expectError(
        await h.call('support', 'POST', `/api/support-access-requests/${r.id}/consent`, { body: consent, version: r.version }),
        422,
        'givenAt',
      );
      expectError(
        await h.call('support', 'POST', `/api/support-access-requests/${r.id}/consent`, {
          body: { ...consent, channel: 'email_link', givenAt: r.createdAt },
          version: r.version,
        }),
        422,
        'channel',
      );
      expectError(
        await h.call('support', 'POST', `/api/support-access-requests/${r.id}/consent`, {
          body: { ...consent, reason: '', givenAt: r.createdAt },
          version: r.version,
        }),
        422,
        'reason',
      );
      r = await h.ok('support', 'supportAccessConsent', {
        params: { id: r.id },
        body: { ...consent, channel: 'phone_call', givenAt: r.createdAt },
        version: r.version,
      });
      expect(r.waitingFor).toBe('consent_confirmation');
      expect(r.consent).toMatchObject({
        channel: 'phone_call',
        recordedBy: expect.any(String),
        exceptionReason: 'No access to email',
        confirmedBy: null,
      });
      // The consent link stops working once consent is recorded another way.
      expectError(await h.call('nobody', 'GET', `/api/public/access/${tokenOf(r.issuedConsentLink)}`), 404);
      expectError(await h.call('officer', 'POST', `/api/support-access-requests/${r.id}/approve`, { version: r.version }), 409);
      expectError(await h.call('support', 'POST', `/api/support-access-requests/${r.id}/confirm-consent`, { version: r.version }), 403);
      r = await h.ok('officer', 'supportAccessConfirmConsent', { params: { id: r.id }, version: r.version });
      expect(r.waitingFor).toBe('officer');
      expect(r.consent?.confirmedByName).toBeTruthy();
      expectError(await h.call('officer', 'POST', `/api/support-access-requests/${r.id}/approve`, { version: r.version }), 403);
      r = await h.ok('support', 'supportAccessCredentials', {
        params: { id: r.id },
        body: { username: 'u', password: 'p' },
        version: r.version,
      });
      r = await h.ok('officer2', 'supportAccessApprove', { params: { id: r.id }, version: r.version });
      expect(r.status).toBe('active');
      expect(await auditOf(r.id)).toEqual(expect.arrayContaining(['support_access.consent_exception', 'support_access.consent_confirmed']));
      await h.ok('officer', 'supportAccessRevoke', { params: { id: r.id }, body: { reason: 'Done' }, version: r.version });
    });

    it('ends a grant at its end by the end job, destroying the login details, with nobody looking', async () => {
      const cloud = freeAccounts()[5]!;
      const r = await ask(cloud.id, { ticketRef: 'C-9', durationHours: 1 });
      await consentOnPage(r.issuedConsentLink, ownerOf(cloud.id).name!);
      const approved = await h.ok('officer2', 'supportAccessApprove', { params: { id: r.id }, version: (await get(r.id)).version });
      const stored = await h.store.transaction((tx) => tx.supportAccessSecrets.get(r.id));
      expect(stored).not.toBeNull();
      // The sealed text does not open with the server key alone: it needs the request's own data key.
      await expect(decryptSecret(TEST_KEY, stored!.sealed, r.id)).rejects.toThrow();
      try {
        // One second before the end nothing ends; past it, the queue's jobs end it without any request.
        await h.advance(3599);
        expect((await h.store.transaction((tx) => tx.supportAccess.get(r.id)))?.status).toBe('active');
        // The end job itself, alone (no sweep, no read): it ends the grant at its end by the server's clock.
        h.clock.now = new Date(new Date(approved.grantEndsAt!).getTime() - 1000);
        await endGrantJob(makeCtx(h.deps), r.id);
        expect((await h.store.transaction((tx) => tx.supportAccess.get(r.id)))?.status).toBe('active');
        h.clock.now = new Date(new Date(approved.grantEndsAt!).getTime() + 1000);
        await endGrantJob(makeCtx(h.deps), r.id);
        // The helpers' sessions have idled out meanwhile.
        h.forgetSessions();
        const ended = await h.store.transaction((tx) => tx.supportAccess.get(r.id));
        expect(ended?.status).toBe('ended');
        expect(ended?.endedAt).toBe(approved.grantEndsAt);
        expect(await h.store.transaction((tx) => tx.supportAccessSecrets.get(r.id))).toBeNull();
        expect(await auditOf(r.id)).toEqual(expect.arrayContaining(['support_access.ended', 'support_access.credentials_destroyed']));
        expectError(await h.call('support', 'POST', `/api/support-access-requests/${r.id}/reveal`), 409);
      } finally {
        h.clock.now = new Date('2026-11-29T10:00:00.000Z');
        h.forgetSessions();
      }
    });

    it('ends a grant at once when its account is cancelled, and refuses new requests for it', async () => {
      const cloud = freeAccounts()[6]!;
      const r = await ask(cloud.id, { ticketRef: 'GONE-1' });
      const { statusToken } = await consentOnPage(r.issuedConsentLink, ownerOf(cloud.id).name!);
      const approved = await h.ok('officer', 'supportAccessApprove', { params: { id: r.id }, version: (await get(r.id)).version });
      await h.ok('support', 'supportAccessReveal', { params: { id: r.id } });
      await h.ok('officer', 'cancelAccount', { params: { id: cloud.id }, body: {} });
      const ended = await get(r.id);
      expect(ended.status).toBe('ended');
      expect(ended.endReason).toMatch(/cancelled/);
      expect(ended.hasCredentials).toBe(false);
      expect(await h.store.transaction((tx) => tx.supportAccessSecrets.get(r.id))).toBeNull();
      expect(await auditOf(r.id)).toEqual(expect.arrayContaining(['support_access.ended', 'support_access.credentials_destroyed']));
      const page = await h.call('nobody', 'GET', `/api/public/access/${statusToken}`);
      expect(page.json).toMatchObject({ status: 'ended', grantStartsAt: approved.grantStartsAt, endedAt: h.clock.now.toISOString() });
      expect(page.json.reveals).toHaveLength(1);
      expectError(
        await h.call('support', 'POST', '/api/support-access-requests', {
          body: { accountId: cloud.id, ticketRef: 'X', reason: 'y', scope: 'read', ownerId: ownerOf(cloud.id).id },
        }),
        422,
        'accountId',
      );
    });

    it('denies with a reason shown to the agent, lets the agent cancel, and refuses the rest', async () => {
      const free = freeAccounts();
      const ask = (accountId: string) => ({
        accountId,
        ticketRef: 'T-77',
        reason: 'Look at a report',
        scope: 'read_write',
        durationHours: 24,
        ownerId: ownerOf(accountId).id,
      });
      let a = supportAccessRequest.parse(
        (await h.call('support', 'POST', '/api/support-access-requests', { body: ask(free[7]!.id) })).json,
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
        (await h.call('support', 'POST', '/api/support-access-requests', { body: ask(free[8]!.id) })).json,
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
    it('finds a request by its ticket reference in quick find, an agent only their own', async () => {
      const seeded = h.seed.supportAccess[0]!;
      const find = async (who: 'officer' | 'support' | 'auditor', q: string) => {
        const res = await h.call(who, 'GET', `/api/search?q=${encodeURIComponent(q)}`);
        expect(res.status).toBe(200);
        return (res.json.results as { kind: string; id: string }[]).filter((r) => r.kind === 'support_access_request').map((r) => r.id);
      };
      expect(await find('officer', seeded.ticketRef)).toContain(seeded.id);
      expect(await find('auditor', seeded.ticketRef.toLowerCase())).toContain(seeded.id);
      const others = h.seed.supportAccess.filter((r) => r.requesterId !== seeded.requesterId);
      const agentSees = await find('support', seeded.ticketRef);
      for (const other of others) expect(agentSees).not.toContain(other.id);
    });
    it('shows support agents only their own requests', async () => {
      const res = page(supportAccessListItem).parse((await h.call('support', 'GET', '/api/support-access-requests?limit=200')).json);
      expect(res.items.every((r) => r.requesterName === 'Sam Support')).toBe(true);
    });
    it('lists what a list shows, not whole requests: no reason, consent, timeline or actions', async () => {
      const answer = await h.call('officer', 'GET', '/api/support-access-requests?limit=200');
      const heavy = ['reason', 'consent', 'consentOwner', 'consentLink', 'reveals', 'timeline', 'actions'];
      const count = expectListItems(answer.json, supportAccessListItem.shape, heavy);
      expect(count).toBeGreaterThan(5);
      // Each item is its request's own answer cut down, status and wait included; `consentRecorded` says whether it has consent.
      const listed = page(supportAccessListItem).parse(answer.json).items;
      const samples = [listed.find((r) => !r.consentRecorded), listed.find((r) => r.consentRecorded)];
      for (const item of samples) {
        expect(item).toBeDefined();
        const { consentRecorded, ...rest } = item!;
        const whole = await get(item!.id);
        expect(whole).toMatchObject(rest);
        expect(consentRecorded).toBe(whole.consent !== null);
      }
      expect(answer.text.length / count).toBeLessThan(800);
    });
  });
}
