import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsentEvent } from '@/api/contract/consent';
import { consentChannels, consentPurposes } from '@/api/contract/consent';
import { localParts, monthStarts } from '@/api/rules/time';
import type { ConsentListQuery } from '@/api/store/store';
import { hoursAfter, makeAccount, makeConsentEvent, makeSubject } from '@/testing/fixtures';
import type { StoreMaker } from './data';
import { collect, fixtures, ids, load, sortBy, storeFor } from './data';

const newest = (rows: readonly ConsentEvent[]) => sortBy(rows, (e) => [e.occurredAt, e.id]).reverse();

/** The consent ledger: its order, filters, paging and totals, instant ranges, and the counts trends read. */
export function consentEventConformance(make: StoreMaker): void {
  describe('consent events', () => {
    const data = fixtures();
    const { run } = storeFor(make, { beforeAll, afterAll }, (s) => load(s, data));

    it('pages newest first (occurredAt, then id, both descending), every event once', async () => {
      for (const limit of [1, 7, 50, 200]) {
        const rows = await collect((cursor) => run((tx) => tx.consentEvents.list({ limit, cursor })), limit, data.consentEvents.length);
        expect(ids(rows)).toEqual(ids(newest(data.consentEvents)));
      }
    });

    // 432 filter combinations, each paged three at a time: on a SQL store on a busy machine, past the default timeout.
    it('pages every combination of the four filters, with and without instant ranges, each event once, the total first', async () => {
      const ranges = [
        {},
        { since: '2026-03-05T00:00:00.000Z', before: '2026-03-08T00:00:00.000Z' },
        { since: '2026-03-06T00:00:00.000Z' },
        { before: '2026-03-06T00:00:00.000Z' },
      ];
      let nonEmpty = 0;
      for (const purpose of [undefined, 'marketing_emails', 'analytics_cookies'] as const)
        for (const action of [undefined, 'granted', 'withdrawn'] as const)
          for (const channel of [undefined, 'cookie_banner', 'email_link'] as const)
            for (const noticeVersion of [undefined, 'v1', 'v2', 'v9'])
              for (const range of ranges) {
                const query: Omit<ConsentListQuery, 'limit'> = { purpose, action, channel, noticeVersion, ...range };
                const keep = (e: ConsentEvent) =>
                  (!purpose || e.purpose === purpose) &&
                  (!action || e.action === action) &&
                  (!channel || e.channel === channel) &&
                  (!noticeVersion || e.noticeVersion === noticeVersion) &&
                  (!query.since || e.occurredAt >= query.since) &&
                  (!query.before || e.occurredAt < query.before);
                const want = newest(data.consentEvents.filter(keep));
                if (want.length > 0) nonEmpty++;
                const first = await run((tx) => tx.consentEvents.list({ ...query, limit: 3 }));
                expect(first.total, JSON.stringify(query)).toBe(want.length);
                const rows = await collect((cursor) => run((tx) => tx.consentEvents.list({ ...query, limit: 3, cursor })), 3);
                expect(ids(rows), JSON.stringify(query)).toEqual(ids(want));
              }
      expect(nonEmpty).toBeGreaterThan(100);
    }, 60_000);

    it('takes `since` as inclusive and `before` as exclusive, to the millisecond', async () => {
      const range = { since: '2026-03-05T00:00:00.000Z', before: '2026-03-08T00:00:00.000Z' };
      const rows = await collect((cursor) => run((tx) => tx.consentEvents.list({ limit: 3, cursor, ...range })), 3);
      expect(ids(rows)).toEqual(expect.arrayContaining(['ce_edge_from', 'ce_edge_to']));
      expect(ids(rows)).not.toContain('ce_edge_after');
      expect(ids(rows)).not.toContain('ce_edge_before');
      const oneMs = await run((tx) =>
        tx.consentEvents.list({ limit: 5, since: '2026-03-07T23:59:59.999Z', before: '2026-03-08T00:00:00.000Z' }),
      );
      expect(ids(oneMs.items)).toEqual(['ce_edge_to']);
    });

    it('filters by one subject or several; an empty list of subjects matches nothing', async () => {
      const one = await collect((cursor) => run((tx) => tx.consentEvents.list({ limit: 3, cursor, subjectId: 'sub_02' })), 3);
      expect(ids(one)).toEqual(ids(newest(data.consentEvents.filter((e) => e.subjectId === 'sub_02'))));
      expect(one.length).toBeGreaterThan(3);
      const several = await collect(
        (cursor) =>
          run((tx) => tx.consentEvents.list({ limit: 5, cursor, subjectIds: ['sub_02', 'sub_09'], purpose: 'analytics_cookies' })),
        5,
      );
      const keep = (e: ConsentEvent) => ['sub_02', 'sub_09'].includes(e.subjectId) && e.purpose === 'analytics_cookies';
      expect(ids(several)).toEqual(ids(newest(data.consentEvents.filter(keep))));
      expect(several.length).toBeGreaterThan(0);
      expect((await run((tx) => tx.consentEvents.list({ limit: 5, subjectIds: [] }))).items).toEqual([]);
      expect((await run((tx) => tx.consentEvents.list({ limit: 5, subjectId: 'sub_02', subjectIds: ['sub_09'] }))).items).toEqual([]);
    });

    it('lists one subject oldest first, and gets one event', async () => {
      const rows = await run((tx) => tx.consentEvents.listBySubject('sub_03'));
      expect(ids(rows)).toEqual(
        ids(
          sortBy(
            data.consentEvents.filter((e) => e.subjectId === 'sub_03'),
            (e) => [e.occurredAt, e.id],
          ),
        ),
      );
      expect(rows.length).toBeGreaterThan(2);
      expect(await run((tx) => tx.consentEvents.get('ce_005'))).toEqual(data.consentEvents.find((e) => e.id === 'ce_005'));
      expect(await run((tx) => tx.consentEvents.get('nope'))).toBeNull();
    });
  });

  describe('consent events across notice versions, accounts and months', () => {
    // Events every 37 minutes over the days around three month starts, so they fall on both sides of every
    // zone's midnight; 240 events each with a notice version of its own; and a few of two accounts.
    const around = ['2026-01-30T00:00:00.000Z', '2026-02-27T00:00:00.000Z', '2026-03-30T00:00:00.000Z'];
    const edges = around.flatMap((start, k) =>
      Array.from({ length: 160 }, (_, i) =>
        makeConsentEvent({
          id: `ce-edge-${k}-${String(i).padStart(3, '0')}`,
          subjectId: i % 2 ? 'sub-1' : 'sub-2',
          accountId: i % 2 ? 'acc-1' : 'acc-2',
          purpose: consentPurposes[i % 4] ?? 'marketing_emails',
          action: i % 3 === 0 ? 'withdrawn' : 'granted',
          channel: consentChannels[i % 5] ?? 'call',
          occurredAt: new Date(Date.parse(start) + i * 37 * 60_000).toISOString(),
        }),
      ),
    );
    const versions = Array.from({ length: 240 }, (_, i) =>
      makeConsentEvent({
        id: `ce-v${String(i).padStart(3, '0')}`,
        subjectId: 'sub-1',
        accountId: 'acc-1',
        noticeVersion: `v${100 + i}`,
        occurredAt: hoursAfter('2026-04-01T00:00:00.000Z', i),
      }),
    );
    const all = [...edges, ...versions];
    const { run } = storeFor(make, { beforeAll, afterAll }, (s) =>
      s.transaction(async (tx) => {
        await tx.accounts.insert(makeAccount({ id: 'acc-1' }));
        await tx.accounts.insert(makeAccount({ id: 'acc-2', name: 'Globex' }));
        await tx.subjects.insert(makeSubject({ id: 'sub-1', accountId: 'acc-1' }));
        await tx.subjects.insert(makeSubject({ id: 'sub-2', accountId: 'acc-2', email: 'sam@globex.test' }));
        for (const e of all) await tx.consentEvents.insert(e);
      }),
    );

    it('pages a filter that covers hundreds of notice versions, each event once, with its total', async () => {
      const keep = (e: ConsentEvent) => e.purpose === 'marketing_emails' && e.action === 'granted';
      const want = ids(newest(all.filter(keep)));
      expect(want.length).toBeGreaterThan(240);
      const rows = await collect(
        (cursor) => run((tx) => tx.consentEvents.list({ purpose: 'marketing_emails', action: 'granted', limit: 50, cursor })),
        50,
      );
      expect(ids(rows)).toEqual(want);
      expect((await run((tx) => tx.consentEvents.list({ purpose: 'marketing_emails', action: 'granted', limit: 50 }))).total).toBe(
        want.length,
      );
    });

    it("lists the newest events of an account's people, newest first, up to a limit", async () => {
      const mine = newest(all.filter((e) => e.accountId === 'acc-2'));
      expect(ids(await run((tx) => tx.consentEvents.listByAccount('acc-2', 7)))).toEqual(ids(mine.slice(0, 7)));
      expect(await run((tx) => tx.consentEvents.listByAccount('acc-2', 10_000))).toHaveLength(mine.length);
      expect(await run((tx) => tx.consentEvents.listByAccount('acc-none', 5))).toEqual([]);
    });

    it('counts by calendar month in any time zone, and by purpose between any two instants, exactly', async () => {
      const tally = (keys: string[]) => {
        const counts = new Map<string, number>();
        for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
        return [...counts.entries()].sort();
      };
      for (const timeZone of ['UTC', 'Europe/Belgrade', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Chatham']) {
        const from = monthStarts('2026-01-15T00:00:00.000Z', '2026-01-15T00:00:00.000Z', timeZone)[0]!.start;
        for (const to of ['2026-04-01T20:00:00.000Z', '2026-03-31T01:00:00.000Z', '2026-05-01T00:00:00.000Z']) {
          const got = await run((tx) => tx.consentEvents.countByMonth(from, to, timeZone));
          const want = all
            .filter((e) => e.occurredAt >= from && e.occurredAt < to)
            .map((e) => {
              const p = localParts(new Date(e.occurredAt), timeZone);
              return `${p.year}-${String(p.month).padStart(2, '0')}|${e.purpose}|${e.action}`;
            });
          expect(
            tally(got.flatMap((c) => Array.from({ length: c.count }, () => `${c.month}|${c.purpose}|${c.action}`))),
            `${timeZone} ${to}`,
          ).toEqual(tally(want));
        }
      }
      const ranges = [
        ['2026-02-27T05:17:00.000Z', '2026-03-31T19:03:00.000Z'],
        ['2026-03-01T02:00:00.000Z', '2026-03-01T03:30:00.000Z'],
        ['2026-02-27T20:00:00.000Z', '2026-02-28T04:00:00.000Z'],
        ['2026-01-30T13:00:00.000Z', '2026-01-30T23:00:00.000Z'],
        ['2026-01-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z'],
        ['2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'],
      ] as const;
      for (const [from, to] of ranges) {
        for (const action of ['granted', 'withdrawn'] as const) {
          const got = await run((tx) => tx.consentEvents.countByPurpose(action, from, to));
          const want = Object.fromEntries(
            tally(all.filter((e) => e.action === action && e.occurredAt >= from && e.occurredAt < to).map((e) => e.purpose)),
          );
          expect(got, `${action} ${from} ${to}`).toEqual(want);
        }
      }
    });
  });
}
