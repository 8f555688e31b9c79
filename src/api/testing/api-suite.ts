import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { errorBody, page } from '../contract/common';
import { endpoints } from '../contract/endpoints';
import { consentEvent } from '../contract/consent';
import { deletionRequest } from '../contract/deletions';
import { processorView } from '../contract/processors';
import { supportAccessRequest } from '../contract/support-access';
import { auditEvent } from '../contract/audit';
import { foldConsent } from '../rules/consent';
import type { Harness, StoreFactory } from './harness';
import { makeHarness } from './harness';

const newProcessor = {
  kind: 'processor',
  name: 'Acme Transcripts',
  legalEntity: 'Acme Transcripts Ltd',
  category: 'other',
  description: 'Transcribes recorded sales calls.',
  dataCategories: ['call_recordings', 'name'],
  dataSubjects: ['customers'],
  purposes: [{ purpose: 'Transcribing sales calls', legalBasis: 'consent', consentPurpose: 'call_recording' }],
  locations: [{ country: 'US', transferMechanism: 'scc' }],
  dpa: { status: 'signed', signedOn: '2026-11-01', reference: 'DPA-77', nextReview: '2027-11-01' },
  privacyPolicyUrl: 'https://acme.example/privacy',
  retention: { amount: 14, unit: 'days', trigger: 'recording', note: '' },
  owner: 'Olivia Officer',
  lastReviewedOn: '2026-11-01',
  reviewCycleMonths: 12,
};

function expectError(res: { status: number; json: unknown }, status: number, field?: string) {
  expect(res.status).toBe(status);
  const parsed = errorBody.parse(res.json);
  if (field) expect(parsed.error.fields?.[field]).toBeTruthy();
  return parsed;
}

/** The API's behaviour, run against every store: the same suite for MemoryStore, PGlite and PostgreSQL. */
export function describeApi(name: string, makeStore: StoreFactory, mode: 'demo' | 'server' = 'demo') {
  describe(`API on ${name} (${mode} mode)`, () => {
    let h: Harness;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      const made = await makeStore();
      cleanup = made.cleanup;
      h = await makeHarness(made.store, mode);
    });
    async function authHeaders(who: 'officer' | 'support' | 'auditor'): Promise<Record<string, string>> {
      const token = await h.signInAs(`${who}@demo.test`);
      return mode === 'server' ? { cookie: `pc_session=${token}` } : { authorization: `Bearer ${token}` };
    }
    afterAll(async () => {
      await cleanup();
    });

    describe('health and unknown paths', () => {
      it('reports the database reachable', async () => {
        const res = await h.call('nobody', 'GET', '/api/health');
        expect(res.status).toBe(200);
        expect(endpoints.health.response.parse(res.json).database).toBe('reachable');
      });
      it('answers 404 JSON for an unknown API path', async () => {
        expectError(await h.call('officer', 'GET', '/api/nope'), 404);
      });
    });

    describe('session', () => {
      it('signs in, answers the current user, and signs out', async () => {
        const token = await h.signInAs('auditor@demo.test');
        const auth: Record<string, string> = mode === 'server' ? { cookie: `pc_session=${token}` } : { authorization: `Bearer ${token}` };
        const me = await h.app.request('/api/session', { headers: auth });
        expect(me.status).toBe(200);
        expect(((await me.json()) as { user: { role: string } }).user.role).toBe('auditor');
        expect((await h.app.request('/api/session', { method: 'DELETE', headers: auth })).status).toBe(204);
        expect((await h.app.request('/api/session', { headers: auth })).status).toBe(401);
      });
      it('refuses a wrong password with 401 and a malformed email with 422 naming the field', async () => {
        expectError(await h.call('nobody', 'POST', '/api/session', { body: { email: 'officer@demo.test', password: 'nope' } }), 401);
        expectError(await h.call('nobody', 'POST', '/api/session', { body: { email: 'not-an-email', password: 'x' } }), 422, 'email');
      });
      it('refuses bad JSON with 400 and unknown fields with 422', async () => {
        const res = await h.app.request('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":' });
        expect(res.status).toBe(400);
        expectError(await h.call('nobody', 'POST', '/api/session', { body: { email: 'a@b.test', password: 'x', admin: true } }), 422, 'admin');
      });
      it('locks an email out with 429 after repeated failures', async () => {
        for (let i = 0; i < 5; i++) {
          await h.call('nobody', 'POST', '/api/session', { body: { email: 'lockme@demo.test', password: 'wrong' } });
        }
        expectError(await h.call('nobody', 'POST', '/api/session', { body: { email: 'lockme@demo.test', password: 'wrong' } }), 429);
      }, 30000);
      it('refuses a body over the limit with 413', async () => {
        const res = await h.call('nobody', 'POST', '/api/session', { body: { email: 'a@b.test', password: 'x'.repeat(70_000) } });
        expectError(res, 413);
      });
    });

    describe('every protected endpoint answers 401 without a session', () => {
      for (const [name, ep] of Object.entries(endpoints)) {
        if (ep.roles === 'public') continue;
        it(name, async () => {
          const path = ep.path.replace(':id', 'x');
          expectError(await h.call('nobody', ep.method, path, { body: ep.method === 'GET' ? undefined : {}, version: 1 }), 401);
        });
      }
    });

    describe('processors', () => {
      it('lists the registry for every role, with attention flags', async () => {
        for (const who of ['officer', 'support', 'auditor'] as const) {
          const res = await h.call(who, 'GET', '/api/processors');
          expect(res.status).toBe(200);
          const list = page(processorView).parse(res.json);
          expect(list.items.map((p) => p.name)).toContain('Stripe');
        }
      });
      it('filters by data category', async () => {
        const res = await h.call('auditor', 'GET', '/api/processors?dataCategory=payment_details');
        const names = page(processorView).parse(res.json).items.map((p) => p.name);
        expect(names).toContain('Stripe');
        expect(names).not.toContain('Zoom');
      });
      it('refuses a bad filter with 400', async () => {
        expectError(await h.call('auditor', 'GET', '/api/processors?status=bogus'), 400, 'status');
      });
      it('creates a processor as proposed with a notice period, and refuses others', async () => {
        expectError(await h.call('support', 'POST', '/api/processors', { body: newProcessor }), 403);
        expectError(await h.call('auditor', 'POST', '/api/processors', { body: newProcessor }), 403);
        expectError(await h.call('officer', 'POST', '/api/processors', { body: { ...newProcessor, name: '' } }), 422, 'name');
        const res = await h.call('officer', 'POST', '/api/processors', { body: newProcessor });
        expect(res.status).toBe(201);
        const p = processorView.parse(res.json);
        expect(p.status).toBe('proposed');
        expect(p.noticeEndsAt?.slice(0, 10)).toBe('2026-12-29');
        // The history of a new record names every field it was created with, from null.
        const created = page(auditEvent).parse((await h.call('support', 'GET', `/api/processors/${p.id}/history`)).json).items[0]!;
        expect(created.action).toBe('processor.create');
        expect(created.changes.find((c) => c.field === 'name')).toEqual({ field: 'name', before: null, after: 'Acme Transcripts' });
        // It cannot become active before the notice period ends...
        expectError(await h.call('officer', 'PATCH', `/api/processors/${p.id}`, { body: { status: 'active' }, version: p.version }), 409);
        // ...and can after it.
        h.clock.now = new Date('2026-12-30T10:00:00.000Z');
        h.forgetSessions(); // sessions last 12 hours; a month later everyone signs in again
        const active = await h.call('officer', 'PATCH', `/api/processors/${p.id}`, { body: { status: 'active' }, version: p.version });
        h.clock.now = new Date('2026-11-29T10:00:00.000Z');
        h.forgetSessions();
        expect(active.status).toBe(200);
        expect(processorView.parse(active.json).status).toBe('active');
      });
      it('needs If-Match (428), refuses a stale version (412), and audits a change', async () => {
        const list = page(processorView).parse((await h.call('officer', 'GET', '/api/processors?q=Zoom')).json);
        const zoom = list.items[0]!;
        expectError(await h.call('officer', 'PATCH', `/api/processors/${zoom.id}`, { body: { owner: 'Someone' } }), 428);
        expectError(await h.call('officer', 'PATCH', `/api/processors/${zoom.id}`, { body: { owner: 'Someone' }, version: 'garbage' }), 400);
        const ok = await h.call('officer', 'PATCH', `/api/processors/${zoom.id}`, { body: { owner: 'Someone' }, version: zoom.version });
        expect(ok.status).toBe(200);
        expect(processorView.parse(ok.json).version).toBe(zoom.version + 1);
        expectError(await h.call('officer', 'PATCH', `/api/processors/${zoom.id}`, { body: { owner: 'Other' }, version: zoom.version }), 412);
        expectError(await h.call('support', 'PATCH', `/api/processors/${zoom.id}`, { body: { owner: 'Other' }, version: zoom.version + 1 }), 403);
        const audit = page(auditEvent).parse((await h.call('auditor', 'GET', `/api/audit-events?recordId=${zoom.id}`)).json);
        expect(audit.items[0]?.action).toBe('processor.update');
        expect(audit.items[0]?.changes).toEqual([{ field: 'owner', before: zoom.owner, after: 'Someone' }]);
      });
      it('keeps a processor history that every reader can see', async () => {
        const list = page(processorView).parse((await h.call('support', 'GET', '/api/processors?q=Zoom')).json);
        const history = await h.call('support', 'GET', `/api/processors/${list.items[0]!.id}/history`);
        expect(history.status).toBe(200);
        expect(page(auditEvent).parse(history.json).items.every((e) => e.recordId === list.items[0]!.id)).toBe(true);
        expectError(await h.call('support', 'GET', '/api/processors/prc_nope/history'), 404);
      });
      it('exports the Art. 30 registry as CSV and the public list as Markdown and HTML', async () => {
        expectError(await h.call('support', 'GET', '/api/exports/processors.csv'), 403);
        const csv = await h.app.request('/api/exports/processors.csv', { headers: await authHeaders('auditor') });
        expect(csv.status).toBe(200);
        expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
        const text = await csv.text();
        expect(text.split('\r\n')[0]).toMatch(/^Processor,Legal entity/);
        expect(text).toContain('Stripe');
        const md = await h.app.request('/api/exports/sub-processors.md', { headers: await authHeaders('support') });
        expect(await md.text()).toMatch(/\*\*Zoom:\*\*/);
        const html = await h.app.request('/api/exports/sub-processors.html', { headers: await authHeaders('support') });
        expect(await html.text()).toMatch(/<strong>Stripe:<\/strong>/);
      });
      it('sets the notice period for new processors, officers only, versioned', async () => {
        const s = endpoints.getSettings.response.parse((await h.call('auditor', 'GET', '/api/settings')).json);
        expect(s.processorNoticeDays).toBe(30);
        expectError(await h.call('auditor', 'PATCH', '/api/settings', { body: { processorNoticeDays: 14 }, version: s.version }), 403);
        expectError(await h.call('officer', 'PATCH', '/api/settings', { body: { processorNoticeDays: 999 }, version: s.version }), 422, 'processorNoticeDays');
        const updated = await h.call('officer', 'PATCH', '/api/settings', { body: { processorNoticeDays: 14 }, version: s.version });
        expect(updated.status).toBe(200);
        expectError(await h.call('officer', 'PATCH', '/api/settings', { body: { processorNoticeDays: 15 }, version: s.version }), 412);
        const created = processorView.parse((await h.call('officer', 'POST', '/api/processors', { body: { ...newProcessor, name: 'Short Notice Ltd' } })).json);
        expect(created.noticeEndsAt?.slice(0, 10)).toBe('2026-12-13');
        await h.call('officer', 'PATCH', '/api/settings', { body: { processorNoticeDays: 30 }, version: s.version + 1 });
      });
      it('summarises the customer data a processor holds', async () => {
        const processors = page(processorView).parse((await h.call('support', 'GET', '/api/processors')).json).items;
        const summaryOf = async (name: string) =>
          endpoints.processorDataSummary.response.parse((await h.call('support', 'GET', `/api/processors/${processors.find((p) => p.name === name)!.id}/data-summary`)).json);
        const stripe = await summaryOf('Stripe');
        expect(stripe.holdsAccountData).toBe(true);
        expect(stripe.accountDataCategories).toContain('payment_details');
        expect((stripe.activeAccounts ?? 0) + (stripe.cancelledAccounts ?? 0)).toBeGreaterThan(0);
        expect((await summaryOf('MailChimp')).consentPurposes).toContain('marketing_emails');
        expectError(await h.call('support', 'GET', '/api/processors/prc_nope/data-summary'), 404);
      });
      it('answers 404 for an unknown processor', async () => {
        expectError(await h.call('officer', 'GET', '/api/processors/prc_nope'), 404);
      });
    });

    describe('consent records', () => {
      it('pages through the ledger newest first, each event once, emails masked', async () => {
        const seen = new Set<string>();
        let cursor: string | null = null;
        let previous = '9999';
        do {
          const url: string = `/api/consent-events?limit=97${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
          const res = await h.call('auditor', 'GET', url);
          expect(res.status).toBe(200);
          const p = page(consentEvent).parse(res.json);
          for (const e of p.items) {
            expect(seen.has(e.id)).toBe(false);
            seen.add(e.id);
            expect(e.occurredAt <= previous).toBe(true);
            previous = e.occurredAt;
            if (e.email) expect(e.email).toMatch(/^.\*\*\*@/);
          }
          cursor = p.nextCursor;
        } while (cursor);
        expect(seen.size).toBe(h.seed.consentEvents.length);
      });
      it('refuses a forged cursor with 400', async () => {
        expectError(await h.call('auditor', 'GET', '/api/consent-events?cursor=not-a-cursor'), 400, 'cursor');
      });
      it('finds a person by exact email; support agents may only look up', async () => {
        const person = h.seed.subjects.find((s) => s.email && h.seed.consentEvents.some((e) => e.subjectId === s.id))!;
        expectError(await h.call('support', 'GET', '/api/consent-events'), 403);
        const res = await h.call('support', 'GET', `/api/consent-events?email=${encodeURIComponent(person.email!.toUpperCase())}`);
        expect(res.status).toBe(200);
        const items = page(consentEvent).parse(res.json).items;
        expect(items.length).toBe(h.seed.consentEvents.filter((e) => e.subjectId === person.id).length);
        expect(items.every((e) => e.subjectId === person.id)).toBe(true);
      });
      it('records a withdrawal on a person\'s behalf and shows it on the subject page', async () => {
        const granted = h.seed.consentEvents.find(
          (e) =>
            e.purpose === 'marketing_emails' &&
            foldConsent(h.seed.consentEvents.filter((x) => x.subjectId === e.subjectId)).find((s) => s.purpose === 'marketing_emails')?.state === 'granted',
        )!;
        expectError(await h.call('auditor', 'POST', '/api/consent-events', { body: { subjectId: granted.subjectId, purpose: 'marketing_emails', action: 'withdrawn', channel: 'support_conversation', note: 'x' } }), 403);
        expectError(await h.call('support', 'POST', '/api/consent-events', { body: { subjectId: granted.subjectId, purpose: 'marketing_emails', action: 'withdrawn', channel: 'support_conversation', note: '' } }), 422, 'note');
        const res = await h.call('support', 'POST', '/api/consent-events', {
          body: { subjectId: granted.subjectId, purpose: 'marketing_emails', action: 'withdrawn', channel: 'support_conversation', note: 'Asked in chat' },
        });
        expect(res.status).toBe(201);
        const subject = await h.call('auditor', 'GET', `/api/subjects/${granted.subjectId}`);
        expect(subject.status).toBe(200);
        const detail = endpoints.getSubject.response.parse(subject.json);
        const marketing = detail.states.find((s) => s.purpose === 'marketing_emails')!;
        expect(marketing.state).toBe('withdrawn');
        expect(marketing.periods.at(-1)?.to).toBe('2026-11-29T10:00:00.000Z');
        expectError(await h.call('auditor', 'GET', '/api/subjects/sub_nope'), 404);
      });
      it('reveals an email only on a deliberate request, and audits it', async () => {
        const person = h.seed.subjects.find((s) => s.email)!;
        expectError(await h.call('auditor', 'POST', `/api/subjects/${person.id}/reveal-email`), 403);
        expectError(await h.call('officer', 'POST', '/api/subjects/sub_nope/reveal-email'), 404);
        const res = await h.call('officer', 'POST', `/api/subjects/${person.id}/reveal-email`);
        expect(res.status).toBe(200);
        expect(endpoints.revealSubjectEmail.response.parse(res.json).email).toBe(person.email);
        const audit = page(auditEvent).parse((await h.call('auditor', 'GET', `/api/audit-events?recordId=${person.id}`)).json);
        expect(audit.items[0]?.action).toBe('pii.reveal_email');
      });
      it('never edits an event: there is no PATCH or DELETE', async () => {
        const e = h.seed.consentEvents[0]!;
        expectError(await h.call('officer', 'PATCH', `/api/consent-events/${e.id}`, { body: { action: 'granted' }, version: 1 }), 404);
        expectError(await h.call('officer', 'DELETE', `/api/consent-events/${e.id}`), 404);
      });
    });

    describe('support access', () => {
      it('runs a request from ask to reveal to revoke, refusing every shortcut', async () => {
        const cloud = h.seed.accounts.find(
          (a) => a.hosting === 'cloud' && a.status === 'active' && !h.seed.supportAccess.some((r) => r.accountId === a.id && ['pending', 'active'].includes(r.status)),
        )!;
        const selfHosted = h.seed.accounts.find((a) => a.hosting === 'self_hosted' && a.status === 'active')!;
        const ask = { accountId: cloud.id, ticketRef: 'HS-1234', reason: 'Broken export', scope: 'read', durationHours: 4 };
        expectError(await h.call('officer', 'POST', '/api/support-access-requests', { body: ask }), 403);
        expectError(await h.call('support', 'POST', '/api/support-access-requests', { body: { ...ask, accountId: selfHosted.id } }), 422, 'accountId');
        expectError(await h.call('support', 'POST', '/api/support-access-requests', { body: { ...ask, durationHours: 5 } }), 422, 'durationHours');
        const created = await h.call('support', 'POST', '/api/support-access-requests', { body: ask });
        expect(created.status).toBe(201);
        let r = supportAccessRequest.parse(created.json);
        expect(r.decideBy).toBe('2026-11-29T22:00:00.000Z');
        expectError(await h.call('support', 'POST', '/api/support-access-requests', { body: ask }), 409);
        // No consent yet: nothing can be approved.
        expectError(await h.call('officer', 'POST', `/api/support-access-requests/${r.id}/approve`, { version: r.version }), 409);
        const stranger = h.seed.subjects.find((s) => s.kind === 'person' && s.accountId !== cloud.id)!;
        const consent = { givenAt: '2026-11-29T09:00:00.000Z', channel: 'support_conversation', quote: 'Yes, please look.' };
        expectError(await h.call('support', 'POST', `/api/support-access-requests/${r.id}/consent`, { body: { ...consent, personId: stranger.id }, version: r.version }), 422, 'personId');
        const person = h.seed.subjects.find((s) => s.kind === 'person' && s.accountId === cloud.id)!;
        r = supportAccessRequest.parse((await h.call('support', 'POST', `/api/support-access-requests/${r.id}/consent`, { body: { ...consent, personId: person.id }, version: r.version })).json);
        const withCreds = await h.call('support', 'POST', `/api/support-access-requests/${r.id}/credentials`, { body: { username: 'admin', password: 's3cret!' }, version: r.version });
        expect(withCreds.status).toBe(200);
        expect(JSON.stringify(withCreds.json)).not.toContain('s3cret!');
        r = supportAccessRequest.parse(withCreds.json);
        expect(r.hasCredentials).toBe(true);
        expectError(await h.call('support', 'POST', `/api/support-access-requests/${r.id}/reveal`), 409);
        expectError(await h.call('auditor', 'POST', `/api/support-access-requests/${r.id}/approve`, { version: r.version }), 403);
        expectError(await h.call('officer', 'POST', `/api/support-access-requests/${r.id}/approve`, { version: r.version - 1 }), 412);
        r = supportAccessRequest.parse((await h.call('officer', 'POST', `/api/support-access-requests/${r.id}/approve`, { version: r.version })).json);
        expect(r.status).toBe('active');
        expect(r.grantEndsAt).toBe('2026-11-29T14:00:00.000Z');
        expectError(await h.call('officer', 'POST', `/api/support-access-requests/${r.id}/reveal`), 403);
        const revealed = await h.call('support', 'POST', `/api/support-access-requests/${r.id}/reveal`);
        expect(revealed.status).toBe(200);
        expect(revealed.json).toMatchObject({ username: 'admin', password: 's3cret!' });
        const audit = page(auditEvent).parse((await h.call('auditor', 'GET', `/api/audit-events?recordId=${r.id}`)).json);
        expect(audit.items.map((e) => e.action)).toContain('support_access.reveal');
        expectError(await h.call('officer', 'POST', `/api/support-access-requests/${r.id}/revoke`, { body: { reason: '' }, version: r.version }), 422, 'reason');
        r = supportAccessRequest.parse((await h.call('officer', 'POST', `/api/support-access-requests/${r.id}/revoke`, { body: { reason: 'Done' }, version: r.version })).json);
        expect(r.status).toBe('revoked');
        expect(r.hasCredentials).toBe(false);
        expectError(await h.call('support', 'POST', `/api/support-access-requests/${r.id}/reveal`), 409);
      });
      it('ends a grant on the server clock: a reveal after the end gives nothing', async () => {
        const cloud = h.seed.accounts.filter(
          (a) => a.hosting === 'cloud' && a.status === 'active' && !h.seed.supportAccess.some((r) => r.accountId === a.id && ['pending', 'active'].includes(r.status)),
        )[1]!;
        const person = h.seed.subjects.find((s) => s.kind === 'person' && s.accountId === cloud.id)!;
        let r = supportAccessRequest.parse((await h.call('support', 'POST', '/api/support-access-requests', { body: { accountId: cloud.id, ticketRef: 'C-9', reason: 'Sync issue', scope: 'read', durationHours: 1 } })).json);
        r = supportAccessRequest.parse((await h.call('support', 'POST', `/api/support-access-requests/${r.id}/consent`, { body: { personId: person.id, givenAt: '2026-11-29T09:30:00.000Z', channel: 'call', quote: 'Go ahead' }, version: r.version })).json);
        r = supportAccessRequest.parse((await h.call('support', 'POST', `/api/support-access-requests/${r.id}/credentials`, { body: { username: 'u', password: 'p' }, version: r.version })).json);
        r = supportAccessRequest.parse((await h.call('officer2', 'POST', `/api/support-access-requests/${r.id}/approve`, { version: r.version })).json);
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
          (a) => a.hosting === 'cloud' && a.status === 'active' && !h.seed.supportAccess.some((r) => r.accountId === a.id && ['pending', 'active'].includes(r.status)),
        );
        const ask = (accountId: string) => ({ accountId, ticketRef: 'T-77', reason: 'Look at a report', scope: 'read_write', durationHours: 24 });
        let a = supportAccessRequest.parse((await h.call('support', 'POST', '/api/support-access-requests', { body: ask(free[2]!.id) })).json);
        expectError(await h.call('support', 'POST', `/api/support-access-requests/${a.id}/deny`, { body: { reason: 'No' }, version: a.version }), 403);
        expectError(await h.call('officer', 'POST', `/api/support-access-requests/${a.id}/deny`, { body: {}, version: a.version }), 422, 'reason');
        a = supportAccessRequest.parse((await h.call('officer', 'POST', `/api/support-access-requests/${a.id}/deny`, { body: { reason: 'Use the logs instead' }, version: a.version })).json);
        expect(a.status).toBe('denied');
        expect(supportAccessRequest.parse((await h.call('support', 'GET', `/api/support-access-requests/${a.id}`)).json).denialReason).toBe('Use the logs instead');
        expectError(await h.call('support', 'POST', `/api/support-access-requests/${a.id}/cancel`, { version: a.version }), 409);
        let b = supportAccessRequest.parse((await h.call('support', 'POST', '/api/support-access-requests', { body: ask(free[3]!.id) })).json);
        expectError(await h.call('officer', 'POST', `/api/support-access-requests/${b.id}/cancel`, { version: b.version }), 403);
        expectError(await h.call('auditor', 'POST', `/api/support-access-requests/${b.id}/withdraw-consent`, { body: { reason: 'x' }, version: b.version }), 403);
        b = supportAccessRequest.parse((await h.call('support', 'POST', `/api/support-access-requests/${b.id}/cancel`, { version: b.version })).json);
        expect(b.status).toBe('cancelled');
        expectError(await h.call('support', 'POST', `/api/support-access-requests/${b.id}/withdraw-consent`, { body: { reason: 'x' }, version: b.version }), 409);
      });
      it('shows support agents only their own requests', async () => {
        const res = page(supportAccessRequest).parse((await h.call('support', 'GET', '/api/support-access-requests?limit=200')).json);
        expect(res.items.every((r) => r.requesterName === 'Sam Support')).toBe(true);
      });
    });

    describe('deletions', () => {
      it('is closed to support agents', async () => {
        expectError(await h.call('support', 'GET', '/api/deletion-requests'), 403);
      });
      it('lists soonest due first and filters overdue ones', async () => {
        const all = page(deletionRequest).parse((await h.call('auditor', 'GET', '/api/deletion-requests?limit=200')).json).items;
        expect(all.map((d) => d.dueAt)).toEqual([...all.map((d) => d.dueAt)].sort());
        const overdue = page(deletionRequest).parse((await h.call('auditor', 'GET', '/api/deletion-requests?overdue=1&limit=200')).json).items;
        expect(overdue.length).toBeGreaterThan(0);
        expect(overdue.every((d) => d.dueAt < '2026-11-29T10:00:00.000Z' && !['completed', 'rejected'].includes(d.status))).toBe(true);
      });
      it('takes an erasure request through review, tasks and completion, with four-eyes approval', async () => {
        const account = h.seed.accounts.find((a) => a.status === 'active' && !h.seed.deletions.some((d) => d.accountId === a.id))!;
        const body = { accountId: account.id, origin: 'erasure_request', receivedAt: '2026-01-31T09:00:00.000Z', note: 'Email from the customer' };
        expectError(await h.call('auditor', 'POST', '/api/deletion-requests', { body }), 403);
        const created = await h.call('officer', 'POST', '/api/deletion-requests', { body });
        expect(created.status).toBe(201);
        let d = deletionRequest.parse(created.json);
        expect(d.dueAt.slice(0, 10)).toBe('2026-02-28');
        expectError(await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/approve`, { body: { confirmAccountName: account.name }, version: d.version }), 403);
        expectError(await h.call('officer2', 'POST', `/api/deletion-requests/${d.id}/approve`, { body: { confirmAccountName: 'wrong' }, version: d.version }), 422, 'confirmAccountName');
        d = deletionRequest.parse((await h.call('officer2', 'POST', `/api/deletion-requests/${d.id}/approve`, { body: { confirmAccountName: account.name }, version: d.version })).json);
        expect(d.status).toBe('approved');
        expect(d.tasks.map((t) => t.systemName)).toEqual(expect.arrayContaining(['Stripe', 'MailChimp']));
        expect(d.tasks.some((t) => t.kind === 'backup' && t.rollOffOn)).toBe(true);
        expectError(await h.call('officer2', 'POST', `/api/deletion-requests/${d.id}/approve`, { body: { confirmAccountName: account.name }, version: d.version }), 409);
        expectError(await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/complete`, { version: d.version }), 409);
        const stripe = d.tasks.find((t) => t.systemName === 'Stripe')!;
        expectError(await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/resolve-task`, { body: { taskId: stripe.id, outcome: 'retained_under_hold', reference: 'tax' }, version: d.version }), 422, 'outcome');
        d = deletionRequest.parse((await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/hold`, { body: { system: 'Stripe', data: 'Billing records', legalReason: 'Tax law', until: '2033-12-31' }, version: d.version })).json);
        for (const t of d.tasks) {
          const outcome = t.id === stripe.id ? 'retained_under_hold' : 'deleted';
          const res = await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/resolve-task`, { body: { taskId: t.id, outcome, reference: `ref-${t.systemName}`, notified: t.kind === 'processor' }, version: d.version });
          expect(res.status).toBe(200);
          d = deletionRequest.parse(res.json);
        }
        d = deletionRequest.parse((await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/complete`, { version: d.version })).json);
        expect(d.status).toBe('completed');
        expectError(await h.call('officer2', 'POST', `/api/deletion-requests/${d.id}/approve`, { body: { confirmAccountName: account.name }, version: d.version }), 409);
        const cert = endpoints.deletionCertificate.response.parse((await h.call('auditor', 'GET', `/api/deletion-requests/${d.id}/certificate`)).json);
        expect(cert.account.name).toBe(account.name);
        expect(cert.approvedBy).toBe('Oscar Second');
        expect(cert.exceptions.map((x) => x.system)).toEqual(['Stripe']);
        expect(cert.systems.find((x) => x.system === 'Stripe')?.outcome).toBe('retained_under_hold');
        expect(cert.backupRollOffOn).toBeTruthy();
      });
      it('starts the 30 days when an account is cancelled, once', async () => {
        const account = h.seed.accounts.filter((a) => a.status === 'active' && !h.seed.deletions.some((d) => d.accountId === a.id)).at(-1)!;
        expectError(await h.call('support', 'POST', `/api/accounts/${account.id}/cancel`, { body: {} }), 403);
        expectError(await h.call('officer', 'POST', `/api/accounts/${account.id}/cancel`, { body: { cancelledAt: '2027-01-01T00:00:00.000Z' } }), 422, 'cancelledAt');
        expectError(await h.call('officer', 'POST', '/api/accounts/acc_nope/cancel', { body: {} }), 404);
        const res = await h.call('officer', 'POST', `/api/accounts/${account.id}/cancel`, { body: { cancelledAt: '2026-11-20T08:00:00.000Z' } });
        expect(res.status).toBe(200);
        const { account: cancelled, deletionRequest: d } = endpoints.cancelAccount.response.parse(res.json);
        expect(cancelled.status).toBe('cancelled');
        expect(d.origin).toBe('cancellation');
        expect(d.dueAt).toBe('2026-12-20T08:00:00.000Z');
        expect(endpoints.getAccount.response.parse((await h.call('auditor', 'GET', `/api/accounts/${account.id}`)).json).account.status).toBe('cancelled');
        expectError(await h.call('officer', 'POST', `/api/accounts/${account.id}/cancel`, { body: {} }), 409);
      });
      it('extends an erasure request once, within its first month, and never a cancellation', async () => {
        const account = h.seed.accounts.filter((a) => a.status === 'active' && !h.seed.deletions.some((d) => d.accountId === a.id)).at(-2)!;
        let d = deletionRequest.parse(
          (await h.call('officer', 'POST', '/api/deletion-requests', { body: { accountId: account.id, origin: 'erasure_request', receivedAt: '2026-11-20T09:00:00.000Z', note: 'By letter' } })).json,
        );
        expectError(await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/extend`, { body: { reason: 'Many systems', months: 3 }, version: d.version }), 422, 'months');
        expectError(await h.call('auditor', 'POST', `/api/deletion-requests/${d.id}/extend`, { body: { reason: 'Many systems', months: 2 }, version: d.version }), 403);
        const res = await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/extend`, { body: { reason: 'Many systems', months: 2 }, version: d.version });
        expect(res.status).toBe(200);
        d = deletionRequest.parse(res.json);
        expect(d.dueAt.slice(0, 10)).toBe('2027-02-20');
        expectError(await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/extend`, { body: { reason: 'Again', months: 1 }, version: d.version }), 409);
        const cancellation = page(deletionRequest).parse((await h.call('auditor', 'GET', '/api/deletion-requests?status=pending_review&limit=200')).json).items.find((x) => x.origin === 'cancellation')!;
        expectError(await h.call('officer', 'POST', `/api/deletion-requests/${cancellation.id}/extend`, { body: { reason: 'x', months: 1 }, version: cancellation.version }), 409);
      });
      it('rejects with a reason, and not once completed', async () => {
        const pending = page(deletionRequest).parse((await h.call('auditor', 'GET', '/api/deletion-requests?status=pending_review&limit=200')).json).items.at(-1)!;
        expectError(await h.call('officer', 'POST', `/api/deletion-requests/${pending.id}/reject`, { body: { reason: '' }, version: pending.version }), 422, 'reason');
        const res = await h.call('officer', 'POST', `/api/deletion-requests/${pending.id}/reject`, { body: { reason: 'Account reactivated' }, version: pending.version });
        expect(res.status).toBe(200);
        expect(deletionRequest.parse(res.json).status).toBe('rejected');
        const completed = h.seed.deletions.find((x) => x.status === 'completed')!;
        expectError(await h.call('officer', 'POST', `/api/deletion-requests/${completed.id}/reject`, { body: { reason: 'Too late' }, version: completed.version }), 409);
      });
      it('issues no certificate before completion', async () => {
        const open = h.seed.deletions.find((x) => x.status === 'pending_review')!;
        expectError(await h.call('auditor', 'GET', `/api/deletion-requests/${open.id}/certificate`), 409);
      });
      it('approves several at once and says which failed and why', async () => {
        const candidates = (page(deletionRequest).parse((await h.call('officer2', 'GET', '/api/deletion-requests?status=pending_review&limit=200')).json)).items.filter((x) => x.createdBy === null);
        const [a, b] = candidates;
        expect(a && b).toBeTruthy();
        const res = await h.call('officer2', 'POST', '/api/deletion-requests/bulk-approve', {
          body: { items: [{ id: a!.id, version: a!.version, confirmAccountName: a!.accountName }, { id: b!.id, version: b!.version, confirmAccountName: 'not it' }, { id: 'del_nope', version: 1, confirmAccountName: 'x' }] },
        });
        expect(res.status).toBe(200);
        const results = endpoints.bulkApproveDeletions.response.parse(res.json).results;
        expect(results.map((r) => [r.ok, r.status])).toEqual([[true, 200], [false, 422], [false, 404]]);
        expectError(await h.call('auditor', 'POST', '/api/deletion-requests/bulk-approve', { body: { items: [] } }), 403);
        expectError(await h.call('officer', 'POST', '/api/deletion-requests/bulk-approve', { body: { items: [] } }), 422, 'items');
      });
    });

    describe('concurrency', () => {
      it('lets exactly one of two officers approving the same request at once succeed; the other gets 412', async () => {
        const live = page(deletionRequest).parse((await h.call('auditor', 'GET', '/api/deletion-requests?status=pending_review&limit=200')).json);
        const pending = live.items.filter((d) => d.createdBy === null).slice(0, 3);
        expect(pending.length).toBeGreaterThan(0);
        for (const d of pending) {
          const approve = (who: 'officer' | 'officer2') =>
            h.call(who, 'POST', `/api/deletion-requests/${d.id}/approve`, { body: { confirmAccountName: d.accountName }, version: d.version });
          const results = await Promise.all([approve('officer'), approve('officer2')]);
          expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
          const audit = page(auditEvent).parse((await h.call('auditor', 'GET', `/api/audit-events?recordId=${d.id}&action=deletion.approve`)).json);
          expect(audit.items).toHaveLength(1);
        }
      });
    });

    describe('audit log and accounts', () => {
      it('is read by officers and auditors only', async () => {
        expect((await h.call('officer', 'GET', '/api/audit-events')).status).toBe(200);
        expect((await h.call('auditor', 'GET', '/api/audit-events')).status).toBe(200);
        expectError(await h.call('support', 'GET', '/api/audit-events'), 403);
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
      it('lists and finds accounts, masking people\'s emails', async () => {
        const list = await h.call('support', 'GET', '/api/accounts?limit=5');
        expect(list.status).toBe(200);
        const first = endpoints.listAccounts.response.parse(list.json).items[0]!;
        const detail = endpoints.getAccount.response.parse((await h.call('auditor', 'GET', `/api/accounts/${first.id}`)).json);
        expect(detail.account.id).toBe(first.id);
        expect(detail.people.every((p) => !p.email || p.email.includes('***'))).toBe(true);
        expectError(await h.call('auditor', 'GET', '/api/accounts/acc_nope'), 404);
      });
    });
  });
}
