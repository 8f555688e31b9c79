import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Breach } from '@/api/contract/breaches';
import type { ConsentEvent } from '@/api/contract/consent';
import { grantedDuring } from '@/api/rules/breach-scope';
import { VersionConflictError } from '@/api/store/errors';
import { makeAccount, makeConsentEvent, makeSubject } from '@/testing/fixtures';
import type { StoreMaker } from './data';
import { collect, ids, sortBy, storeFor, T } from './data';

function breach(i: number, over: Partial<Breach> = {}): Breach {
  return {
    id: `brc_${String(i).padStart(2, '0')}`,
    version: 1,
    title: i % 3 === 0 ? `MailChimp leak ${i}` : `Laptop lost ${i}`,
    description: '',
    occurredFrom: T(200),
    occurredTo: null,
    // Pairs share an awareness instant: the id breaks the tie.
    awareAt: T(Math.floor(i / 2) * 5 + 10),
    reportedBy: 'x',
    ownerId: 'usr_1',
    ownerName: 'O',
    systems: [],
    dataCategories: [],
    concerns: 'own_data',
    status: (['open', 'contained', 'closed'] as const)[i % 3] ?? 'open',
    affected: null,
    scopeChangedAt: null,
    assessment: null,
    notifications: [],
    createdAt: T(5),
    createdBy: 'usr_1',
    updatedAt: T(5),
    closedAt: null,
    ...over,
  };
}

/** Subjects s0..s7 and their marketing and analytics events, written to exercise every edge of grantedDuring. */
function ledger(): ConsentEvent[] {
  const e = (
    id: string,
    subjectId: string,
    action: 'granted' | 'withdrawn',
    occurredAt: string,
    purpose: ConsentEvent['purpose'] = 'marketing_emails',
  ) => makeConsentEvent({ id, subjectId, accountId: subjectId === 's7' ? null : 'acc_b1', action, occurredAt, purpose, email: null });
  return [
    e('e01', 's0', 'granted', T(300)), // granted long before: in
    e('e02', 's1', 'granted', T(300)),
    e('e03', 's1', 'withdrawn', T(150)), // withdrawn before the window: out
    e('e04', 's2', 'withdrawn', T(300)),
    e('e05', 's2', 'granted', T(90)), // granted inside: in
    e('e06', 's3', 'granted', T(50)), // granted after the window: out
    e('e07', 's4', 'granted', T(100)), // exactly at the start: in
    e('e08', 's5', 'granted', T(300)),
    e('e09', 's5', 'withdrawn', T(95)), // withdrawn inside: it was granted at the start, in
    // The same instant: the higher id is the newer event.
    e('e10', 's6', 'granted', T(100)),
    e('e11', 's6', 'withdrawn', T(100)),
    e('e12', 's7', 'granted', T(80), 'analytics_cookies'), // a visitor, on another purpose
    e('e13', 's3', 'granted', T(80), 'analytics_cookies'),
  ];
}

/** The breach register's store, and the consent ledger's "who had this consent then". */
export function breachConformance(make: StoreMaker): void {
  const rows = Array.from({ length: 13 }, (_, i) => breach(i));
  const events = ledger();
  const { run } = storeFor(make, { beforeAll, afterAll }, async (s) => {
    await s.transaction(async (tx) => {
      await tx.accounts.insert(makeAccount({ id: 'acc_b1' }));
      for (let i = 0; i < 8; i++) {
        await tx.subjects.insert(makeSubject({ id: `s${i}`, accountId: i === 7 ? null : 'acc_b1', kind: i === 7 ? 'visitor' : 'person' }));
      }
      for (const ev of events) await tx.consentEvents.insert(ev);
      for (const b of rows) await tx.breaches.insert(b);
    });
  });

  describe('breaches', () => {
    it('pages newest awareness first (then id), every breach once, and filters by status and title', async () => {
      const newest = sortBy(rows, (b) => [b.awareAt, b.id]).reverse();
      for (const limit of [1, 5, 50]) {
        const all = await collect((cursor) => run((tx) => tx.breaches.list({ limit, cursor })), limit, rows.length);
        expect(ids(all)).toEqual(ids(newest));
      }
      const open = await collect((cursor) => run((tx) => tx.breaches.list({ status: ['open', 'closed'], limit: 2, cursor })), 2);
      expect(ids(open)).toEqual(ids(newest.filter((b) => b.status !== 'contained')));
      const found = await run((tx) => tx.breaches.list({ q: 'MAILCHIMP', limit: 50 }));
      expect(ids(found.items)).toEqual(ids(newest.filter((b) => b.title.startsWith('MailChimp'))));
      expect(ids((await run((tx) => tx.breaches.list({ q: 'brc_04', limit: 50 }))).items)).toEqual(['brc_04']);
      expect((await run((tx) => tx.breaches.list({ q: '%', limit: 50 }))).items).toEqual([]);
    });

    it('keeps the whole record, and updates only on the stored version', async () => {
      const b = rows[1] as Breach;
      expect(await run((tx) => tx.breaches.get(b.id))).toEqual(b);
      const next: Breach = {
        ...b,
        version: 2,
        notifications: [
          {
            id: 'bnt_1',
            audience: 'authority',
            recipient: 'AZLP',
            text: 'Notice, with "quotes" and ünïcödé',
            status: 'sent',
            phase: 1,
            sentAt: T(4),
            late: false,
            delayReasons: null,
            createdAt: T(5),
            createdBy: 'usr_1',
            recordedBy: 'usr_1',
            recordedByName: 'O',
          },
        ],
      };
      await run((tx) => tx.breaches.update(next, 1));
      expect(await run((tx) => tx.breaches.get(b.id))).toEqual(next);
      await expect(run((tx) => tx.breaches.update({ ...next, version: 3 }, 1))).rejects.toBeInstanceOf(VersionConflictError);
      expect(await run((tx) => tx.breaches.get('brc_none'))).toBeNull();
    });
  });

  describe('consent granted during a window', () => {
    it('names each person whose consent was granted at some instant of the window, as the rule decides', async () => {
      const from = T(100);
      const to = T(60);
      const found = await run((tx) => tx.consentEvents.grantedDuring(['marketing_emails'], from, to));
      expect(found).toEqual([
        { subjectId: 's0', accountId: 'acc_b1' },
        { subjectId: 's2', accountId: 'acc_b1' },
        { subjectId: 's4', accountId: 'acc_b1' },
        { subjectId: 's5', accountId: 'acc_b1' },
      ]);
      // The same answer as the pure rule over each person's events.
      const expected = ['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7'].filter((s) =>
        grantedDuring(
          events.filter((e) => e.subjectId === s && e.purpose === 'marketing_emails'),
          from,
          to,
        ),
      );
      expect(found.map((p) => p.subjectId)).toEqual(expected);
    });
    it('covers several purposes at once, each person once, visitors without an account', async () => {
      const found = await run((tx) => tx.consentEvents.grantedDuring(['marketing_emails', 'analytics_cookies'], T(100), T(60)));
      expect(found.map((p) => p.subjectId)).toEqual(['s0', 's2', 's3', 's4', 's5', 's7']);
      expect(found.find((p) => p.subjectId === 's7')?.accountId).toBeNull();
      // A single instant: the state then.
      expect((await run((tx) => tx.consentEvents.grantedDuring(['marketing_emails'], T(100), T(100)))).map((p) => p.subjectId)).toEqual([
        's0',
        's4',
        's5',
      ]);
      expect(await run((tx) => tx.consentEvents.grantedDuring(['customer_story'], T(100), T(60)))).toEqual([]);
    });
  });
}
