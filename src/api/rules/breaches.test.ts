import { describe, expect, it } from 'vitest';
import type { Breach, BreachNotification } from '@/api/contract/breaches';
import type { ConsentEvent } from '@/api/contract/consent';
import { breachDrafts } from './breach-drafts';
import { accountHeldDuring, grantedDuring } from './breach-scope';
import {
  authorityDeadline,
  authorityRequired,
  breachClocks,
  breachDecision,
  closeBlocker,
  customerDeadline,
  customersRequired,
  dueReminders,
  isLate,
  nextPhase,
  notificationEditBlocker,
  peopleMustBeTold,
} from './breaches';
import { localParts } from './time';

const BELGRADE = 'Europe/Belgrade';

function breach(over: Partial<Breach> = {}): Breach {
  return {
    id: 'brc_1',
    version: 1,
    title: 'MailChimp account taken over',
    description: 'An API key leaked.',
    occurredFrom: '2026-11-20T08:00:00.000Z',
    occurredTo: null,
    awareAt: '2026-11-20T10:00:00.000Z',
    reportedBy: 'MailChimp security team',
    ownerId: 'usr_officer',
    ownerName: 'Olivia Officer',
    systems: [{ processorId: 'prc_mailchimp', name: 'MailChimp', kind: 'processor' }],
    dataCategories: ['email', 'name'],
    concerns: 'own_data',
    status: 'open',
    affected: null,
    scopeChangedAt: null,
    assessment: null,
    notifications: [],
    createdAt: '2026-11-20T11:00:00.000Z',
    createdBy: 'usr_officer',
    updatedAt: '2026-11-20T11:00:00.000Z',
    closedAt: null,
    ...over,
  };
}

function sent(audience: BreachNotification['audience'], sentAt: string, late = false): BreachNotification {
  return {
    id: `bnt_${audience}_${sentAt}`,
    audience,
    recipient: 'x',
    text: 'x',
    status: 'sent',
    phase: 1,
    sentAt,
    late,
    delayReasons: late ? 'we were investigating' : null,
    createdAt: sentAt,
    createdBy: 'usr_officer',
    recordedBy: 'usr_officer',
    recordedByName: 'Olivia',
  };
}

const assessed = (decision: NonNullable<Breach['assessment']>['decision']): Breach['assessment'] => ({
  likelihood: 'high',
  severity: 'high',
  reasoning: 'r',
  exception: null,
  decision,
  assessedAt: '2026-11-20T12:00:00.000Z',
  assessedBy: 'usr_officer',
  assessedByName: 'Olivia',
});

describe('the 72-hour clock (GDPR Art. 33(1))', () => {
  it('counts 72 elapsed hours from awareness, so the local time moves across a DST change', () => {
    // Belgrade leaves summer time on 25 October 2026 at 03:00 local: 23 Oct 10:00 local is 08:00 UTC.
    const aware = '2026-10-23T08:00:00.000Z';
    const due = authorityDeadline(aware);
    expect(due.toISOString()).toBe('2026-10-26T08:00:00.000Z');
    // Three calendar days would be 26 Oct 10:00 local; 72 hours end at 09:00 local, an hour earlier.
    expect(localParts(due, BELGRADE)).toMatchObject({ day: 26, hour: 9 });
    // And into summer time (29 March 2026): 27 Mar 10:00 local + 72 h is 30 Mar 11:00 local.
    expect(localParts(authorityDeadline('2026-03-27T09:00:00.000Z'), BELGRADE)).toMatchObject({ day: 30, hour: 11 });
  });
  it('gives customers the hours our terms set (Art. 33(2), 48 by default)', () => {
    expect(customerDeadline('2026-11-20T10:00:00.000Z', 48).toISOString()).toBe('2026-11-22T10:00:00.000Z');
  });
  it('runs, then is met or sent late, and is missed once past', () => {
    const b = breach();
    const [clock] = breachClocks(b, new Date('2026-11-22T12:00:00.000Z'), 48);
    expect(clock).toMatchObject({ audience: 'authority', state: 'running', secondsLeft: 22 * 3600, required: true });
    expect(breachClocks(b, new Date('2026-11-23T10:00:01.000Z'), 48)[0]?.state).toBe('missed');
    expect(
      breachClocks(breach({ notifications: [sent('authority', '2026-11-21T10:00:00.000Z')] }), new Date('2026-11-30T00:00:00Z'), 48)[0],
    ).toMatchObject({
      state: 'met',
      secondsLeft: null,
    });
  });
  it('is not required when the breach is unlikely to result in a risk, or concerns only customers content', () => {
    expect(authorityRequired(breach({ assessment: assessed('no_notification') }))).toBe(false);
    expect(authorityRequired(breach())).toBe(true);
    expect(breachClocks(breach({ concerns: 'customer_content' }), new Date('2026-11-21T00:00:00Z'), 48).map((c) => c.audience)).toEqual([
      'customers',
    ]);
    expect(customersRequired(breach({ concerns: 'both' }))).toBe(true);
    expect(customersRequired(breach())).toBe(false);
  });
});

describe('phases and delays (Art. 33(1), 33(4))', () => {
  it('numbers each audience s notices in phases', () => {
    const b = breach({ notifications: [sent('authority', '2026-11-21T10:00:00.000Z'), sent('people', '2026-11-21T11:00:00.000Z')] });
    expect(nextPhase(b, 'authority')).toBe(2);
    expect(nextPhase(b, 'customers')).toBe(1);
  });
  it('makes only a first notice after 72 hours late; a later phase adds to a notice already given', () => {
    const b = breach();
    expect(isLate(b, 'authority', new Date('2026-11-23T10:00:00.000Z'), 48)).toBe(false);
    expect(isLate(b, 'authority', new Date('2026-11-23T10:00:00.001Z'), 48)).toBe(true);
    const phased = breach({ notifications: [sent('authority', '2026-11-21T10:00:00.000Z')] });
    expect(isLate(phased, 'authority', new Date('2026-12-10T00:00:00.000Z'), 48)).toBe(false);
    // People are told "without undue delay" (Art. 34(1)): no hour count makes them late.
    expect(isLate(b, 'people', new Date('2026-12-10T00:00:00.000Z'), 48)).toBe(false);
    expect(isLate(b, 'customers', new Date('2026-11-22T10:00:01.000Z'), 48)).toBe(true);
  });
  it('keeps a sent notification as sent', () => {
    const n = sent('authority', '2026-11-21T10:00:00.000Z');
    expect(notificationEditBlocker(breach({ notifications: [n] }), n.id)?.code).toBe('conflict');
    expect(notificationEditBlocker(breach({ notifications: [{ ...n, status: 'draft', sentAt: null }] }), n.id)).toBeNull();
  });
});

describe('when people must be told (Art. 34)', () => {
  it('decides from likelihood and severity', () => {
    expect(breachDecision('low', 'low', null)).toBe('no_notification');
    expect(breachDecision('low', 'medium', null)).toBe('no_notification');
    expect(breachDecision('medium', 'medium', null)).toBe('authority');
    expect(breachDecision('low', 'high', null)).toBe('authority');
    expect(breachDecision('medium', 'high', null)).toBe('authority_and_people');
    expect(breachDecision('high', 'high', null)).toBe('authority_and_people');
  });
  it('spares individual notices when an Art. 34(3) exception applies, but not the authority', () => {
    expect(breachDecision('high', 'high', 'data_unintelligible')).toBe('authority');
    expect(breachDecision('high', 'high', 'disproportionate_effort')).toBe('authority');
    expect(peopleMustBeTold(breach({ assessment: assessed('authority_and_people') }))).toBe(true);
    expect(peopleMustBeTold(breach({ assessment: assessed('authority') }))).toBe(false);
    expect(peopleMustBeTold(breach())).toBe(false);
  });
});

describe('closing and reminders', () => {
  it('closes only an assessed breach whose required notices went out (Art. 33(5))', () => {
    expect(closeBlocker(breach())?.reason).toMatch(/risk assessment/);
    expect(closeBlocker(breach({ assessment: assessed('no_notification') }))).toBeNull();
    const high = breach({ assessment: assessed('authority_and_people') });
    expect(closeBlocker(high)?.reason).toMatch(/supervisory authority/);
    expect(closeBlocker({ ...high, notifications: [sent('authority', '2026-11-21T10:00:00.000Z')] })?.reason).toMatch(/people affected/);
    expect(
      closeBlocker({ ...high, notifications: [sent('authority', '2026-11-21T10:00:00.000Z'), sent('people', '2026-11-21T10:00:00.000Z')] }),
    ).toBeNull();
  });
  it('reminds at 24, 48 and 66 hours while a notice is due, and not once it is sent', () => {
    const b = breach();
    expect(dueReminders(b, new Date('2026-11-21T09:59:59.000Z'), 48)).toEqual([]);
    expect(dueReminders(b, new Date('2026-11-21T10:00:00.000Z'), 48)).toEqual([24]);
    expect(dueReminders(b, new Date('2026-11-23T04:00:00.000Z'), 48)).toEqual([24, 48, 66]);
    expect(
      dueReminders({ ...b, notifications: [sent('authority', '2026-11-21T12:00:00.000Z')] }, new Date('2026-11-23T04:00:00.000Z'), 48),
    ).toEqual([]);
  });
});

describe('who is affected', () => {
  const ev = (id: string, action: 'granted' | 'withdrawn', occurredAt: string) => ({ id, action, occurredAt }) as ConsentEvent;
  it('counts a consent granted at some instant of the window, from the ledger', () => {
    const from = '2026-11-20T00:00:00.000Z';
    const to = '2026-11-21T00:00:00.000Z';
    expect(grantedDuring([ev('e1', 'granted', '2026-01-01T00:00:00.000Z')], from, to)).toBe(true);
    expect(
      grantedDuring([ev('e1', 'granted', '2026-01-01T00:00:00.000Z'), ev('e2', 'withdrawn', '2026-11-19T00:00:00.000Z')], from, to),
    ).toBe(false);
    expect(
      grantedDuring([ev('e2', 'withdrawn', '2026-11-19T00:00:00.000Z'), ev('e3', 'granted', '2026-11-20T12:00:00.000Z')], from, to),
    ).toBe(true);
    expect(grantedDuring([ev('e3', 'granted', '2026-11-21T00:00:00.001Z')], from, to)).toBe(false);
    // Withdrawn during the window: it was granted at its start.
    expect(
      grantedDuring([ev('e1', 'granted', '2026-01-01T00:00:00.000Z'), ev('e2', 'withdrawn', '2026-11-20T06:00:00.000Z')], from, to),
    ).toBe(true);
  });
  it('counts accounts held at the time, content only for cloud accounts, cancelled ones for 30 days', () => {
    const window = { from: '2026-11-20T00:00:00.000Z', to: '2026-11-20T00:00:00.000Z' };
    const a = {
      id: 'a',
      name: 'A',
      hosting: 'cloud',
      plan: 'paid',
      status: 'active',
      primaryRegion: 'US',
      createdAt: '2025-01-01T00:00:00.000Z',
      cancelledAt: null,
      peopleCount: 3,
    } as const;
    expect(accountHeldDuring(a, window, true)).toBe(true);
    expect(accountHeldDuring({ ...a, hosting: 'self_hosted', primaryRegion: null }, window, true)).toBe(false);
    expect(accountHeldDuring({ ...a, hosting: 'self_hosted', primaryRegion: null }, window, false)).toBe(true);
    expect(accountHeldDuring({ ...a, createdAt: '2026-11-21T00:00:00.000Z' }, window, false)).toBe(false);
    expect(accountHeldDuring({ ...a, status: 'cancelled', cancelledAt: '2026-10-25T00:00:00.000Z' }, window, false)).toBe(true);
    expect(accountHeldDuring({ ...a, status: 'cancelled', cancelledAt: '2026-10-01T00:00:00.000Z' }, window, false)).toBe(false);
  });
});

describe('drafts', () => {
  it('fills the four parts of Art. 33(3) and adds the reasons for a late one', () => {
    const d = breachDrafts(breach(), { name: 'Olivia', email: 'olivia@example.test' }, new Date('2026-11-21T10:00:00.000Z'));
    for (const part of ['(a) Nature', '(b) Contact point', '(c) Likely consequences', '(d) Measures']) expect(d.authority).toContain(part);
    expect(d.authority).toContain('olivia@example.test');
    expect(d.authority).not.toContain('Reasons for the delay');
    expect(breachDrafts(breach(), { name: 'O', email: 'o@x.test' }, new Date('2026-11-24T10:00:00.000Z')).authority).toContain(
      'Reasons for the delay',
    );
    expect(d.people).toContain('What information was involved: email, name');
  });
});
