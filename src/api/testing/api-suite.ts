import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { errorBody, page } from '@/api/contract/common';
import { endpoints } from '@/api/contract/endpoints';
import { consentEvent } from '@/api/contract/consent';
import { deletionRequest } from '@/api/contract/deletions';
import { attentionReasons, processorView } from '@/api/contract/processors';
import { supportAccessRequest } from '@/api/contract/support-access';
import { auditEvent } from '@/api/contract/audit';
import { foldConsent } from '@/api/rules/consent';
import type { ConsentEvent } from '@/api/contract/consent';
import { consentReviewItem, reviewReasons } from '@/api/contract/consent';
import { reviewReasonsFor, staleMarketingBefore } from '@/api/rules/consent-review';
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
        const res = await h.app.request('/api/session', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"email":',
        });
        expect(res.status).toBe(400);
        expectError(
          await h.call('nobody', 'POST', '/api/session', { body: { email: 'a@b.test', password: 'x', admin: true } }),
          422,
          'admin',
        );
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
        if (ep.permission === 'public') continue;
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
        const names = page(processorView)
          .parse(res.json)
          .items.map((p) => p.name);
        expect(names).toContain('Stripe');
        expect(names).not.toContain('Zoom');
      });
      it('names the active processors that work on a consent, the ones that stop when it is withdrawn', async () => {
        const res = await h.call('support', 'GET', '/api/processors?status=active&consentPurpose=marketing_emails');
        expect(res.status).toBe(200);
        const names = page(processorView)
          .parse(res.json)
          .items.map((p) => p.name)
          .sort();
        expect(names).toEqual(['Facebook Ads Manager', 'Google AdWords', 'MailChimp']);
        const analytics = page(processorView).parse(
          (await h.call('auditor', 'GET', '/api/processors?consentPurpose=analytics_cookies')).json,
        ).items;
        expect(analytics.every((p) => p.purposes.some((x) => x.consentPurpose === 'analytics_cookies'))).toBe(true);
        expectError(await h.call('auditor', 'GET', '/api/processors?consentPurpose=everything'), 400, 'consentPurpose');
        expectError(await h.call('nobody', 'GET', '/api/processors?consentPurpose=marketing_emails'), 401);
      });
      it('filters to processors that need attention, for any reason or for one', async () => {
        const all = page(processorView).parse((await h.call('auditor', 'GET', '/api/processors')).json).items;
        const any = page(processorView).parse((await h.call('auditor', 'GET', '/api/processors?attention=1')).json).items;
        expect(any.map((p) => p.id)).toEqual(all.filter((p) => p.attention.length > 0).map((p) => p.id));
        let seen = 0;
        for (const reason of attentionReasons) {
          const some = page(processorView).parse((await h.call('auditor', 'GET', `/api/processors?attention=${reason}`)).json).items;
          expect(
            some.map((p) => p.id),
            reason,
          ).toEqual(all.filter((p) => p.attention.some((a) => a.reason === reason)).map((p) => p.id));
          seen += some.length;
        }
        expect(seen).toBeGreaterThan(0);
        expectError(await h.call('auditor', 'GET', '/api/processors?attention=bored'), 400, 'attention');
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
        expectError(
          await h.call('officer', 'PATCH', `/api/processors/${zoom.id}`, { body: { owner: 'Someone' }, version: 'garbage' }),
          400,
        );
        const ok = await h.call('officer', 'PATCH', `/api/processors/${zoom.id}`, { body: { owner: 'Someone' }, version: zoom.version });
        expect(ok.status).toBe(200);
        expect(processorView.parse(ok.json).version).toBe(zoom.version + 1);
        expectError(
          await h.call('officer', 'PATCH', `/api/processors/${zoom.id}`, { body: { owner: 'Other' }, version: zoom.version }),
          412,
        );
        expectError(
          await h.call('support', 'PATCH', `/api/processors/${zoom.id}`, { body: { owner: 'Other' }, version: zoom.version + 1 }),
          403,
        );
        const audit = page(auditEvent).parse((await h.call('auditor', 'GET', `/api/audit-events?recordId=${zoom.id}`)).json);
        expect(audit.items[0]?.action).toBe('processor.update');
        expect(audit.items[0]?.changes).toEqual([{ field: 'owner', before: zoom.owner, after: 'Someone' }]);
      });
      it('keeps a processor history that every reader can see', async () => {
        const list = page(processorView).parse((await h.call('support', 'GET', '/api/processors?q=Zoom')).json);
        const history = await h.call('support', 'GET', `/api/processors/${list.items[0]!.id}/history`);
        expect(history.status).toBe(200);
        expect(
          page(auditEvent)
            .parse(history.json)
            .items.every((e) => e.recordId === list.items[0]!.id),
        ).toBe(true);
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
        expectError(
          await h.call('officer', 'PATCH', '/api/settings', { body: { processorNoticeDays: 999 }, version: s.version }),
          422,
          'processorNoticeDays',
        );
        const updated = await h.call('officer', 'PATCH', '/api/settings', { body: { processorNoticeDays: 14 }, version: s.version });
        expect(updated.status).toBe(200);
        expectError(await h.call('officer', 'PATCH', '/api/settings', { body: { processorNoticeDays: 15 }, version: s.version }), 412);
        const created = processorView.parse(
          (await h.call('officer', 'POST', '/api/processors', { body: { ...newProcessor, name: 'Short Notice Ltd' } })).json,
        );
        expect(created.noticeEndsAt?.slice(0, 10)).toBe('2026-12-13');
        await h.call('officer', 'PATCH', '/api/settings', { body: { processorNoticeDays: 30 }, version: s.version + 1 });
      });
      it('summarises the customer data a processor holds', async () => {
        const processors = page(processorView).parse((await h.call('support', 'GET', '/api/processors')).json).items;
        const summaryOf = async (name: string) =>
          endpoints.processorDataSummary.response.parse(
            (await h.call('support', 'GET', `/api/processors/${processors.find((p) => p.name === name)!.id}/data-summary`)).json,
          );
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
      it("records a withdrawal on a person's behalf and shows it on the subject page", async () => {
        const granted = h.seed.consentEvents.find(
          (e) =>
            e.purpose === 'marketing_emails' &&
            foldConsent(h.seed.consentEvents.filter((x) => x.subjectId === e.subjectId)).find((s) => s.purpose === 'marketing_emails')
              ?.state === 'granted',
        )!;
        expectError(
          await h.call('auditor', 'POST', '/api/consent-events', {
            body: {
              subjectId: granted.subjectId,
              purpose: 'marketing_emails',
              action: 'withdrawn',
              channel: 'support_conversation',
              note: 'x',
            },
          }),
          403,
        );
        expectError(
          await h.call('support', 'POST', '/api/consent-events', {
            body: {
              subjectId: granted.subjectId,
              purpose: 'marketing_emails',
              action: 'withdrawn',
              channel: 'support_conversation',
              note: '',
            },
          }),
          422,
          'note',
        );
        const res = await h.call('support', 'POST', '/api/consent-events', {
          body: {
            subjectId: granted.subjectId,
            purpose: 'marketing_emails',
            action: 'withdrawn',
            channel: 'support_conversation',
            note: 'Asked in chat',
          },
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

    describe('deletions', () => {
      it('is closed to support agents', async () => {
        expectError(await h.call('support', 'GET', '/api/deletion-requests'), 403);
      });
      it('lists soonest due first and filters overdue ones', async () => {
        const all = page(deletionRequest).parse((await h.call('auditor', 'GET', '/api/deletion-requests?limit=200')).json).items;
        expect(all.map((d) => d.dueAt)).toEqual([...all.map((d) => d.dueAt)].sort());
        const overdue = page(deletionRequest).parse(
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
        d = deletionRequest.parse(
          (
            await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/hold`, {
              body: { system: 'Stripe', data: 'Billing records', legalReason: 'Tax law', until: '2033-12-31' },
              version: d.version,
            })
          ).json,
        );
        for (const t of d.tasks) {
          const outcome = t.id === stripe.id ? 'retained_under_hold' : 'deleted';
          const res = await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/resolve-task`, {
            body: { taskId: t.id, outcome, reference: `ref-${t.systemName}`, notified: t.kind === 'processor' },
            version: d.version,
          });
          expect(res.status).toBe(200);
          d = deletionRequest.parse(res.json);
        }
        d = deletionRequest.parse(
          (await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/complete`, { version: d.version })).json,
        );
        expect(d.status).toBe('completed');
        expectError(
          await h.call('officer2', 'POST', `/api/deletion-requests/${d.id}/approve`, {
            body: { confirmAccountName: account.name },
            version: d.version,
          }),
          409,
        );
        const cert = endpoints.deletionCertificate.response.parse(
          (await h.call('auditor', 'GET', `/api/deletion-requests/${d.id}/certificate`)).json,
        );
        expect(cert.account.name).toBe(account.name);
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
        expect(
          endpoints.getAccount.response.parse((await h.call('auditor', 'GET', `/api/accounts/${account.id}`)).json).account.status,
        ).toBe('cancelled');
        expectError(await h.call('officer', 'POST', `/api/accounts/${account.id}/cancel`, { body: {} }), 409);
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
        const cancellation = page(deletionRequest)
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
        const pending = page(deletionRequest)
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
        const candidates = page(deletionRequest)
          .parse((await h.call('officer2', 'GET', '/api/deletion-requests?status=pending_review&limit=200')).json)
          .items.filter((x) => x.createdBy === null);
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

    describe('concurrency', () => {
      it('lets exactly one of two officers approving the same request at once succeed; the other gets 412', async () => {
        const live = page(deletionRequest).parse(
          (await h.call('auditor', 'GET', '/api/deletion-requests?status=pending_review&limit=200')).json,
        );
        const pending = live.items.filter((d) => d.createdBy === null).slice(0, 3);
        expect(pending.length).toBeGreaterThan(0);
        for (const d of pending) {
          const approve = (who: 'officer' | 'officer2') =>
            h.call(who, 'POST', `/api/deletion-requests/${d.id}/approve`, {
              body: { confirmAccountName: d.accountName },
              version: d.version,
            });
          const results = await Promise.all([approve('officer'), approve('officer2')]);
          expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
          const audit = page(auditEvent).parse(
            (await h.call('auditor', 'GET', `/api/audit-events?recordId=${d.id}&action=deletion.approve`)).json,
          );
          expect(audit.items).toHaveLength(1);
        }
      });
    });

    describe('consent review queue, trends and exports', () => {
      async function ledger(): Promise<ConsentEvent[]> {
        const all: ConsentEvent[] = [];
        let cursor: string | null = null;
        do {
          const url: string = `/api/consent-events?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
          const p = page(consentEvent).parse((await h.call('auditor', 'GET', url)).json);
          all.push(...p.items);
          cursor = p.nextCursor;
        } while (cursor);
        return all;
      }
      /** The queue worked out from the whole ledger with the rules, independently of the stores' indexes. */
      async function expectedQueue() {
        const events = await ledger();
        const latestNotice: Record<string, string> = {};
        const published: Record<string, string> = {};
        for (const n of h.seed.notices) {
          if (!published[n.purpose] || n.publishedAt > published[n.purpose]!) {
            published[n.purpose] = n.publishedAt;
            latestNotice[n.purpose] = n.hash;
          }
        }
        const newer = (a: ConsentEvent, b: ConsentEvent) => a.occurredAt > b.occurredAt || (a.occurredAt === b.occurredAt && a.id > b.id);
        const current = new Map<string, { event: ConsentEvent; grant: ConsentEvent | null }>();
        for (const e of events) {
          const key = `${e.subjectId}|${e.purpose}`;
          const c = current.get(key) ?? { event: e, grant: null };
          if (newer(e, c.event)) c.event = e;
          if (e.action === 'granted' && (!c.grant || newer(e, c.grant))) c.grant = e;
          current.set(key, c);
        }
        const context = { latestNotice, staleBefore: staleMarketingBefore(h.clock.now, 'Europe/Belgrade') };
        return [...current.values()]
          .map((c) => ({ event: c.event, reasons: reviewReasonsFor({ event: c.event, grantChannel: c.grant?.channel ?? null }, context) }))
          .filter((c) => c.reasons.length > 0)
          .sort((a, b) => (newer(a.event, b.event) ? -1 : 1));
      }

      it('queues current consent that needs a look, newest first, with its reasons, to officers and auditors', async () => {
        const expected = await expectedQueue();
        expect(expected.length).toBeGreaterThan(0);
        const res = await h.call('auditor', 'GET', '/api/consent-reviews?limit=200');
        expect(res.status).toBe(200);
        const got = page(consentReviewItem).parse(res.json);
        expect(got.items.map((i) => [i.event.id, i.reasons])).toEqual(expected.slice(0, 200).map((i) => [i.event.id, i.reasons]));
        expect(got.total).toBe(expected.length);
        expect(got.items.every((i) => !i.event.email || i.event.email.includes('***'))).toBe(true);
        const stale = await h.call('officer', 'GET', '/api/consent-reviews?reason=stale_marketing&limit=200');
        const staleItems = page(consentReviewItem).parse(stale.json).items;
        expect(staleItems.map((i) => i.event.id)).toEqual(
          expected.filter((i) => i.reasons.includes('stale_marketing')).map((i) => i.event.id),
        );
        expect(staleItems.every((i) => i.event.purpose === 'marketing_emails')).toBe(true);
        expectError(await h.call('support', 'GET', '/api/consent-reviews'), 403);
        expectError(await h.call('auditor', 'GET', '/api/consent-reviews?reason=bored'), 400, 'reason');
      });

      it('pages through each reason, alone and with a purpose, every item once and with the total first', async () => {
        const expected = await expectedQueue();
        for (const reason of reviewReasons) {
          for (const purpose of [undefined, 'marketing_emails', 'analytics_cookies'] as const) {
            const want = expected
              .filter((i) => i.reasons.includes(reason) && (!purpose || i.event.purpose === purpose))
              .map((i) => i.event.id);
            if (!purpose) expect(want.length, reason).toBeGreaterThan(0);
            const seen: string[] = [];
            let cursor: string | null = null;
            do {
              const query = new URLSearchParams({ reason, limit: '7', ...(purpose ? { purpose } : {}), ...(cursor ? { cursor } : {}) });
              const got = page(consentReviewItem).parse((await h.call('auditor', 'GET', `/api/consent-reviews?${query}`)).json);
              if (!cursor) expect(got.total, `${reason} ${purpose}`).toBe(want.length);
              seen.push(...got.items.map((i) => i.event.id));
              cursor = got.nextCursor;
            } while (cursor);
            expect(seen, `${reason} ${purpose}`).toEqual(want);
          }
        }
      });

      it('lets an officer mark an item reviewed once, with a note, and audits it', async () => {
        const [first] = await expectedQueue();
        const id = first!.event.id;
        expectError(await h.call('auditor', 'POST', `/api/consent-reviews/${id}`, { body: { note: 'Looked' } }), 403);
        expectError(await h.call('officer', 'POST', `/api/consent-reviews/${id}`, { body: { note: '  ' } }), 422, 'note');
        expectError(await h.call('officer', 'POST', '/api/consent-reviews/ce_nope', { body: { note: 'Looked' } }), 404);
        const res = await h.call('officer', 'POST', `/api/consent-reviews/${id}`, { body: { note: 'Evidence is on the signed form' } });
        expect(res.status).toBe(201);
        const item = consentReviewItem.parse(res.json);
        expect(item.review?.note).toBe('Evidence is on the signed form');
        expect(item.reasons).toEqual(first!.reasons);
        expectError(await h.call('officer2', 'POST', `/api/consent-reviews/${id}`, { body: { note: 'Me too' } }), 409);
        const open = page(consentReviewItem).parse((await h.call('officer', 'GET', '/api/consent-reviews?limit=200')).json);
        expect(open.items.some((i) => i.event.id === id)).toBe(false);
        const reviewed = page(consentReviewItem).parse((await h.call('auditor', 'GET', '/api/consent-reviews?status=reviewed')).json);
        expect(reviewed.items[0]?.event.id).toBe(id);
        expect(reviewed.items[0]?.review?.reviewedBy.name).toBeTruthy();
        const audit = page(auditEvent).parse(
          (await h.call('auditor', 'GET', `/api/audit-events?recordId=${id}&action=consent.review`)).json,
        );
        expect(audit.items).toHaveLength(1);
      });

      it('refuses to review an event that a newer one replaced', async () => {
        const events = await ledger();
        const queued = new Set((await expectedQueue()).map((i) => i.event.id));
        const replaced = events.find(
          (e) =>
            !queued.has(e.id) && events.some((x) => x.subjectId === e.subjectId && x.purpose === e.purpose && x.occurredAt > e.occurredAt),
        )!;
        expectError(await h.call('officer', 'POST', `/api/consent-reviews/${replaced.id}`, { body: { note: 'Looked' } }), 409);
      });

      it('counts grants and withdrawals per purpose for the last 12 calendar months', async () => {
        const res = await h.call('auditor', 'GET', '/api/consent-stats/monthly');
        expect(res.status).toBe(200);
        const monthly = endpoints.consentMonthly.response.parse(res.json);
        expect(monthly.months).toHaveLength(12);
        expect(monthly.months.at(-1)).toBe('2026-11');
        expect(monthly.months[0]).toBe('2025-12');
        const monthOf = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Belgrade', year: 'numeric', month: '2-digit' });
        const events = await ledger();
        for (const row of monthly.rows.filter((r) => r.purpose === 'marketing_emails' || r.purpose === 'analytics_cookies')) {
          const inMonth = events.filter(
            (e) =>
              e.purpose === row.purpose &&
              monthOf.format(new Date(e.occurredAt)) === row.month &&
              e.occurredAt <= h.clock.now.toISOString(),
          );
          expect([row.month, row.granted, row.withdrawn]).toEqual([
            row.month,
            inMonth.filter((e) => e.action === 'granted').length,
            inMonth.filter((e) => e.action === 'withdrawn').length,
          ]);
        }
        expectError(await h.call('support', 'GET', '/api/consent-stats/monthly'), 403);
      });

      it('exports the suppression list with emails in clear, audited, and filtered by state', async () => {
        expectError(await h.call('support', 'GET', '/api/exports/consent-suppression.csv'), 403);
        expectError(await h.call('auditor', 'GET', '/api/exports/consent-suppression.csv?state=maybe'), 400, 'state');
        const res = await h.app.request('/api/exports/consent-suppression.csv?state=withdrawn', { headers: await authHeaders('officer') });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/text\/csv/);
        const lines = (await res.text()).trim().split('\r\n');
        expect(lines[0]).toBe('subject_id,account_id,email,purpose,state,since,channel,notice_version');
        const events = await ledger();
        const withdrawn = new Set(
          h.seed.subjects.flatMap((s) =>
            foldConsent(events.filter((e) => e.subjectId === s.id))
              .filter((st) => st.state === 'withdrawn')
              .map((st) => `${s.id},${st.purpose}`),
          ),
        );
        expect(lines.length - 1).toBe(withdrawn.size);
        const row = lines[1]!.split(',');
        expect(row[4]).toBe('withdrawn');
        const person = h.seed.subjects.find((s) => s.id === row[0])!;
        if (person.email) expect(row[2]).toBe(person.email);
        const audit = page(auditEvent).parse((await h.call('auditor', 'GET', '/api/audit-events?action=consent.export_suppression')).json);
        expect(audit.items[0]?.actorRole).toBe('privacy_officer');
      });

      it("exports one person's proof of consent as JSON, audited", async () => {
        const subjectId = h.seed.consentEvents[0]!.subjectId;
        expectError(await h.call('support', 'GET', `/api/subjects/${subjectId}/proof.json`), 403);
        expectError(await h.call('auditor', 'GET', '/api/subjects/sub_nope/proof.json'), 404);
        const res = await h.app.request(`/api/subjects/${subjectId}/proof.json`, { headers: await authHeaders('auditor') });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-disposition')).toMatch(/proof-of-consent/);
        const proof = (await res.json()) as {
          subject: { id: string };
          events: { noticeHash: string }[];
          notices: { hash: string }[];
          states: unknown[];
        };
        expect(proof.subject.id).toBe(subjectId);
        expect(proof.events.length).toBe((await ledger()).filter((e) => e.subjectId === subjectId).length);
        expect(proof.events.every((e) => proof.notices.some((n) => n.hash === e.noticeHash))).toBe(true);
        const audit = page(auditEvent).parse(
          (await h.call('officer', 'GET', `/api/audit-events?recordId=${subjectId}&action=consent.export_proof`)).json,
        );
        expect(audit.items[0]?.actorRole).toBe('auditor');
      });
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
        const account = h.seed.accounts[0]!;
        const byName = endpoints.search.response.parse(
          (await h.call('support', 'GET', `/api/search?q=${encodeURIComponent(account.name.slice(0, 6))}`)).json,
        );
        expect(byName.results.some((r) => r.kind === 'account' && r.id === account.id)).toBe(true);
        const person = h.seed.subjects.find((s) => s.email)!;
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
        const deletion =
          h.seed.deletions.find((d) => h.seed.consentEvents.some((e) => e.accountId === d.accountId)) ?? h.seed.deletions[0]!;
        const res = await h.call('officer', 'GET', `/api/accounts/${deletion.accountId}/timeline`);
        expect(res.status).toBe(200);
        const t = endpoints.accountTimeline.response.parse(res.json);
        const ats = t.items.map((i) => i.at);
        expect(ats).toEqual([...ats].sort().reverse());
        expect(t.items.some((i) => i.kind === 'deletion_request' && i.recordId === deletion.id)).toBe(true);
        expect(t.items.some((i) => i.kind === 'account')).toBe(true);
        const consentCount = (await ledger2(deletion.accountId)).length;
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
        const res = await h.app.request('/api/exports/audit-events.csv?recordType=subject', { headers: await authHeaders('auditor') });
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
  });
}
