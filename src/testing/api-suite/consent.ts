import { beforeAll, describe, expect, it } from 'vitest';
import { page } from '@/api/contract/common';
import { endpoints } from '@/api/contract/endpoints';
import { consentEvent, consentReviewItem, reviewGroupResult, reviewGroups, reviewReasons } from '@/api/contract/consent';
import type { ConsentEvent } from '@/api/contract/consent';
import { auditEvent } from '@/api/contract/audit';
import { foldConsent, maskEmail } from '@/api/rules/consent';
import { localDate } from '@/api/rules/time';
import { reviewReasonsFor, staleMarketingBefore } from '@/api/rules/consent-review';
import type { Harness } from '@/testing/harness';
import type { Suite } from './api-suite';
import { expectError } from './helpers';
import { validateKantaraReceipt } from '@/testing/kantara-receipt-schema';

/** The consent ledger, the review queue, monthly trends and the consent exports. */
export function consentTests(suite: Suite): void {
  let h: Harness;
  beforeAll(() => {
    h = suite.harness();
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
      const body = { reason: 'The customer asks which address we hold' };
      expectError(await h.call('auditor', 'POST', `/api/subjects/${person.id}/reveal-email`, { body }), 403);
      expectError(await h.call('officer', 'POST', '/api/subjects/sub_nope/reveal-email', { body }), 404);
      const res = await h.call('officer', 'POST', `/api/subjects/${person.id}/reveal-email`, { body });
      expect(res.status).toBe(200);
      expect(endpoints.revealSubjectEmail.response.parse(res.json).email).toBe(person.email);
      const audit = page(auditEvent).parse((await h.call('auditor', 'GET', `/api/audit-events?recordId=${person.id}`)).json);
      expect(audit.items[0]?.action).toBe('pii.reveal_email');
    });
    it("reads from and to as days of the company's calendar (Europe/Belgrade), both inclusive", async () => {
      // An event late in a UTC day is early on the next day in Belgrade (UTC+1 in winter).
      const late = h.seed.consentEvents.find((e) => e.occurredAt.slice(11, 13) === '23' && e.occurredAt.slice(5, 7) === '11')!;
      const belgradeDay = localDate(new Date(late.occurredAt), 'Europe/Belgrade');
      const utcDay = late.occurredAt.slice(0, 10);
      expect(belgradeDay).not.toBe(utcDay);
      const listed = async (from: string, to: string) => {
        const ids: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await h.ok('auditor', 'listConsentEvents', { query: { from, to, subjectId: late.subjectId, limit: 200, cursor } });
          ids.push(...page.items.map((e) => e.id));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        return ids;
      };
      expect(await listed(belgradeDay, belgradeDay)).toContain(late.id);
      expect(await listed(utcDay, utcDay)).not.toContain(late.id);
      const audit = await h.ok('auditor', 'listAuditEvents', { query: { from: localDate(h.clock.now, 'Europe/Belgrade'), limit: 1 } });
      expect(audit.total).toBeGreaterThan(0);
    });

    it('never edits an event: there is no PATCH or DELETE', async () => {
      const e = h.seed.consentEvents[0]!;
      expectError(await h.call('officer', 'PATCH', `/api/consent-events/${e.id}`, { body: { action: 'granted' }, version: 1 }), 404);
      expectError(await h.call('officer', 'DELETE', `/api/consent-events/${e.id}`), 404);
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
      const audit = page(auditEvent).parse((await h.call('auditor', 'GET', `/api/audit-events?recordId=${id}&action=consent.review`)).json);
      expect(audit.items).toHaveLength(1);
    });

    /** The expected queue less the events reviewed so far: what is open now. */
    async function openExpected() {
      const done = new Set<string>();
      let cursor: string | null = null;
      do {
        const query = new URLSearchParams({ status: 'reviewed', limit: '200', ...(cursor ? { cursor } : {}) });
        const got = page(consentReviewItem).parse((await h.call('auditor', 'GET', `/api/consent-reviews?${query}`)).json);
        for (const i of got.items) done.add(i.event.id);
        cursor = got.nextCursor;
      } while (cursor);
      return (await expectedQueue()).filter((i) => !done.has(i.event.id));
    }

    it('groups the open queue by reason and purpose with counts, and never asks a withdrawal for evidence', async () => {
      const expected = await openExpected();
      const res = await h.call('auditor', 'GET', '/api/consent-review-groups');
      expect(res.status).toBe(200);
      const { groups, total } = reviewGroups.parse(res.json);
      expect(total).toBe(expected.length);
      for (const g of groups) {
        expect(g.count, `${g.reason} ${g.purpose}`).toBe(
          expected.filter((i) => i.reasons.includes(g.reason) && i.event.purpose === g.purpose).length,
        );
      }
      expect(groups.reduce((n, g) => n + g.count, 0)).toBe(expected.reduce((n, i) => n + i.reasons.length, 0));
      expect(expected.some((i) => i.event.action === 'withdrawn' && i.reasons.includes('no_evidence'))).toBe(false);
      expectError(await h.call('support', 'GET', '/api/consent-review-groups'), 403);
    });

    it('lets an officer mark a whole group reviewed with one note, once the count is confirmed', async () => {
      const { groups } = reviewGroups.parse((await h.call('officer', 'GET', '/api/consent-review-groups')).json);
      const smallest = [...groups].sort((a, b) => a.count - b.count)[0]!;
      const body = { reason: smallest.reason, purpose: smallest.purpose, note: 'Checked the batch import', expectedCount: smallest.count };
      expectError(await h.call('auditor', 'POST', '/api/consent-review-groups/review', { body }), 403);
      expectError(await h.call('support', 'POST', '/api/consent-review-groups/review', { body }), 403);
      expectError(await h.call('officer', 'POST', '/api/consent-review-groups/review', { body: { ...body, note: ' ' } }), 422, 'note');
      expectError(
        await h.call('officer', 'POST', '/api/consent-review-groups/review', { body: { ...body, expectedCount: 0 } }),
        422,
        'expectedCount',
      );
      // A count that is not the group's marks nothing.
      const stale = expectError(
        await h.call('officer', 'POST', '/api/consent-review-groups/review', { body: { ...body, expectedCount: smallest.count + 1 } }),
        409,
      );
      expect(stale.error.message).toContain(`now holds ${smallest.count}`);
      const before = await openExpected();
      const res = await h.call('officer', 'POST', '/api/consent-review-groups/review', { body });
      expect(res.status).toBe(200);
      expect(reviewGroupResult.parse(res.json)).toEqual({
        reason: smallest.reason,
        purpose: smallest.purpose,
        reviewed: smallest.count,
        skipped: 0,
      });
      const after = await openExpected();
      const inGroup = (i: (typeof before)[number]) => i.reasons.includes(smallest.reason) && i.event.purpose === smallest.purpose;
      expect(after.filter(inGroup)).toHaveLength(0);
      expect(after.length).toBe(before.length - smallest.count);
      const again = reviewGroups.parse((await h.call('officer', 'GET', '/api/consent-review-groups')).json);
      expect(again.groups.some((g) => g.reason === smallest.reason && g.purpose === smallest.purpose)).toBe(false);
      expect(again.total).toBe(before.length - smallest.count);
      const reviewed = page(consentReviewItem).parse(
        (
          await h.call(
            'auditor',
            'GET',
            `/api/consent-reviews?status=reviewed&reason=${smallest.reason}&purpose=${smallest.purpose}&limit=200`,
          )
        ).json,
      );
      expect(reviewed.items.filter((i) => i.review?.note === 'Checked the batch import')).toHaveLength(Math.min(200, smallest.count));
      const audit = page(auditEvent).parse((await h.call('auditor', 'GET', '/api/audit-events?action=consent.review_group')).json);
      expect(audit.items.length).toBeGreaterThan(0);
      // The group is empty now: the same confirmation is stale.
      expectError(await h.call('officer', 'POST', '/api/consent-review-groups/review', { body }), 409);
    });

    it('downloads a consent event as a Kantara v1.1 receipt and an ISO/IEC TS 27560 record, to officers and auditors', async () => {
      const [event] = (await ledger()).slice(-1);
      const kantara = await h.app.request(`/api/consent-events/${event!.id}/receipt.json`, { headers: await h.authHeaders('auditor') });
      expect(kantara.status).toBe(200);
      expect(kantara.headers.get('content-disposition')).toBe(`attachment; filename="consent-receipt-${event!.id}.json"`);
      const receipt = (await kantara.json()) as { version: string; consentReceiptID: string; piiPrincipalId: string };
      expect(receipt).toMatchObject({ version: 'KI-CR-v1.1.0', consentReceiptID: event!.id, piiPrincipalId: event!.subjectId });
      expect(validateKantaraReceipt(receipt), JSON.stringify(validateKantaraReceipt.errors)).toBe(true);
      // The controller it names is the one the settings report: the deployment's, not a constant of its own.
      const { controller } = await h.ok('auditor', 'getSettings');
      expect(receipt).toMatchObject({ piiControllers: [{ piiController: controller.name, email: controller.email }] });
      const iso = await h.app.request(`/api/consent-events/${event!.id}/record-27560.json`, { headers: await h.authHeaders('officer') });
      expect(iso.status).toBe(200);
      expect(((await iso.json()) as { recordId: string }).recordId).toBe(event!.id);
      expectError(await h.call('support', 'GET', `/api/consent-events/${event!.id}/receipt.json`), 403);
      expectError(await h.call('auditor', 'GET', '/api/consent-events/ce_nope/record-27560.json'), 404);
      expectError(await h.call('nobody', 'GET', `/api/consent-events/${event!.id}/receipt.json`), 401);
    });

    it('exports the people to ask again for marketing consent: stale or under an outdated notice, audited', async () => {
      const want = (await expectedQueue())
        .filter((i) => i.event.purpose === 'marketing_emails' && i.reasons.some((r) => r === 'stale_marketing' || r === 'outdated_notice'))
        .filter((i) => (h.seed.subjects.find((s) => s.id === i.event.subjectId)?.email ?? i.event.email) !== null)
        .map((i) => i.event.subjectId)
        .sort();
      expect(want.length).toBeGreaterThan(0);
      expectError(await h.call('support', 'GET', '/api/exports/re-consent.csv'), 403);
      const res = await h.app.request('/api/exports/re-consent.csv', { headers: await h.authHeaders('officer') });
      expect(res.status).toBe(200);
      const lines = (await res.text()).trimEnd().split('\r\n');
      expect(lines[0]).toBe('subject_id,account_id,email,granted_at,notice_version,reasons');
      expect(
        lines
          .slice(1)
          .map((l) => l.split(',')[0])
          .sort(),
      ).toEqual(want);
      expect(lines.slice(1).every((l) => /@/.test(l.split(',')[2] ?? ''))).toBe(true);
      const audit = page(auditEvent).parse((await h.call('auditor', 'GET', '/api/audit-events?action=consent.export_reconsent')).json);
      expect(audit.items[0]?.summary).toBe(`Exported the re-consent list (${want.length} people) with email addresses masked`);
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
            e.purpose === row.purpose && monthOf.format(new Date(e.occurredAt)) === row.month && e.occurredAt <= h.clock.now.toISOString(),
        );
        expect([row.month, row.granted, row.withdrawn]).toEqual([
          row.month,
          inMonth.filter((e) => e.action === 'granted').length,
          inMonth.filter((e) => e.action === 'withdrawn').length,
        ]);
      }
      expectError(await h.call('support', 'GET', '/api/consent-stats/monthly'), 403);
    });

    it('exports the suppression list, emails masked unless asked for, audited, and filtered by state', async () => {
      expectError(await h.call('support', 'GET', '/api/exports/consent-suppression.csv'), 403);
      expectError(await h.call('auditor', 'GET', '/api/exports/consent-suppression.csv?state=maybe'), 400, 'state');
      const res = await h.app.request('/api/exports/consent-suppression.csv?state=withdrawn', { headers: await h.authHeaders('officer') });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/csv/);
      const lines = (await res.text()).trim().split('\r\n');
      expect(lines[0]).toBe('subject_id,account_id,email,purpose,state,since,channel,notice_version,erased_email_hmac');
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
      if (person.email) expect(row[2]).toBe(maskEmail(person.email));
      const audit = page(auditEvent).parse((await h.call('auditor', 'GET', '/api/audit-events?action=consent.export_suppression')).json);
      expect(audit.items[0]?.actorRole).toBe('privacy_officer');
    });

    it("exports one person's proof of consent as JSON, audited", async () => {
      const subjectId = h.seed.consentEvents[0]!.subjectId;
      expectError(await h.call('support', 'GET', `/api/subjects/${subjectId}/proof.json`), 403);
      expectError(await h.call('auditor', 'GET', '/api/subjects/sub_nope/proof.json'), 404);
      const res = await h.app.request(`/api/subjects/${subjectId}/proof.json`, { headers: await h.authHeaders('auditor') });
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

    it('exports emails in clear only to an officer who says why, and audits the reason; auditors get them masked', async () => {
      const subjectId = h.seed.subjects.find((s) => s.email && h.seed.consentEvents.some((e) => e.subjectId === s.id))!.id;
      const email = h.seed.subjects.find((s) => s.id === subjectId)!.email!;
      const exportsWithEmails = [
        '/api/exports/consent-suppression.csv',
        '/api/exports/re-consent.csv',
        `/api/subjects/${subjectId}/proof.json`,
        '/api/exports/audit-events.csv',
      ];
      const text = async (who: 'auditor' | 'officer', path: string) => {
        const res = await h.app.request(path, { headers: await h.authHeaders(who) });
        return { status: res.status, body: await res.text() };
      };
      const clearAddress = /[a-z0-9._%+-]{2,}@[a-z0-9.-]+\.[a-z]{2,}/i;
      for (const path of exportsWithEmails) {
        // The auditor's export: every address masked (o***@example.com), none in clear.
        const masked = await text('auditor', path);
        expect(masked.status, path).toBe(200);
        expect(masked.body, path).not.toMatch(clearAddress);
        const sep = path.includes('?') ? '&' : '?';
        expectError(await h.call('auditor', 'GET', `${path}${sep}emails=clear&reason=${encodeURIComponent('Checking')}`), 403);
        expectError(await h.call('officer', 'GET', `${path}${sep}emails=clear`), 422, 'reason');
        expectError(await h.call('officer', 'GET', `${path}${sep}emails=clear&reason=%20`), 422, 'reason');
        expectError(await h.call('officer', 'GET', `${path}${sep}emails=all`), 400, 'emails');
      }
      const reason = 'Suppression upload to the mailing tool, ticket PRIV-12';
      const proof = await text('officer', `/api/subjects/${subjectId}/proof.json?emails=clear&reason=${encodeURIComponent(reason)}`);
      expect(proof.status).toBe(200);
      expect(proof.body).toContain(email);
      const suppression = await text('officer', `/api/exports/consent-suppression.csv?emails=clear&reason=${encodeURIComponent(reason)}`);
      expect(suppression.body).toMatch(clearAddress);
      // One clock for the whole suite: events of one instant come in id order, so look for them, not at a place.
      const clearOne = async (action: string) =>
        page(auditEvent)
          .parse((await h.call('auditor', 'GET', `/api/audit-events?actorId=usr_officer&action=${action}&limit=200`)).json)
          .items.some((e) => e.summary.endsWith(`in clear, because: ${reason}`));
      expect(await clearOne('consent.export_proof')).toBe(true);
      expect(await clearOne('consent.export_suppression')).toBe(true);
      const auditCsv = await text('officer', `/api/exports/audit-events.csv?emails=clear&reason=${encodeURIComponent(reason)}`);
      expect(auditCsv.status).toBe(200);
      const logged = page(auditEvent).parse(
        (await h.call('auditor', 'GET', '/api/audit-events?action=audit.export_clear_emails')).json,
      ).items;
      expect(logged[0]?.summary).toContain(reason);
      expect(logged[0]?.actorRole).toBe('privacy_officer');
    });

    it('takes the reason from the Export-Reason header, percent-encoded, so it stays out of the address', async () => {
      const reason = 'Łódź office asked, ticket PRIV-40 — 50% of the list';
      const request = async (path: string, header?: string) => {
        const headers: Record<string, string> = { ...(await h.authHeaders('officer')) };
        if (header !== undefined) headers['Export-Reason'] = header;
        const res = await h.app.request(path, { headers });
        return { status: res.status, body: await res.text() };
      };
      const suppression = await request('/api/exports/consent-suppression.csv?emails=clear', encodeURIComponent(reason));
      expect(suppression.status).toBe(200);
      expect(suppression.body).toMatch(/[a-z0-9._%+-]{2,}@[a-z0-9.-]+\.[a-z]{2,}/i);
      const audited = page(auditEvent)
        .parse((await h.call('auditor', 'GET', '/api/audit-events?actorId=usr_officer&action=consent.export_suppression&limit=200')).json)
        .items.some((e) => e.summary.endsWith(`in clear, because: ${reason}`));
      expect(audited).toBe(true);
      // A blank one is no reason; one given twice, or not encoded, is refused naming the field.
      expect((await request('/api/exports/consent-suppression.csv?emails=clear', '%20')).status).toBe(422);
      const twice = await request('/api/exports/consent-suppression.csv?emails=clear&reason=x', encodeURIComponent(reason));
      expect(twice.status).toBe(400);
      expect(JSON.parse(twice.body)).toMatchObject({ error: { code: 'bad_request', fields: { reason: 'Given twice' } } });
      const garbled = await request('/api/exports/consent-suppression.csv?emails=clear', '%E0%A4%A');
      expect(garbled.status).toBe(400);
      expect(JSON.parse(garbled.body)).toMatchObject({ error: { fields: { reason: 'Not percent-encoded UTF-8' } } });
      // An endpoint that takes no reason reads nothing from the header.
      expect((await request('/api/processors', '%E0%A4%A')).status).toBe(200);
    });
  });
}
