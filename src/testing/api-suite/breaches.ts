import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { auditEvent } from '@/api/contract/audit';
import type { BreachView, createBreach } from '@/api/contract/breaches';
import { breachListItem, breachView } from '@/api/contract/breaches';
import { page } from '@/api/contract/common';
import { grantedDuring } from '@/api/rules/breach-scope';
import type { Harness } from '@/testing/harness';
import type { Suite } from './api-suite';
import { expectError, expectListItems } from './helpers';

const HOUR = 3_600_000;

/** The breach register: the clocks, who is affected, the assessment, notices sent on time, reminders. */
export function breachTests(suite: Suite): void {
  let h: Harness;
  beforeAll(() => {
    h = suite.harness();
  });
  const at = (hoursAgo: number): string => new Date(h.clock.now.getTime() - hoursAgo * HOUR).toISOString();
  const input = (over: Partial<z.input<typeof createBreach>> = {}): z.input<typeof createBreach> => ({
    title: 'MailChimp audience exported',
    description: 'An API key leaked and the audience was exported.',
    occurredFrom: at(6),
    occurredTo: at(2),
    awareAt: at(1),
    reportedBy: 'MailChimp Trust & Safety',
    systemIds: ['prc_mailchimp'],
    dataCategories: ['email', 'name'],
    concerns: 'own_data',
    ...over,
  });
  const create = async (over: Partial<z.input<typeof createBreach>> = {}): Promise<BreachView> => {
    const res = await h.call('officer', 'POST', '/api/breaches', { body: input(over) });
    expect(res.status).toBe(201);
    return breachView.parse(res.json);
  };
  const post = (b: BreachView, path: string, body?: unknown, who: 'officer' | 'auditor' = 'officer') =>
    h.call(who, 'POST', `/api/breaches/${b.id}${path}`, { body, version: b.version });
  const viewOf = (res: { status: number; json: unknown }): BreachView => {
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    return breachView.parse(res.json);
  };

  describe('breaches', () => {
    it('lets officers and auditors read the register, with the seed s open breach at about hour 50', async () => {
      for (const who of ['officer', 'auditor'] as const) {
        const list = page(breachListItem).parse((await h.call(who, 'GET', '/api/breaches')).json);
        const open = list.items.find((b) => b.id === 'brc_seed_open');
        expect(open?.clocks[0]?.state).toBe('running');
        expect(list.items.map((b) => b.id)).toContain('brc_seed_closed');
        const closed = breachView.parse((await h.call(who, 'GET', '/api/breaches/brc_seed_closed')).json);
        expect(closed.assessment?.decision).toBe('no_notification');
        expect(closed.notifications).toEqual([]);
      }
      expectError(await h.call('support', 'GET', '/api/breaches'), 403);
      expectError(await h.call('nobody', 'GET', '/api/breaches'), 401);
      expectError(await h.call('auditor', 'GET', '/api/breaches/brc_nope'), 404);
      expectError(await h.call('auditor', 'GET', '/api/breaches?status=burning'), 400);
    });

    it('refuses auditors and support agents every write (403)', async () => {
      const seedOpen = breachView.parse((await h.call('auditor', 'GET', '/api/breaches/brc_seed_open')).json);
      expect(seedOpen.actions.edit).toEqual({ allowed: false, reason: 'Auditors may not do this' });
      expectError(await h.call('auditor', 'POST', '/api/breaches', { body: input() }), 403);
      expectError(await h.call('support', 'POST', '/api/breaches', { body: input() }), 403);
      expectError(
        await h.call('auditor', 'PATCH', `/api/breaches/${seedOpen.id}`, { body: { title: 'x' }, version: seedOpen.version }),
        403,
      );
      expectError(
        await post(seedOpen, '/assessment', { likelihood: 'low', severity: 'low', reasoning: 'x', exception: null }, 'auditor'),
        403,
      );
      expectError(await post(seedOpen, '/notifications', { audience: 'authority', recipient: 'x', text: 'x' }, 'auditor'), 403);
      expectError(await post(seedOpen, '/affected', undefined, 'auditor'), 403);
      expectError(await h.call('auditor', 'GET', `/api/breaches/${seedOpen.id}/affected.csv`), 403);
    });

    it('refuses an awareness in the future, or a story that cannot be (422 naming the field)', async () => {
      expectError(await h.call('officer', 'POST', '/api/breaches', { body: input({ awareAt: at(-1) }) }), 422, 'awareAt');
      expectError(await h.call('officer', 'POST', '/api/breaches', { body: input({ occurredFrom: at(0.5) }) }), 422, 'occurredFrom');
      expectError(await h.call('officer', 'POST', '/api/breaches', { body: input({ occurredTo: at(10) }) }), 422, 'occurredTo');
      expectError(await h.call('officer', 'POST', '/api/breaches', { body: input({ systemIds: ['prc_nope'] }) }), 422, 'systemIds');
      expectError(await h.call('officer', 'POST', '/api/breaches', { body: input({ systemIds: [] }) }), 422, 'systemIds');
      expectError(await h.call('officer', 'POST', '/api/breaches', { body: input({ title: '' }) }), 422, 'title');
    });

    it('records a breach at MailChimp: the 72-hour clock from awareness, the people whose consent was granted then', async () => {
      const b = await create();
      expect(b.status).toBe('open');
      expect(b.ownerName).toBe('Olivia Officer');
      const authority = b.clocks.find((c) => c.audience === 'authority');
      expect(authority?.deadline).toBe(new Date(Date.parse(b.awareAt) + 72 * HOUR).toISOString());
      expect(authority?.secondsLeft).toBe(71 * 3600);
      // The people the ledger says had marketing consent at some instant of the window.
      const events = h.seed.consentEvents.filter((e) => e.purpose === 'marketing_emails');
      const subjects = new Set(events.map((e) => e.subjectId));
      const expected = [...subjects].filter((s) =>
        grantedDuring(
          events.filter((e) => e.subjectId === s),
          b.occurredFrom,
          b.occurredTo ?? b.occurredFrom,
        ),
      );
      const people = expected.filter((s) => events.find((e) => e.subjectId === s)?.accountId !== null);
      expect(people.length).toBeGreaterThan(0);
      expect(b.affected?.people).toBe(people.length);
      expect(b.affected?.systems[0]?.basis).toMatch(/consent/);
      const history = page(auditEvent).parse((await h.call('auditor', 'GET', `/api/audit-events?recordType=breach&recordId=${b.id}`)).json);
      expect(history.items.map((e) => e.action)).toEqual(['breach.create']);

      const csv = await h.call('officer', 'GET', `/api/breaches/${b.id}/affected.csv`);
      expect(csv.status).toBe(200);
      const lines = csv.text.trim().split(/\r?\n/);
      expect(lines[0]).toBe('type,id,name,email,account_id,account_name,hosting,people');
      expect(lines.filter((l) => l.startsWith('person,'))).toHaveLength(people.length);
    });

    it('lists who is affected with emails masked, or in clear only when the officer says why (audited)', async () => {
      const b = await create();
      const path = `/api/breaches/${b.id}/affected.csv`;
      const clearAddress = /[a-z0-9._%+-]{2,}@[a-z0-9.-]+\.[a-z]{2,}/gi;
      const masked = await h.call('officer', 'GET', path);
      expect(masked.status).toBe(200);
      expect(masked.text).not.toMatch(clearAddress);
      const maskedCount = masked.text.match(/\*\*\*@/g)?.length ?? 0;
      expect(maskedCount).toBeGreaterThan(0);
      expectError(await h.call('officer', 'GET', `${path}?emails=clear`), 422, 'reason');
      expectError(await h.call('officer', 'GET', `${path}?emails=clear&reason=%20`), 422, 'reason');
      expectError(await h.call('officer', 'GET', `${path}?emails=all`), 400, 'emails');
      expectError(await h.call('auditor', 'GET', `${path}?emails=clear&reason=x`), 403);
      const reason = 'Notice to the people affected (Art. 34), ticket PRIV-31';
      const clear = await h.call('officer', 'GET', `${path}?emails=clear&reason=${encodeURIComponent(reason)}`);
      expect(clear.status).toBe(200);
      // The same people, each with the address the seed gave them.
      const known = new Set(h.seed.subjects.map((s) => s.email));
      const shown = clear.text.match(clearAddress) ?? [];
      expect(shown).toHaveLength(maskedCount);
      expect(shown.every((email) => known.has(email))).toBe(true);
      const exports = page(auditEvent).parse(
        (await h.call('auditor', 'GET', `/api/audit-events?recordType=breach&recordId=${b.id}&action=breach.export_affected`)).json,
      ).items;
      // One clock for the whole suite: both exports have the same instant, so their order is not the point.
      expect(exports.map((e) => e.summary.replace(/.*people named, /, '')).sort()).toEqual([
        `with email addresses in clear, because: ${reason}`,
        'with email addresses masked',
      ]);
    });

    it('versions every write: a stale If-Match is 412, none is 428', async () => {
      const b = await create();
      const ok = viewOf(await h.call('officer', 'PATCH', `/api/breaches/${b.id}`, { body: { status: 'contained' }, version: b.version }));
      expect(ok.status).toBe('contained');
      expect(ok.version).toBe(b.version + 1);
      expectError(await h.call('officer', 'PATCH', `/api/breaches/${b.id}`, { body: { title: 'again' }, version: b.version }), 412);
      expectError(await h.call('officer', 'PATCH', `/api/breaches/${b.id}`, { body: { title: 'again' } }), 428);
      expectError(
        await h.call('officer', 'PATCH', `/api/breaches/${b.id}`, { body: { awareAt: at(-2) }, version: ok.version }),
        422,
        'awareAt',
      );
    });

    it('marks the scope changed when the systems change, and counts again on refresh', async () => {
      const b = await create();
      const changed = viewOf(
        await h.call('officer', 'PATCH', `/api/breaches/${b.id}`, {
          body: { systemIds: ['prc_mailchimp', 'prc_storage_us'] },
          version: b.version,
        }),
      );
      expect(changed.scopeChangedAt).not.toBeNull();
      expect(changed.affected?.systems).toHaveLength(1);
      const refreshed = viewOf(await post(changed, '/affected'));
      expect(refreshed.scopeChangedAt).toBeNull();
      expect(refreshed.affected?.systems.map((s) => s.name)).toEqual(['MailChimp', changed.systems[1]?.name]);
      expect(refreshed.affected?.accounts).toBeGreaterThanOrEqual(b.affected?.accounts ?? 0);
    });

    it('assesses high risk, sends the authority notification and the people s notice on time, then closes', async () => {
      const b = await create();
      expectError(await h.call('officer', 'PATCH', `/api/breaches/${b.id}`, { body: { status: 'closed' }, version: b.version }), 409);
      const assessed = viewOf(
        await post(b, '/assessment', { likelihood: 'high', severity: 'high', reasoning: 'Phishing likely.', exception: null }),
      );
      expect(assessed.assessment).toMatchObject({ decision: 'authority_and_people', assessedByName: 'Olivia Officer' });
      expect(assessed.peopleMustBeTold).toBe(true);
      expectError(
        await post(assessed, '/assessment', { likelihood: 'high', severity: 'high', reasoning: '', exception: null }),
        422,
        'reasoning',
      );

      const drafts = (await h.call('auditor', 'GET', `/api/breaches/${b.id}/drafts`)).json as { authority: string; people: string };
      expect(drafts.authority).toContain('(d) Measures taken or proposed');
      const drafted = viewOf(
        await post(assessed, '/notifications', { audience: 'authority', recipient: 'Supervisory authority', text: drafts.authority }),
      );
      const draft = drafted.notifications[0];
      expect(draft?.status).toBe('draft');
      const edited = viewOf(
        await post(drafted, '/notifications/edit', { notificationId: draft?.id, text: `${drafts.authority}\nEdited.` }),
      );
      expectError(await post(edited, '/notifications/send', { notificationId: draft?.id, sentAt: at(-1) }), 422, 'sentAt');
      const sent = viewOf(await post(edited, '/notifications/send', { notificationId: draft?.id }));
      expect(sent.notifications[0]).toMatchObject({ status: 'sent', phase: 1, late: false, text: `${drafts.authority}\nEdited.` });
      expect(sent.clocks.find((c) => c.audience === 'authority')?.state).toBe('met');
      // Kept as sent.
      expectError(await post(sent, '/notifications/edit', { notificationId: draft?.id, text: 'changed' }), 409);
      expectError(await post(sent, '/notifications/send', { notificationId: draft?.id }), 409);
      expectError(await h.call('officer', 'PATCH', `/api/breaches/${b.id}`, { body: { status: 'closed' }, version: sent.version }), 409);

      const toPeople = viewOf(
        await post(sent, '/notifications', { audience: 'people', recipient: 'All affected people', text: drafts.people }),
      );
      const peopleDraft = toPeople.notifications[1];
      const told = viewOf(await post(toPeople, '/notifications/send', { notificationId: peopleDraft?.id }));
      const closed = viewOf(
        await h.call('officer', 'PATCH', `/api/breaches/${b.id}`, { body: { status: 'closed' }, version: told.version }),
      );
      expect(closed.status).toBe('closed');
      expect(closed.closedAt).toBe(h.clock.now.toISOString());
      expectError(await h.call('officer', 'PATCH', `/api/breaches/${b.id}`, { body: { title: 'x' }, version: closed.version }), 409);
      const actions = page(auditEvent)
        .parse((await h.call('auditor', 'GET', `/api/audit-events?recordType=breach&recordId=${b.id}`)).json)
        .items.map((e) => e.action)
        .sort();
      // All at one instant of the test's clock: compared as a set.
      expect(actions).toEqual(
        [
          'breach.close',
          'breach.notification_send',
          'breach.notification_draft',
          'breach.notification_send',
          'breach.notification_edit',
          'breach.notification_draft',
          'breach.assess',
          'breach.create',
        ].sort(),
      );
    });

    it('requires the reasons for a late notice, and none for a later phase of a timely one', async () => {
      const late = await create({ occurredFrom: at(100), occurredTo: null, awareAt: at(80) });
      expect(late.clocks[0]?.state).toBe('missed');
      const drafted = viewOf(await post(late, '/notifications', { audience: 'authority', recipient: 'Authority', text: 'Notice' }));
      const id = drafted.notifications[0]?.id;
      expectError(await post(drafted, '/notifications/send', { notificationId: id }), 422, 'delayReasons');
      expectError(await post(drafted, '/notifications/send', { notificationId: 'bnt_nope' }), 422, 'notificationId');
      expectError(await post(drafted, '/notifications/send', { notificationId: id, delayReasons: '   ' }), 422, 'delayReasons');
      // Sent at hour 71, recorded now: on time.
      const onTime = viewOf(await post(drafted, '/notifications/send', { notificationId: id, sentAt: at(9) }));
      expect(onTime.notifications[0]).toMatchObject({ late: false, phase: 1 });
      const second = viewOf(await post(onTime, '/notifications', { audience: 'authority', recipient: 'Authority', text: 'Phase 2' }));
      const followUp = viewOf(await post(second, '/notifications/send', { notificationId: second.notifications[1]?.id }));
      expect(followUp.notifications[1]).toMatchObject({ phase: 2, late: false, delayReasons: null });

      const other = await create({ occurredFrom: at(100), occurredTo: null, awareAt: at(80) });
      const d2 = viewOf(await post(other, '/notifications', { audience: 'authority', recipient: 'Authority', text: 'Notice' }));
      const withReasons = viewOf(
        await post(d2, '/notifications/send', {
          notificationId: d2.notifications[0]?.id,
          delayReasons: 'The vendor told us only after 70 hours.',
        }),
      );
      expect(withReasons.notifications[0]).toMatchObject({ late: true, delayReasons: 'The vendor told us only after 70 hours.' });
      expect(withReasons.clocks[0]?.state).toBe('late');
      // No draft left: nothing to send.
      expectError(await post(withReasons, '/notifications/send', { notificationId: 'bnt_nope' }), 409);
    });

    it('runs the customers clock on the setting, for a breach of customers content', async () => {
      const b = await create({ concerns: 'customer_content', systemIds: ['prc_storage_us'] });
      expect(b.clocks.map((c) => c.audience)).toEqual(['customers']);
      expect(b.clocks[0]?.deadline).toBe(new Date(Date.parse(b.awareAt) + 48 * HOUR).toISOString());
      const settings = (await h.call('officer', 'GET', '/api/settings')).json as { version: number; processorNoticeDays: number };
      const res = await h.call('officer', 'PATCH', '/api/settings', {
        body: { processorNoticeDays: settings.processorNoticeDays, breachCustomerNoticeHours: 24 },
        version: settings.version,
      });
      expect(res.status).toBe(200);
      const again = breachView.parse((await h.call('auditor', 'GET', `/api/breaches/${b.id}`)).json);
      expect(again.clocks[0]?.deadline).toBe(new Date(Date.parse(b.awareAt) + 24 * HOUR).toISOString());
      const reset = (await h.call('officer', 'GET', '/api/settings')).json as { version: number };
      await h.call('officer', 'PATCH', '/api/settings', {
        body: { processorNoticeDays: settings.processorNoticeDays, breachCustomerNoticeHours: 48 },
        version: reset.version,
      });
    });

    it('shows open breaches on the dashboard and on the timelines of the accounts they reach', async () => {
      const dashboard = (await h.call('officer', 'GET', '/api/dashboard')).json as { breaches: { id: string }[] | null };
      expect(dashboard.breaches?.map((b) => b.id)).toContain('brc_seed_open');
      const support = (await h.call('support', 'GET', '/api/dashboard')).json as { breaches: unknown };
      expect(support.breaches).toBeNull();
      const b = await create();
      const csv = await h.call('officer', 'GET', `/api/breaches/${b.id}/affected.csv`);
      const accountId = csv.text
        .split(/\r?\n/)
        .find((l) => l.startsWith('account,'))
        ?.split(',')[1];
      expect(accountId).toBeTruthy();
      const timeline = (await h.call('auditor', 'GET', `/api/accounts/${accountId}/timeline`)).json as {
        items: { kind: string; recordId: string }[];
      };
      expect(timeline.items.some((i) => i.kind === 'breach' && i.recordId === b.id)).toBe(true);
    });

    it('reminds the owner and the officers at 24, 48 and 66 hours while a notice is due, once each', async () => {
      const b = await create({ title: 'Reminder test', occurredFrom: at(0.5), occurredTo: null, awareAt: at(0) });
      const reminders = async () =>
        (
          (await h.call('officer', 'GET', '/api/outbox?limit=200')).json as { items: { subject: string; purpose: string; to: string }[] }
        ).items.filter((m) => m.purpose === 'breach_reminder' && m.subject.startsWith('Breach "Reminder test"'));
      await h.advance(23 * 3600);
      expect(await reminders()).toEqual([]);
      await h.advance(3600);
      const first = await reminders();
      expect(first.map((m) => m.to).sort()).toEqual(['officer2@demo.test', 'officer@demo.test']);
      expect(first[0]?.subject).toContain('24 hours');
      await h.runJobs();
      expect(await reminders()).toHaveLength(2);
      await h.advance(24 * 3600);
      expect((await reminders()).filter((m) => m.subject.includes('48 hours'))).toHaveLength(2);
      const current = breachView.parse((await h.call('officer', 'GET', `/api/breaches/${b.id}`)).json);
      const drafted = viewOf(await post(current, '/notifications', { audience: 'authority', recipient: 'Authority', text: 'Notice' }));
      viewOf(await post(drafted, '/notifications/send', { notificationId: drafted.notifications[0]?.id }));
      await h.advance(18 * 3600);
      expect((await reminders()).filter((m) => m.subject.includes('66 hours'))).toHaveLength(0);
    });

    it('lists what the register shows, not whole breaches: no description, assessment, notices or actions', async () => {
      const answer = await h.call('auditor', 'GET', '/api/breaches?limit=200');
      const heavy = ['description', 'affected', 'assessment', 'notifications', 'systems', 'actions'];
      expect(expectListItems(answer.json, breachListItem.shape, heavy)).toBeGreaterThan(2);
      // Each item is its breach's own answer cut down, its clocks by the same rule; the notices' text stays out of the list.
      const listed = page(breachListItem).parse(answer.json).items;
      const noticed = [];
      for (const item of listed) {
        const whole = breachView.parse((await h.call('auditor', 'GET', `/api/breaches/${item.id}`)).json);
        expect(whole).toMatchObject(item);
        if (whole.notifications.length > 0) noticed.push(whole.id);
      }
      expect(noticed.length).toBeGreaterThan(0);
    });
  });
}
