import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account, Subject } from '@/api/contract/accounts';
import type { AuditEvent } from '@/api/contract/audit';
import type { Page } from '@/api/contract/common';
import type { ConsentAction, ConsentChannel, ConsentEvent, ConsentPurpose, Notice } from '@/api/contract/consent';
import type { DeletionRequest, DeletionStatus } from '@/api/contract/deletions';
import type { Processor } from '@/api/contract/processors';
import type { AccessStatus } from '@/api/contract/support-access';
import type { RecordType } from '@/api/contract/audit';
import type { Store, SupportAccessRecord, Tx, UserRecord } from './store';

/**
 * The behaviour every Store must share, written against the interface alone: MemoryStore and the SQL
 * stores run these same tests, so the demo and the server cannot drift apart.
 *
 * `make` is called once per group below (twice in all), and each group loads its own fixtures: a SQL
 * store can hand out a fresh schema (or truncate) per call.
 *
 * Semantics pinned here that the interface comments leave open:
 * - strings order by UTF-16 code unit, as COLLATE "C" (so "Zeta" sorts before "acme");
 * - an empty list filter from a query string (`status: []`) filters nothing, but `subjectIds: []` (an email
 *   that names nobody) matches nothing;
 * - `from`/`to` are inclusive UTC calendar dates;
 * - accounts.list `q`: case-insensitive substring of the name, or the exact id;
 * - supportAccess.list `q`: case-insensitive substring of ticketRef or accountName, or the exact id;
 *   sort `ending` is grantEndsAt ascending with nulls last, then id ascending;
 * - audit.list `action`: the exact action, or a prefix ending at a dot (`deletion` matches `deletion.approve`);
 * - users.getByEmail and subjects.findByEmail ignore case; users.list orders by email, listByAccount and
 *   findByEmail by id; listLapsed by createdAt then id;
 * - settings.get answers null for a key never set;
 * - `total`, when a store gives it, counts every row matching the filters (not only the page).
 */
export function describeStoreConformance(name: string, make: () => Promise<{ store: Store; cleanup(): Promise<void> }>): void {
  describe(`Store conformance: ${name}`, () => {
    describe('lists, filters and paging', () => {
      const data = fixtures();
      let store: Store;
      let cleanup: () => Promise<void> = async () => undefined;
      beforeAll(async () => {
        ({ store, cleanup } = await make());
        await load(store, data);
      });
      afterAll(async () => {
        await cleanup();
      });
      const run = <T>(work: (tx: Tx) => Promise<T>): Promise<T> => store.transaction(work);

      it('answers ping', async () => {
        expect(await store.ping()).toBe(true);
      });

      describe('accounts', () => {
        it('pages through every account exactly once, by name then id', async () => {
          const expected = sortBy(data.accounts, (a) => [a.name, a.id]).map((a) => a.id);
          for (const limit of [1, 4, 7, expected.length, expected.length + 5]) {
            const ids = await collect((cursor) => run((tx) => tx.accounts.list({ limit, cursor })), limit, data.accounts.length);
            expect(ids.map((a) => a.id)).toEqual(expected);
          }
        });

        it('filters by hosting and status; an empty list filters nothing', async () => {
          const rows = await collect(
            (cursor) => run((tx) => tx.accounts.list({ limit: 3, cursor, hosting: ['cloud'], status: ['cancelled'] })),
            3,
          );
          const expected = data.accounts.filter((a) => a.hosting === 'cloud' && a.status === 'cancelled');
          expect(expected.length).toBeGreaterThan(1);
          expect(ids(rows)).toEqual(ids(sortBy(expected, (a) => [a.name, a.id])));
          const all = await collect((cursor) => run((tx) => tx.accounts.list({ limit: 50, cursor, hosting: [], status: [] })), 50);
          expect(all).toHaveLength(data.accounts.length);
        });

        it('matches q as a case-insensitive part of the name or the exact id', async () => {
          const byName = await collect((cursor) => run((tx) => tx.accounts.list({ limit: 2, cursor, q: 'ACME' })), 2);
          expect(ids(byName)).toEqual(
            ids(
              sortBy(
                data.accounts.filter((a) => a.name.toLowerCase().includes('acme')),
                (a) => [a.name, a.id],
              ),
            ),
          );
          expect(byName.length).toBeGreaterThan(2);
          const byId = await run((tx) => tx.accounts.list({ limit: 10, q: 'acc_07' }));
          expect(ids(byId.items)).toEqual(['acc_07']);
          const partOfId = await run((tx) => tx.accounts.list({ limit: 10, q: 'acc_0' }));
          expect(partOfId.items).toEqual([]);
        });

        it('refuses a cursor it did not give out', async () => {
          await expect(run((tx) => tx.accounts.list({ limit: 5, cursor: 'not-a-cursor' }))).rejects.toMatchObject({ code: 'bad_request' });
        });

        it('gets one account, or null', async () => {
          expect(await run((tx) => tx.accounts.get('acc_03'))).toEqual(data.accounts.find((a) => a.id === 'acc_03'));
          expect(await run((tx) => tx.accounts.get('acc_nope'))).toBeNull();
        });
      });

      describe('subjects, users, processors, notices', () => {
        it('finds subjects by exact email, ignoring case, ordered by id', async () => {
          const found = await run((tx) => tx.subjects.findByEmail('ANN.SHARED@EXAMPLE.COM'));
          expect(ids(found)).toEqual(['sub_02', 'sub_09']);
          expect(await run((tx) => tx.subjects.findByEmail('ann.shared@example'))).toEqual([]);
        });

        it('lists the people of an account by id', async () => {
          const people = await run((tx) => tx.subjects.listByAccount('acc_02'));
          expect(ids(people)).toEqual(
            ids(
              sortBy(
                data.subjects.filter((s) => s.accountId === 'acc_02'),
                (s) => [s.id],
              ),
            ),
          );
          expect(people.length).toBeGreaterThan(1);
          expect(await run((tx) => tx.subjects.get('sub_01'))).toEqual(data.subjects[0]);
        });

        it('finds users by email ignoring case and lists them by email', async () => {
          expect((await run((tx) => tx.users.getByEmail('Officer@Demo.Test')))?.id).toBe('usr_1');
          expect(await run((tx) => tx.users.getByEmail('nobody@demo.test'))).toBeNull();
          expect((await run((tx) => tx.users.list())).map((u) => u.email)).toEqual(data.users.map((u) => u.email).sort());
        });

        it('lists processors by name then id', async () => {
          const list = await run((tx) => tx.processors.list());
          expect(ids(list)).toEqual(ids(sortBy(data.processors, (p) => [p.name, p.id])));
          expect(await run((tx) => tx.processors.get('prc_3'))).toEqual(data.processors.find((p) => p.id === 'prc_3'));
        });

        it('gets a notice by its hash', async () => {
          const notice = data.notices[1];
          expect(await run((tx) => tx.notices.get(notice?.hash ?? ''))).toEqual(notice);
          expect(await run((tx) => tx.notices.get('f'.repeat(64)))).toBeNull();
        });
      });

      describe('consent events', () => {
        const newest = (rows: ConsentEvent[]) => sortBy(rows, (e) => [e.occurredAt, e.id]).reverse();

        it('pages newest first (occurredAt, then id, both descending), every event once', async () => {
          for (const limit of [1, 7, 50, 200]) {
            const rows = await collect((cursor) => run((tx) => tx.consentEvents.list({ limit, cursor })), limit, data.consentEvents.length);
            expect(ids(rows)).toEqual(ids(newest(data.consentEvents)));
          }
        });

        it('filters by purpose, action, channel and notice version, while paging', async () => {
          const cases: [Parameters<Tx['consentEvents']['list']>[0], (e: ConsentEvent) => boolean][] = [
            [{ limit: 4, purpose: 'marketing_emails' }, (e) => e.purpose === 'marketing_emails'],
            [{ limit: 4, action: 'withdrawn' }, (e) => e.action === 'withdrawn'],
            [{ limit: 4, channel: 'cookie_banner', action: 'granted' }, (e) => e.channel === 'cookie_banner' && e.action === 'granted'],
            [{ limit: 4, noticeVersion: 'v2' }, (e) => e.noticeVersion === 'v2'],
            [{ limit: 4, noticeVersion: 'v9' }, () => false],
          ];
          for (const [query, keep] of cases) {
            const rows = await collect(
              (cursor) => run((tx) => tx.consentEvents.list({ ...query, cursor })),
              query.limit,
              data.consentEvents.filter(keep).length,
            );
            expect(ids(rows)).toEqual(ids(newest(data.consentEvents.filter(keep))));
          }
        });

        it('pages every combination of the four filters, with and without dates, each event once, the total first', async () => {
          const dates = [{}, { from: '2026-03-05', to: '2026-03-07' }, { from: '2026-03-06' }, { to: '2026-03-05' }];
          let nonEmpty = 0;
          for (const purpose of [undefined, 'marketing_emails', 'analytics_cookies'] as const)
            for (const action of [undefined, 'granted', 'withdrawn'] as const)
              for (const channel of [undefined, 'cookie_banner', 'email_link'] as const)
                for (const noticeVersion of [undefined, 'v1', 'v2'])
                  for (const range of dates) {
                    const query = { purpose, action, channel, noticeVersion, ...range };
                    const keep = (e: ConsentEvent) =>
                      (!purpose || e.purpose === purpose) &&
                      (!action || e.action === action) &&
                      (!channel || e.channel === channel) &&
                      (!noticeVersion || e.noticeVersion === noticeVersion) &&
                      (!('from' in range) || e.occurredAt >= `${range.from}T00:00:00.000Z`) &&
                      (!('to' in range) || e.occurredAt < (range.to === '2026-03-07' ? '2026-03-08' : '2026-03-06'));
                    const want = newest(data.consentEvents.filter(keep));
                    if (want.length > 0) nonEmpty++;
                    const first = await run((tx) => tx.consentEvents.list({ ...query, limit: 3 }));
                    expect(first.total, JSON.stringify(query)).toBe(want.length);
                    const rows = await collect((cursor) => run((tx) => tx.consentEvents.list({ ...query, limit: 3, cursor })), 3);
                    expect(ids(rows), JSON.stringify(query)).toEqual(ids(want));
                  }
          expect(nonEmpty).toBeGreaterThan(100);
        });

        it('filters by one subject or several', async () => {
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
        });

        it('takes from and to as inclusive UTC calendar dates', async () => {
          const rows = await collect(
            (cursor) => run((tx) => tx.consentEvents.list({ limit: 3, cursor, from: '2026-03-05', to: '2026-03-07' })),
            3,
          );
          const keep = (e: ConsentEvent) => e.occurredAt >= '2026-03-05T00:00:00.000Z' && e.occurredAt < '2026-03-08T00:00:00.000Z';
          expect(ids(rows)).toEqual(ids(newest(data.consentEvents.filter(keep))));
          expect(ids(rows)).toEqual(expect.arrayContaining(['ce_edge_from', 'ce_edge_to']));
          expect(ids(rows)).not.toContain('ce_edge_after');
          expect(ids(rows)).not.toContain('ce_edge_before');
          const oneDay = await run((tx) => tx.consentEvents.list({ limit: 50, from: '2026-03-07', to: '2026-03-07' }));
          expect(ids(oneDay.items)).toContain('ce_edge_to');
        });

        it('lists one subject oldest first', async () => {
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
        });
      });

      describe('support-access requests', () => {
        const expectOrder = (sort: 'newest' | 'oldest' | 'ending', rows: SupportAccessRecord[]) => {
          if (sort === 'newest') return sortBy(rows, (r) => [r.createdAt, r.id]).reverse();
          if (sort === 'oldest') return sortBy(rows, (r) => [r.createdAt, r.id]);
          return sortBy(rows, (r) => [r.grantEndsAt === null ? 1 : 0, r.grantEndsAt ?? '', r.id]);
        };

        it('pages in each sort order, every request once', async () => {
          for (const sort of ['newest', 'oldest', 'ending'] as const) {
            for (const limit of [1, 4, 30]) {
              const rows = await collect(
                (cursor) => run((tx) => tx.supportAccess.list({ limit, cursor, sort })),
                limit,
                data.access.length,
              );
              expect(ids(rows)).toEqual(ids(expectOrder(sort, data.access)));
            }
          }
        });

        it('filters by status, requester, account and creation date', async () => {
          const keep = (r: SupportAccessRecord) => ['pending', 'active'].includes(r.status) && r.requesterId === 'usr_2';
          const rows = await collect(
            (cursor) =>
              run((tx) => tx.supportAccess.list({ limit: 2, cursor, sort: 'ending', status: ['pending', 'active'], requesterId: 'usr_2' })),
            2,
            data.access.filter(keep).length,
          );
          expect(ids(rows)).toEqual(ids(expectOrder('ending', data.access.filter(keep))));
          const byAccount = await collect(
            (cursor) => run((tx) => tx.supportAccess.list({ limit: 2, cursor, sort: 'oldest', accountId: 'acc_02' })),
            2,
          );
          expect(ids(byAccount)).toEqual(
            ids(
              expectOrder(
                'oldest',
                data.access.filter((r) => r.accountId === 'acc_02'),
              ),
            ),
          );
          const dated = await collect(
            (cursor) => run((tx) => tx.supportAccess.list({ limit: 3, cursor, sort: 'newest', from: '2026-03-08', to: '2026-03-09' })),
            3,
          );
          const inRange = (r: SupportAccessRecord) => r.createdAt >= '2026-03-08T00:00:00.000Z' && r.createdAt < '2026-03-10T00:00:00.000Z';
          expect(ids(dated)).toEqual(ids(expectOrder('newest', data.access.filter(inRange))));
          expect(dated.length).toBeGreaterThan(0);
        });

        it('matches q in the ticket reference or account name, ignoring case, or the exact id', async () => {
          const byTicket = await run((tx) => tx.supportAccess.list({ limit: 50, sort: 'newest', q: 'hs-SPECIAL' }));
          expect(ids(byTicket.items)).toEqual(['sar_07']);
          const byAccount = await run((tx) => tx.supportAccess.list({ limit: 50, sort: 'oldest', q: 'beta' }));
          expect(ids(byAccount.items)).toEqual(
            ids(
              expectOrder(
                'oldest',
                data.access.filter((r) => r.accountName.toLowerCase().includes('beta')),
              ),
            ),
          );
          expect(byAccount.items.length).toBeGreaterThan(0);
          const byId = await run((tx) => tx.supportAccess.list({ limit: 50, sort: 'newest', q: 'sar_11' }));
          expect(ids(byId.items)).toEqual(['sar_11']);
        });

        it('finds the open request of one agent for one account', async () => {
          const open = await run((tx) => tx.supportAccess.findOpen('acc_05', 'usr_2'));
          expect(open?.id).toBe('sar_open');
          expect(await run((tx) => tx.supportAccess.findOpen('acc_05', 'usr_1'))).toBeNull();
          expect(await run((tx) => tx.supportAccess.findOpen('acc_06', 'usr_2'))).toBeNull();
        });

        it('lists pending requests past decideBy and active grants past their end', async () => {
          const now = '2026-03-09T12:00:00.000Z';
          const lapsed = await run((tx) => tx.supportAccess.listLapsed(now));
          const expected = data.access.filter(
            (r) =>
              (r.status === 'pending' && r.decideBy <= now) || (r.status === 'active' && r.grantEndsAt !== null && r.grantEndsAt <= now),
          );
          expect(expected.length).toBeGreaterThan(1);
          expect(ids(lapsed)).toEqual(ids(sortBy(expected, (r) => [r.createdAt, r.id])));
        });
      });

      describe('deletion requests', () => {
        const soonest = (rows: DeletionRequest[]) => sortBy(rows, (d) => [d.dueAt, d.id]);

        it('pages soonest due first (dueAt, then id), every request once', async () => {
          for (const limit of [1, 6, 40]) {
            const rows = await collect((cursor) => run((tx) => tx.deletions.list({ limit, cursor })), limit, data.deletions.length);
            expect(ids(rows)).toEqual(ids(soonest(data.deletions)));
          }
        });

        it('filters by status, account, due-before (strict), holds and openness', async () => {
          const dueBefore = '2026-03-12T00:00:00.000Z';
          const cases: [Parameters<Tx['deletions']['list']>[0], (d: DeletionRequest) => boolean][] = [
            [{ limit: 3, status: ['approved', 'in_progress'] }, (d) => d.status === 'approved' || d.status === 'in_progress'],
            [{ limit: 3, accountId: 'acc_03' }, (d) => d.accountId === 'acc_03'],
            [{ limit: 3, dueBefore }, (d) => d.dueAt < dueBefore],
            [{ limit: 3, held: true }, (d) => d.holds.length > 0],
            [{ limit: 3, held: false }, (d) => d.holds.length === 0],
            [{ limit: 3, openOnly: true, dueBefore }, (d) => d.dueAt < dueBefore && d.status !== 'completed' && d.status !== 'rejected'],
          ];
          for (const [query, keep] of cases) {
            const expected = soonest(data.deletions.filter(keep));
            expect(expected.length).toBeGreaterThan(0);
            const rows = await collect((cursor) => run((tx) => tx.deletions.list({ ...query, cursor })), query.limit, expected.length);
            expect(ids(rows)).toEqual(ids(expected));
          }
          const exactlyDue = data.deletions.find((d) => d.id === 'del_tie_a');
          const atDue = await run((tx) => tx.deletions.list({ limit: 200, dueBefore: exactlyDue?.dueAt ?? '' }));
          expect(ids(atDue.items)).not.toContain('del_tie_a');
        });
      });

      describe('audit events', () => {
        const newest = (rows: AuditEvent[]) => sortBy(rows, (e) => [e.at, e.id]).reverse();

        it('pages newest first (at, then id, both descending)', async () => {
          for (const limit of [1, 9, 100]) {
            const rows = await collect((cursor) => run((tx) => tx.audit.list({ limit, cursor })), limit, data.audit.length);
            expect(ids(rows)).toEqual(ids(newest(data.audit)));
          }
        });

        it('filters by actor, action (exact or dotted prefix), record and dates', async () => {
          const cases: [Parameters<Tx['audit']['list']>[0], (e: AuditEvent) => boolean][] = [
            [{ limit: 4, actorId: 'usr_1' }, (e) => e.actorId === 'usr_1'],
            [{ limit: 4, action: 'deletion' }, (e) => e.action.startsWith('deletion.')],
            [{ limit: 4, action: 'deletion.approve' }, (e) => e.action === 'deletion.approve'],
            [
              { limit: 4, recordType: 'support_access_request', recordId: 'sar_02' },
              (e) => e.recordType === 'support_access_request' && e.recordId === 'sar_02',
            ],
            [{ limit: 4, from: '2026-03-08', to: '2026-03-08' }, (e) => e.at.startsWith('2026-03-08')],
          ];
          for (const [query, keep] of cases) {
            const expected = newest(data.audit.filter(keep));
            expect(expected.length).toBeGreaterThan(0);
            const rows = await collect((cursor) => run((tx) => tx.audit.list({ ...query, cursor })), query.limit, expected.length);
            expect(ids(rows)).toEqual(ids(expected));
          }
          expect(ids((await run((tx) => tx.audit.list({ limit: 100, action: 'deletion' }))).items)).not.toContain('aud_prefix_trap');
        });
      });
    });

    describe('writes, transactions and versions', () => {
      const data = fixtures();
      let store: Store;
      let cleanup: () => Promise<void> = async () => undefined;
      beforeAll(async () => {
        ({ store, cleanup } = await make());
        await load(store, data);
      });
      afterAll(async () => {
        await cleanup();
      });
      const run = <T>(work: (tx: Tx) => Promise<T>): Promise<T> => store.transaction(work);

      it('lets a transaction read its own writes', async () => {
        const account = makeAccount(100, 'Own Writes Ltd');
        const seen = await run(async (tx) => {
          await tx.accounts.insert(account);
          return (await tx.accounts.list({ limit: 10, q: 'own writes' })).items;
        });
        expect(ids(seen)).toEqual([account.id]);
        expect(await run((tx) => tx.accounts.get(account.id))).toEqual(account);
      });

      it('undoes every write of a transaction that throws, and the error comes through', async () => {
        const before = await run((tx) => tx.deletions.get('del_01'));
        if (!before) throw new Error('fixture missing');
        const failure = new Error('boom');
        await expect(
          run(async (tx) => {
            await tx.accounts.insert(makeAccount(101, 'Rolled Back Ltd'));
            await tx.subjects.insert({ id: 'sub_rolled', kind: 'visitor', accountId: null, name: null, email: null, accountRole: null });
            await tx.consentEvents.insert(makeEvent('ce_rolled', 'sub_01', '2026-03-10T01:00:00.000Z', 0));
            await tx.audit.insert(makeAudit('aud_rolled', '2026-03-10T01:00:00.000Z', 0));
            await tx.sessions.insert({ tokenHash: 'rolled', userId: 'usr_1', createdAt: T(0), expiresAt: T(-5) });
            await tx.sessions.delete('session_1');
            await tx.signInAttempts.put({ email: 'x@y.test', failures: 3, lastFailureAt: T(0), lockedUntil: null });
            await tx.settings.set('rolled', { a: 1 });
            expect(await tx.deletions.update({ ...before, version: 2, status: 'rejected' }, 1)).toBe(true);
            expect((await tx.deletions.get('del_01'))?.status).toBe('rejected');
            throw failure;
          }),
        ).rejects.toBe(failure);
        expect(await run((tx) => tx.accounts.get('acc_101'))).toBeNull();
        expect(await run((tx) => tx.subjects.get('sub_rolled'))).toBeNull();
        expect(await run((tx) => tx.consentEvents.get('ce_rolled'))).toBeNull();
        expect(ids((await run((tx) => tx.consentEvents.list({ limit: 5 }))).items)).not.toContain('ce_rolled');
        expect(ids((await run((tx) => tx.audit.list({ limit: 5 }))).items)).not.toContain('aud_rolled');
        expect(await run((tx) => tx.sessions.get('rolled'))).toBeNull();
        expect(await run((tx) => tx.sessions.get('session_1'))).not.toBeNull();
        expect(await run((tx) => tx.signInAttempts.get('x@y.test'))).toBeNull();
        expect(await run((tx) => tx.settings.get('rolled'))).toBeNull();
        expect(await run((tx) => tx.deletions.get('del_01'))).toEqual(before);
      });

      it('refuses a duplicate key and keeps nothing of that transaction', async () => {
        await expect(
          run(async (tx) => {
            await tx.accounts.insert(makeAccount(102, 'Before The Duplicate'));
            await tx.accounts.insert(makeAccount(1, 'Duplicate'));
          }),
        ).rejects.toThrow();
        expect(await run((tx) => tx.accounts.get('acc_102'))).toBeNull();
        expect((await run((tx) => tx.accounts.get('acc_01')))?.name).not.toBe('Duplicate');
      });

      it('updates only from the stored version', async () => {
        const current = await run((tx) => tx.processors.get('prc_1'));
        if (!current) throw new Error('fixture missing');
        expect(
          await run((tx) => tx.processors.update({ ...current, version: current.version + 1, owner: 'Stale' }, current.version + 5)),
        ).toBe(false);
        expect((await run((tx) => tx.processors.get('prc_1')))?.owner).toBe(current.owner);
        expect(await run((tx) => tx.processors.update({ ...current, version: current.version + 1, owner: 'Fresh' }, current.version))).toBe(
          true,
        );
        expect(await run((tx) => tx.processors.get('prc_1'))).toMatchObject({ owner: 'Fresh', version: current.version + 1 });
        expect(await run((tx) => tx.processors.update({ ...current, id: 'prc_missing' }, current.version))).toBe(false);
        expect(await run((tx) => tx.processors.get('prc_missing'))).toBeNull();
      });

      it('lets exactly one of two concurrent writers with the same version win', async () => {
        for (const id of ['sar_03', 'sar_04']) {
          const r = await run((tx) => tx.supportAccess.get(id));
          if (!r) throw new Error('fixture missing');
          const attempt = (reason: string) =>
            run((tx) => tx.supportAccess.update({ ...r, version: r.version + 1, endReason: reason }, r.version));
          const results = await Promise.all([attempt('first'), attempt('second')]);
          expect(results.filter(Boolean)).toHaveLength(1);
          const stored = await run((tx) => tx.supportAccess.get(id));
          expect(stored?.version).toBe(r.version + 1);
          expect(stored?.endReason).toBe(results[0] ? 'first' : 'second');
        }
        const d = await run((tx) => tx.deletions.get('del_02'));
        if (!d) throw new Error('fixture missing');
        const results = await Promise.all(
          [1, 2, 3].map((n) => run((tx) => tx.deletions.update({ ...d, version: d.version + 1, rejectionReason: `r${n}` }, d.version))),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
      });

      it('keeps updated rows in their lists, in their new place', async () => {
        const d = await run((tx) => tx.deletions.get('del_03'));
        if (!d) throw new Error('fixture missing');
        await run((tx) =>
          tx.deletions.update({ ...d, version: d.version + 1, dueAt: '2020-01-01T00:00:00.000Z', status: 'in_progress' }, d.version),
        );
        const first = await run((tx) => tx.deletions.list({ limit: 1, status: ['in_progress'] }));
        expect(first.items[0]?.id).toBe('del_03');
        const r = await run((tx) => tx.supportAccess.get('sar_05'));
        if (!r) throw new Error('fixture missing');
        await run((tx) =>
          tx.supportAccess.update({ ...r, version: r.version + 1, status: 'active', grantEndsAt: '2020-01-01T00:00:00.000Z' }, r.version),
        );
        const ending = await run((tx) => tx.supportAccess.list({ limit: 1, sort: 'ending' }));
        expect(ending.items[0]?.id).toBe('sar_05');
      });

      it('hands out copies: changing what it returned or was given changes nothing stored', async () => {
        const account = makeAccount(103, 'Copy Ltd');
        await run((tx) => tx.accounts.insert(account));
        account.name = 'Changed after insert';
        const got = await run((tx) => tx.accounts.get('acc_103'));
        expect(got?.name).toBe('Copy Ltd');
        if (got) got.name = 'Changed after get';
        const listed = await run((tx) => tx.accounts.list({ limit: 50, q: 'acc_103' }));
        expect(listed.items[0]?.name).toBe('Copy Ltd');
        const d = await run((tx) => tx.deletions.get('del_04'));
        d?.tasks.push({ ...taskTemplate, id: 'task_injected' });
        expect((await run((tx) => tx.deletions.get('del_04')))?.tasks.map((t) => t.id)).not.toContain('task_injected');
      });

      it('keeps sessions, sign-in attempts and settings', async () => {
        await run((tx) => tx.sessions.insert({ tokenHash: 'tok_new', userId: 'usr_2', createdAt: T(0), expiresAt: T(-12) }));
        expect(await run((tx) => tx.sessions.get('tok_new'))).toEqual({
          tokenHash: 'tok_new',
          userId: 'usr_2',
          createdAt: T(0),
          expiresAt: T(-12),
        });
        await run((tx) => tx.sessions.delete('tok_new'));
        expect(await run((tx) => tx.sessions.get('tok_new'))).toBeNull();
        await run((tx) => tx.sessions.delete('tok_never'));

        const attempts = { email: 'who@demo.test', failures: 1, lastFailureAt: T(0), lockedUntil: null };
        await run((tx) => tx.signInAttempts.put(attempts));
        await run((tx) => tx.signInAttempts.put({ ...attempts, failures: 5, lockedUntil: T(-1) }));
        expect(await run((tx) => tx.signInAttempts.get('who@demo.test'))).toEqual({ ...attempts, failures: 5, lockedUntil: T(-1) });
        await run((tx) => tx.signInAttempts.delete('who@demo.test'));
        expect(await run((tx) => tx.signInAttempts.get('who@demo.test'))).toBeNull();

        expect(await run((tx) => tx.settings.get('processorNoticeDays'))).toBeNull();
        await run((tx) => tx.settings.set('processorNoticeDays', 15));
        await run((tx) => tx.settings.set('processorNoticeDays', 14));
        expect(await run((tx) => tx.settings.get('processorNoticeDays'))).toBe(14);
        await run((tx) => tx.settings.set('nested', { list: [1, 'two'], flag: true }));
        expect(await run((tx) => tx.settings.get('nested'))).toEqual({ list: [1, 'two'], flag: true });
      });

      it('puts a new consent event, audit event and user where lists and look-ups find them', async () => {
        const event = makeEvent('ce_new', 'sub_04', '2027-01-01T00:00:00.000Z', 3);
        const auditEvent = makeAudit('aud_new', '2027-01-01T00:00:00.000Z', 1);
        const user: UserRecord = {
          id: 'usr_new',
          email: 'new.person@demo.test',
          name: 'New Person',
          role: 'auditor',
          passwordHash: 'x',
          createdAt: T(0),
        };
        await run(async (tx) => {
          await tx.consentEvents.insert(event);
          await tx.audit.insert(auditEvent);
          await tx.users.insert(user);
        });
        expect((await run((tx) => tx.consentEvents.list({ limit: 1 }))).items).toEqual([event]);
        expect((await run((tx) => tx.consentEvents.listBySubject('sub_04'))).at(-1)).toEqual(event);
        expect((await run((tx) => tx.audit.list({ limit: 1 }))).items).toEqual([auditEvent]);
        expect(await run((tx) => tx.users.getByEmail('NEW.person@demo.test'))).toEqual(user);
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------------
// Helpers and fixtures

type Keyed = { id: string };
function nth<T>(rows: readonly T[], i: number): T {
  const row = rows[i];
  if (row === undefined) throw new Error(`No fixture at ${i}`);
  return row;
}
const ids = (rows: readonly Keyed[]): string[] => rows.map((r) => r.id);

function sortBy<T>(rows: readonly T[], key: (r: T) => readonly (string | number)[]): T[] {
  return [...rows].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) {
      const x = ka[i] ?? '';
      const y = kb[i] ?? '';
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return 0;
  });
}

/** Follows cursors to the end, checking each page's size and `total` on the way. */
async function collect<T extends Keyed>(
  fetch: (cursor: string | undefined) => Promise<Page<T>>,
  limit: number,
  expectedTotal?: number,
): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await fetch(cursor);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    if (page.total !== undefined && expectedTotal !== undefined) expect(page.total).toBe(expectedTotal);
    rows.push(...page.items);
    if (page.nextCursor === null) {
      if (expectedTotal !== undefined) expect(rows).toHaveLength(expectedTotal);
      expect(new Set(ids(rows)).size).toBe(rows.length);
      return rows;
    }
    expect(page.items).toHaveLength(limit);
    cursor = page.nextCursor;
  }
  throw new Error('Paging did not end');
}

const BASE = Date.parse('2026-03-10T12:00:00.000Z');
const HOUR = 3_600_000;
/** An instant `hours` before the base instant. */
const T = (hours: number): string => new Date(BASE - hours * HOUR).toISOString();
const pad2 = (n: number): string => String(n).padStart(2, '0');

const accountNames = [
  'Acme',
  'acme',
  'Beta Labs',
  'Acme',
  'Zeta',
  'beta labs',
  'Émile & Co',
  'Delta',
  'ACME Holdings',
  'delta',
  'Gamma',
  'Omega Beta',
  'Zeta',
  'alpha',
  'Alpha',
  'Kappa',
  'Acme Two',
  'Sigma',
  'Tau',
  'Upsilon',
  'Phi',
  'Chi',
  'Psi',
];

function makeAccount(n: number, name: string): Account {
  return {
    id: `acc_${pad2(n)}`,
    name,
    hosting: n % 3 === 0 ? 'self_hosted' : 'cloud',
    plan: n % 4 === 0 ? 'trial' : 'paid',
    status: n % 5 === 0 || n % 7 === 0 ? 'cancelled' : 'active',
    primaryRegion: n % 3 === 0 ? null : n % 2 === 0 ? 'US' : 'CA',
    createdAt: T(1000 + n),
    cancelledAt: n % 5 === 0 || n % 7 === 0 ? T(100 + n) : null,
    peopleCount: 2,
  };
}

const purposes: ConsentPurpose[] = ['marketing_emails', 'analytics_cookies', 'call_recording', 'advertising_cookies', 'product_research'];
const channels: ConsentChannel[] = ['sign_up_form', 'cookie_banner', 'email_link', 'call', 'account_settings'];

function makeEvent(id: string, subjectId: string, occurredAt: string, i: number): ConsentEvent {
  const action: ConsentAction = i % 3 === 1 ? 'withdrawn' : 'granted';
  return {
    id,
    subjectId,
    accountId: null,
    email: null,
    purpose: purposes[i % purposes.length] ?? 'marketing_emails',
    action,
    occurredAt,
    recordedAt: occurredAt,
    channel: channels[(i * 7) % channels.length] ?? 'call',
    noticeVersion: i % 4 === 0 ? 'v2' : 'v1',
    noticeHash: 'a'.repeat(64),
    evidence: i % 2 === 0 ? null : { userAgent: 'Test', ipHash: 'b'.repeat(64) },
    recordedBy: i % 5 === 0 ? { kind: 'staff', userId: 'usr_1', name: 'Officer' } : { kind: 'subject' },
    note: null,
  };
}

const auditActions = ['session.sign_in', 'deletion.approve', 'deletion.reject', 'support_access.create', 'deletionx.other'];
const recordTypes: RecordType[] = ['session', 'deletion_request', 'deletion_request', 'support_access_request', 'processor'];

function makeAudit(id: string, at: string, i: number): AuditEvent {
  return {
    id,
    at,
    actorId: i % 4 === 3 ? null : `usr_${(i % 3) + 1}`,
    actorName: 'Someone',
    actorRole: null,
    action: auditActions[i % auditActions.length] ?? 'session.sign_in',
    recordType: recordTypes[i % recordTypes.length] ?? 'session',
    recordId: `sar_${pad2((i % 6) + 1)}`,
    summary: `Event ${i}`,
    changes: i % 2 ? [{ field: 'status', before: 'a', after: 'b' }] : [],
    origin: null,
  };
}

const taskTemplate = {
  systemId: 'prc_1',
  systemName: 'Stripe',
  kind: 'processor' as const,
  outcome: null,
  resolvedBy: null,
  resolvedAt: null,
  reference: null,
  notifiedAt: null,
  rollOffOn: null,
};

const accessStatuses: AccessStatus[] = ['pending', 'active', 'denied', 'expired', 'revoked', 'withdrawn', 'ended', 'cancelled'];
const deletionStatuses: DeletionStatus[] = ['pending_review', 'approved', 'in_progress', 'completed', 'rejected'];

type Fixtures = ReturnType<typeof fixtures>;

/**
 * Small, hand-shaped data: names that differ only in case, instants shared by several rows (so the id
 * must break ties), rows on the edges of date ranges, and ids not in insertion order.
 */
function fixtures() {
  const users: UserRecord[] = [
    { id: 'usr_1', email: 'officer@demo.test', name: 'Officer', role: 'privacy_officer', passwordHash: 'h1', createdAt: T(5000) },
    { id: 'usr_2', email: 'agent@demo.test', name: 'Agent', role: 'support_agent', passwordHash: 'h2', createdAt: T(5000) },
    { id: 'usr_3', email: 'auditor@demo.test', name: 'Auditor', role: 'auditor', passwordHash: 'h3', createdAt: T(5000) },
  ];
  const accounts = accountNames.map((name, i) => makeAccount(i + 1, name));
  const subjects: Subject[] = [];
  for (let i = 1; i <= 12; i++) {
    const accountId = `acc_${pad2(((i - 1) % 6) + 1)}`;
    subjects.push({
      id: `sub_${pad2(i)}`,
      kind: 'person',
      accountId,
      name: `Person ${i}`,
      email: i === 2 || i === 9 ? (i === 2 ? 'Ann.Shared@example.com' : 'ann.shared@EXAMPLE.com') : `p${i}@acc${i}.example`,
      accountRole: i <= 6 ? 'owner' : 'member',
    });
  }
  subjects.push({ id: 'sub_v1', kind: 'visitor', accountId: null, name: null, email: null, accountRole: null });

  const processorNames = ['Stripe', 'crisp', 'Help Scout', 'Zoom', 'Crisp'];
  const processors: Processor[] = processorNames.map((name, i) => ({
    id: `prc_${i + 1}`,
    kind: 'processor',
    name,
    legalEntity: `${name} Inc.`,
    category: 'other',
    description: 'Test processor',
    dataCategories: ['email'],
    dataSubjects: ['customers'],
    purposes: [{ purpose: 'Testing', legalBasis: 'contract', consentPurpose: null }],
    locations: [{ country: 'US', transferMechanism: 'dpf' }],
    dpa: { status: 'signed', signedOn: '2025-01-01', reference: null, nextReview: null },
    privacyPolicyUrl: null,
    retention: null,
    owner: 'Team',
    lastReviewedOn: '2026-01-01',
    reviewCycleMonths: 12,
    version: 1,
    status: 'active',
    noticeEndsAt: null,
    createdAt: T(4000),
    updatedAt: T(4000),
  }));
  const notices: Notice[] = [
    { hash: 'c'.repeat(64), purpose: 'marketing_emails', version: 'v1', text: 'One', publishedAt: T(9000) },
    { hash: 'd'.repeat(64), purpose: 'marketing_emails', version: 'v2', text: 'Two', publishedAt: T(3000) },
  ];

  const consentEvents: ConsentEvent[] = [];
  for (let i = 0; i < 120; i++) {
    // Three events share each instant; ids run against insertion order.
    const id = `ce_${String((i * 37) % 120).padStart(3, '0')}`;
    const subjectId = `sub_${pad2((i % 12) + 1)}`;
    consentEvents.push(makeEvent(id, subjectId, T(Math.floor(i / 3) * 5), i));
  }
  consentEvents.push(makeEvent('ce_edge_from', 'sub_01', '2026-03-05T00:00:00.000Z', 1));
  consentEvents.push(makeEvent('ce_edge_to', 'sub_02', '2026-03-07T23:59:59.999Z', 2));
  consentEvents.push(makeEvent('ce_edge_after', 'sub_03', '2026-03-08T00:00:00.000Z', 3));
  consentEvents.push(makeEvent('ce_edge_before', 'sub_04', '2026-03-04T23:59:59.999Z', 4));

  const access: SupportAccessRecord[] = [];
  for (let i = 1; i <= 24; i++) {
    const status = accessStatuses[i % accessStatuses.length] ?? 'pending';
    const account = nth(accounts, (i - 1) % 6);
    const created = T(Math.floor(i / 2) * 7);
    access.push({
      id: `sar_${pad2(i)}`,
      version: 1,
      status,
      accountId: account.id,
      accountName: account.name,
      requesterId: i % 3 === 0 ? 'usr_1' : 'usr_2',
      requesterName: 'Agent',
      ticketRef: i === 7 ? 'HS-Special-7' : `HS-${100 + i}`,
      reason: 'Testing',
      scope: 'read',
      durationHours: 4,
      createdAt: created,
      decideBy: new Date(Date.parse(created) + 12 * HOUR).toISOString(),
      consent: null,
      credentials: i % 4 === 0 ? 'iv.secret' : null,
      decidedBy: null,
      decidedByName: null,
      decidedAt: null,
      denialReason: null,
      grantStartsAt: null,
      // Some grants end at the same instant, some have no end yet.
      grantEndsAt: i % 3 === 0 ? null : T(Math.floor(i / 3) * 10 - 20),
      endedAt: null,
      endReason: null,
      timeline: [{ at: created, actorId: 'usr_2', actorName: 'Agent', action: 'Requested', note: null }],
    });
  }
  // The open request findOpen must find, beside a closed one of the same agent and account.
  access.push({ ...nth(access, 4), id: 'sar_open', accountId: 'acc_05', accountName: 'Zeta', requesterId: 'usr_2', status: 'active' });
  access.push({ ...nth(access, 4), id: 'sar_closed', accountId: 'acc_05', accountName: 'Zeta', requesterId: 'usr_2', status: 'ended' });
  for (const r of access)
    if ((r.status === 'pending' || r.status === 'active') && r.accountId === 'acc_05' && r.id !== 'sar_open') r.status = 'ended';

  const deletions: DeletionRequest[] = [];
  for (let i = 1; i <= 24; i++) {
    const account = nth(accounts, (i - 1) % 8);
    deletions.push({
      id: `del_${pad2(i)}`,
      version: 1,
      status: deletionStatuses[i % deletionStatuses.length] ?? 'pending_review',
      accountId: account.id,
      accountName: account.name,
      origin: i % 4 === 0 ? 'erasure_request' : 'cancellation',
      receivedAt: T(700),
      // Pairs share a deadline.
      dueAt: T(Math.floor(i / 2) * 24 - 100),
      extension: null,
      createdBy: null,
      createdByName: 'System',
      approvedBy: null,
      approvedByName: null,
      approvedAt: null,
      rejectionReason: null,
      completedAt: null,
      holds:
        i % 5 === 0
          ? [
              {
                id: `hold_${i}`,
                system: 'Stripe',
                data: 'Invoices',
                legalReason: 'Tax law',
                until: '2036-01-01',
                createdBy: 'usr_1',
                createdAt: T(600),
              },
            ]
          : [],
      tasks: i % 2 === 0 ? [{ ...taskTemplate, id: `task_${i}` }] : [],
      timeline: [],
      createdAt: T(700),
    });
  }
  deletions.push({ ...nth(deletions, 0), id: 'del_tie_a', dueAt: T(-36) });
  deletions.push({ ...nth(deletions, 0), id: 'del_tie_b', dueAt: T(-36) });

  const audit: AuditEvent[] = [];
  for (let i = 0; i < 70; i++) {
    audit.push(makeAudit(`aud_${String((i * 31) % 70).padStart(3, '0')}`, T(Math.floor(i / 2) * 3), i));
  }
  audit.push({ ...makeAudit('aud_prefix_trap', T(1), 4), action: 'deletionx.other' });

  return { users, accounts, subjects, processors, notices, consentEvents, access, deletions, audit };
}

async function load(store: Store, data: Fixtures): Promise<void> {
  await store.transaction(async (tx) => {
    for (const u of data.users) await tx.users.insert(u);
    for (const a of data.accounts) await tx.accounts.insert(a);
    for (const s of data.subjects) await tx.subjects.insert(s);
    for (const p of data.processors) await tx.processors.insert(p);
    for (const n of data.notices) await tx.notices.insert(n);
    for (const e of data.consentEvents) await tx.consentEvents.insert(e);
    for (const r of data.access) await tx.supportAccess.insert(r);
    for (const d of data.deletions) await tx.deletions.insert(d);
    for (const e of data.audit) await tx.audit.insert(e);
    await tx.sessions.insert({ tokenHash: 'session_1', userId: 'usr_1', createdAt: T(1), expiresAt: T(-11) });
  });
}
