import { beforeAll, describe, expect, it } from 'vitest';
import { page } from '@/api/contract/common';
import { endpoints } from '@/api/contract/endpoints';
import { attentionReasons, processorView } from '@/api/contract/processors';
import { auditEvent } from '@/api/contract/audit';
import type { Harness } from '@/testing/harness';
import type { Suite } from './api-suite';
import { expectError, newProcessor } from './helpers';
import { DEFAULT_TIME_ZONE } from '@/api/rules/deadlines';
import { addDaysToDate, dateInWords, localDate } from '@/api/rules/time';

/** The processor registry, its history, exports and the company settings it reads. */
export function processorTests(suite: Suite): void {
  let h: Harness;
  beforeAll(() => {
    h = suite.harness();
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
    it('flags a signed DPA from 60 days before it expires, in the record, the filter and the dashboard', async () => {
      const today = localDate(h.clock.now, h.deps.timeZone ?? DEFAULT_TIME_ZONE);
      const dpa = (days: number) => ({ ...newProcessor.dpa, expiresOn: addDaysToDate(today, days) });
      const dashboardCount = async () =>
        (await h.ok('auditor', 'dashboard')).processors.attention.find((a) => a.reason === 'dpa_expiring')?.count ?? 0;
      const countBefore = await dashboardCount();
      const created = processorView.parse(
        (await h.call('officer', 'POST', '/api/processors', { body: { ...newProcessor, name: 'Expiring DPA Ltd', dpa: dpa(61) } })).json,
      );
      expect(created.attention.map((a) => a.reason)).not.toContain('dpa_expiring');
      const flagged = processorView.parse(
        (await h.call('officer', 'PATCH', `/api/processors/${created.id}`, { body: { dpa: dpa(60) }, version: created.version })).json,
      );
      expect(flagged.attention).toContainEqual({
        reason: 'dpa_expiring',
        message: `DPA expires on ${dateInWords(addDaysToDate(today, 60))}`,
      });
      const listed = page(processorView).parse((await h.call('auditor', 'GET', '/api/processors?attention=dpa_expiring')).json).items;
      expect(listed.map((p) => p.id)).toContain(created.id);
      expect(await dashboardCount()).toBe(countBefore + 1);
      const lastDay = processorView.parse(
        (await h.call('officer', 'PATCH', `/api/processors/${created.id}`, { body: { dpa: dpa(0) }, version: flagged.version })).json,
      );
      expect(lastDay.attention).toContainEqual({ reason: 'dpa_expiring', message: `DPA expires on ${dateInWords(today)}` });
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
      const csv = await h.app.request('/api/exports/processors.csv', { headers: await h.authHeaders('auditor') });
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
      const text = await csv.text();
      expect(text.split('\r\n')[0]).toMatch(/^Processor,Legal entity/);
      expect(text).toContain('Stripe');
      const md = await h.app.request('/api/exports/sub-processors.md', { headers: await h.authHeaders('support') });
      expect(await md.text()).toMatch(/\*\*Zoom:\*\*/);
      const html = await h.app.request('/api/exports/sub-processors.html', { headers: await h.authHeaders('support') });
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
    it('answers each location with its transfer basis, from the law and the DPF certification', async () => {
      const all = page(processorView).parse((await h.call('auditor', 'GET', '/api/processors')).json).items;
      const stripe = all.find((p) => p.name === 'Stripe')!;
      expect(stripe.transfers.map((t) => [t.country, t.basis, t.flagged])).toEqual([
        ['IE', 'eea', false],
        ['US', 'adequacy', false],
      ]);
      expect(stripe.transfers[1]?.reasoning).toBe('United States: adequacy via the Data Privacy Framework; Stripe, Inc. is certified');
      // Ireland is never flagged; only a location that needs a safeguard and has none is.
      const flagged = all.flatMap((p) => p.transfers.filter((t) => t.flagged).map((t) => t.country));
      expect(flagged).not.toContain('IE');
      const body = { ...newProcessor, name: 'Serbian Helpdesk', locations: [{ country: 'RS', transferMechanism: null }] };
      const serbian = processorView.parse((await h.call('officer', 'POST', '/api/processors', { body })).json);
      expect(serbian.attention.map((a) => a.message)).toContain('No transfer safeguard for RS');
      const fixed = await h.call('officer', 'PATCH', `/api/processors/${serbian.id}`, {
        body: { locations: [{ country: 'RS', transferMechanism: 'scc' }] },
        version: serbian.version,
      });
      expect(processorView.parse(fixed.json).transfers[0]).toMatchObject({ basis: 'safeguard', flagged: false });
      // DPF is a certification, not a per-location mechanism any more.
      expectError(
        await h.call('officer', 'POST', '/api/processors', {
          body: { ...newProcessor, name: 'Old Style', locations: [{ country: 'US', transferMechanism: 'dpf' }] },
        }),
        422,
        'locations.0.transferMechanism',
      );
    });
    it('refuses impossible values with a plain message on the field (422)', async () => {
      const refuse = async (changes: Record<string, unknown>, field: string, message: RegExp) => {
        const res = await h.call('officer', 'POST', '/api/processors', { body: { ...newProcessor, name: 'Impossible Ltd', ...changes } });
        const error = expectError(res, 422, field);
        expect(error.error.fields?.[field]).toMatch(message);
        expect(Object.values(error.error.fields ?? {}).join(' ')).not.toMatch(/expected|Too (big|small)|Invalid/);
      };
      const dpa = newProcessor.dpa;
      await refuse({ dpa: { ...dpa, signedOn: '2030-01-01', nextReview: '2031-01-01' } }, 'dpa.signedOn', /cannot be signed in the future/);
      await refuse({ dpa: { ...dpa, signedOn: '2026-11-01', nextReview: '2020-01-01' } }, 'dpa.nextReview', /after the date it was signed/);
      await refuse({ dpa: { ...dpa, signedOn: null } }, 'dpa.signedOn', /Enter the date the DPA was signed/);
      await refuse({ dpa: { ...dpa, expiresOn: '2026-10-01' } }, 'dpa.expiresOn', /expire after the date it was signed/);
      await refuse({ lastReviewedOn: '2031-01-01' }, 'lastReviewedOn', /cannot be in the future/);
      await refuse({ locations: [{ country: 'XX', transferMechanism: null }] }, 'locations.0.country', /Choose a country/);
      await refuse({ locations: [{ country: 'Germany', transferMechanism: null }] }, 'locations.0.country', /Choose a country/);
      await refuse({ retention: { ...newProcessor.retention!, amount: -3 } }, 'retention.amount', /^Enter more than 0$/);
      await refuse({ retention: { ...newProcessor.retention!, unit: null } }, 'retention.unit', /unit/);
      await refuse({ name: 'x'.repeat(121) }, 'name', /^Use at most 120 characters$/);
      // Today is fine; so is an edit that leaves the dates alone.
      const today = await h.call('officer', 'POST', '/api/processors', {
        body: { ...newProcessor, name: 'Signed Today Ltd', dpa: { ...dpa, signedOn: '2026-11-29' }, lastReviewedOn: '2026-11-29' },
      });
      expect(today.status).toBe(201);
      const s = endpoints.getSettings.response.parse((await h.call('auditor', 'GET', '/api/settings')).json);
      const zero = expectError(
        await h.call('officer', 'PATCH', '/api/settings', { body: { processorNoticeDays: 0 }, version: s.version }),
        422,
        'processorNoticeDays',
      );
      expect(zero.error.fields?.processorNoticeDays).toBe('Give customers at least 1 day of notice');
    });
    it('records only the fields an edit changed, in the order a form sends them', async () => {
      const list = page(processorView).parse((await h.call('officer', 'GET', '/api/processors?q=Zoom')).json);
      const zoom = list.items[0]!;
      // What the edit form sends: every field, with records' keys in the form's order, not the store's.
      const { retention, dpa } = zoom;
      const body = {
        kind: zoom.kind,
        name: zoom.name,
        legalEntity: zoom.legalEntity,
        category: zoom.category,
        description: zoom.description,
        dataCategories: zoom.dataCategories,
        dataSubjects: zoom.dataSubjects,
        purposes: zoom.purposes.map((p) => ({ consentPurpose: p.consentPurpose, legalBasis: p.legalBasis, purpose: p.purpose })),
        locations: zoom.locations.map((l) => ({ transferMechanism: l.transferMechanism, country: l.country })),
        dpa: { nextReview: dpa.nextReview, reference: dpa.reference, signedOn: dpa.signedOn, status: dpa.status },
        privacyPolicyUrl: zoom.privacyPolicyUrl,
        dpfParticipant: zoom.dpfParticipant ?? null,
        retention: retention && { note: retention.note, trigger: retention.trigger, unit: retention.unit, amount: retention.amount },
        owner: 'Growth',
        lastReviewedOn: zoom.lastReviewedOn,
        reviewCycleMonths: zoom.reviewCycleMonths,
      };
      const res = await h.call('officer', 'PATCH', `/api/processors/${zoom.id}`, { body, version: zoom.version });
      expect(res.status).toBe(200);
      const history = page(auditEvent).parse((await h.call('auditor', 'GET', `/api/processors/${zoom.id}/history`)).json).items;
      const event = history.find((e) => e.changes.some((c) => c.after === 'Growth'));
      expect(event?.summary).toBe('Changed Owner of Zoom');
      expect(event?.changes).toEqual([{ field: 'owner', before: zoom.owner, after: 'Growth' }]);
      // A part of a record-valued field is told by its part.
      const after = processorView.parse(res.json);
      const second = await h.call('officer', 'PATCH', `/api/processors/${zoom.id}`, {
        body: { dpa: { ...after.dpa, reference: 'ZM-2' } },
        version: after.version,
      });
      expect(second.status).toBe(200);
      const events = page(auditEvent).parse((await h.call('auditor', 'GET', `/api/processors/${zoom.id}/history`)).json).items;
      const dpaEvent = events.find((e) => e.changes.some((c) => c.field.startsWith('dpa')));
      expect(dpaEvent?.changes).toEqual([{ field: 'dpa.reference', before: after.dpa.reference, after: 'ZM-2' }]);
    });
    it('answers 404 for an unknown processor', async () => {
      expectError(await h.call('officer', 'GET', '/api/processors/prc_nope'), 404);
    });
  });
}
