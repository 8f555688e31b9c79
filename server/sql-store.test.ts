import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountQuery } from '@/api/contract/accounts';
import { accountStatuses, hostings, plans, subjectKinds } from '@/api/contract/accounts';
import type { AuditQuery } from '@/api/contract/audit';
import { recordTypes } from '@/api/contract/audit';
import { roles } from '@/api/contract/common';
import type { ConsentEvent } from '@/api/contract/consent';
import { consentActions, consentChannels, consentPurposes } from '@/api/contract/consent';
import { deletionStatuses } from '@/api/contract/deletions';
import { processorKinds, processorStatuses } from '@/api/contract/processors';
import { accessStatuses } from '@/api/contract/support-access';
import type { SeedData } from '@/demo/seed-data';
import { ApiError } from '@/api/errors';
import { encodeCursor } from '@/api/store/cursor';
import type { ConsentListQuery, DeletionListQuery, SupportAccessListQuery } from '@/api/store/store';
import type { Page } from '@/api/contract/common';
import { useSchemaStatement } from './db';
import { migrate, readMigrations } from './migrate';
import { createScryptHasher } from './passwords';
import { SqlStore } from './sql-store';
import { loadSeed } from './seed-loader';
import { bulkInsertStatement, consentEventsTable } from './tables';
import { localParts, monthStarts } from '@/api/rules/time';
import type { TestStore } from './test-support';
import { makePgliteStore, makePostgresStore, testDatabaseUrl } from './test-support';
import {
  hoursAfter,
  makeAccount,
  makeAudit,
  makeConsentEvent,
  makeDeletion,
  makeNotice,
  makeProcessor,
  makeSubject,
  makeSupportAccess,
  makeUser,
  t0,
} from './test-fixtures';

type Home = { name: string; make: () => Promise<TestStore> };

const homes: Home[] = [{ name: 'PGlite', make: makePgliteStore }];
if (testDatabaseUrl()) {
  homes.push({
    name: 'PostgreSQL',
    async make() {
      const made = await makePostgresStore();
      if (!made) throw new Error('TEST_DATABASE_URL is set but no store was made');
      return made;
    },
  });
}

const fastHasher = createScryptHasher({ N: 1024, r: 8, p: 1 });

/** Follows nextCursor to the end and answers every item in the order received. */
async function allPages<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const page = await fetchPage(cursor);
    pages.push(page.items);
    if (page.nextCursor === null) return pages;
    cursor = page.nextCursor;
  }
  throw new Error('paging did not end');
}

const ids = (items: { id: string }[]) => items.map((item) => item.id);

for (const home of homes) {
  describe(`SqlStore on ${home.name}`, () => {
    let t: TestStore;

    beforeEach(async () => {
      t = await home.make();
    });
    afterEach(async () => {
      await t.cleanup();
    });

    /** An account, the agent and a subject that most records refer to. */
    async function baseRecords() {
      await t.store.transaction(async (tx) => {
        await tx.accounts.insert(makeAccount());
        await tx.users.insert(makeUser({ id: 'u-agent', email: 'agent@example.test', name: 'Alex Agent', role: 'support_agent' }));
        await tx.subjects.insert(makeSubject());
      });
    }

    describe('migrations', () => {
      it('apply once, and a second run (also a concurrent one) finds nothing to do', async () => {
        expect(await migrate(t.db, t.schema === 'public' ? {} : { schema: t.schema })).toEqual([]);
        const schema = `${t.schema === 'public' ? 'extra' : t.schema}_again`;
        const runs = await Promise.all([migrate(t.db, { schema }), migrate(t.db, { schema })]);
        expect(runs.flat()).toEqual(['001_initial.sql', '002_consent_states_and_reviews.sql', '003_consent_ledger_combinations.sql']);
        expect(await migrate(t.db, { schema })).toEqual([]);
        await t.db.exec(`DROP SCHEMA ${schema} CASCADE`);
      });

      it('bring an existing ledger forward: migration 003 counts the events already there', async () => {
        const schema = `${t.schema === 'public' ? 'extra' : t.schema}_upgrade`;
        await migrate(t.db, { schema, migrations: readMigrations().slice(0, 2) });
        const store = new SqlStore(t.db, { schema, ownsDb: false });
        const old = Array.from({ length: 40 }, (_, i) =>
          makeConsentEvent({
            id: `ce-old-${i}`,
            purpose: consentPurposes[i % 3] ?? 'marketing_emails',
            action: i % 4 === 0 ? 'withdrawn' : 'granted',
            channel: consentChannels[i % 5] ?? 'call',
            noticeVersion: i % 2 ? 'v1' : 'v2',
            occurredAt: hoursAfter('2026-02-20T00:00:00.000Z', i * 13),
          }),
        );
        await store.transaction(async (tx) => {
          await tx.accounts.insert(makeAccount());
          await tx.subjects.insert(makeSubject());
          for (const e of old) await tx.consentEvents.insert(e);
        });
        expect(await migrate(t.db, { schema })).toEqual(['003_consent_ledger_combinations.sql']);
        const counted = await t.db.transaction(async (q) => {
          await q.query(useSchemaStatement(schema));
          const combinations = await q.query(
            `SELECT (SELECT json_agg(c ORDER BY c) FROM (SELECT purpose, action, channel, notice_version, events::int FROM consent_event_combinations) c) AS kept,
                    (SELECT json_agg(c ORDER BY c) FROM (SELECT purpose, action, channel, notice_version, count(*)::int AS events FROM consent_events GROUP BY 1, 2, 3, 4) c) AS fresh`,
          );
          const days = await q.query(
            `SELECT (SELECT json_agg(d ORDER BY d) FROM (SELECT day, purpose, action, events::int FROM consent_event_days) d) AS kept,
                    (SELECT json_agg(d ORDER BY d) FROM (SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, purpose, action, count(*)::int AS events
                                                        FROM consent_events GROUP BY 1, 2, 3) d) AS fresh`,
          );
          return { combinations: combinations.rows[0], days: days.rows[0] };
        });
        expect(counted.combinations?.kept).toEqual(counted.combinations?.fresh);
        expect(counted.days?.kept).toEqual(counted.days?.fresh);
        const marketing = old.filter((e) => e.purpose === 'marketing_emails' && e.action === 'granted');
        const page = await store.transaction((tx) => tx.consentEvents.list({ limit: 3, purpose: 'marketing_emails', action: 'granted' }));
        expect(page.total).toBe(marketing.length);
        const months = await store.transaction((tx) =>
          tx.consentEvents.countByMonth('2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z', 'UTC'),
        );
        expect(months.reduce((sum, m) => sum + m.count, 0)).toBe(old.filter((e) => e.occurredAt < '2026-03-01').length);
        await t.db.exec(`DROP SCHEMA ${schema} CASCADE`);
      });

      it('refuse to run when an applied migration changed', async () => {
        const schema = `${t.schema === 'public' ? 'extra' : t.schema}_changed`;
        await migrate(t.db, { schema });
        const changed = [{ version: '001', name: '001_initial.sql', sql: 'SELECT 1', checksum: 'other' }];
        await expect(migrate(t.db, { schema, migrations: changed })).rejects.toThrow(/changed after it was applied/);
        await t.db.exec(`DROP SCHEMA ${schema} CASCADE`);
      });
    });

    describe('transactions', () => {
      it('roll back every write when the work throws', async () => {
        await expect(
          t.store.transaction(async (tx) => {
            await tx.accounts.insert(makeAccount({ id: 'acc-rollback' }));
            expect(await tx.accounts.get('acc-rollback')).not.toBeNull();
            throw new Error('boom');
          }),
        ).rejects.toThrow('boom');
        expect(await t.store.transaction((tx) => tx.accounts.get('acc-rollback'))).toBeNull();
      });

      it('answer the work’s result and commit', async () => {
        const result = await t.store.transaction(async (tx) => {
          await tx.accounts.insert(makeAccount({ id: 'acc-commit' }));
          return 42;
        });
        expect(result).toBe(42);
        expect(await t.store.transaction((tx) => tx.accounts.get('acc-commit'))).toEqual(makeAccount({ id: 'acc-commit' }));
      });

      it('ping answers true while the database answers', async () => {
        expect(await t.store.ping()).toBe(true);
      });
    });

    describe('users, sessions, sign-in attempts', () => {
      it('store users, find them by email whatever the case, and refuse a second account for one email', async () => {
        const officer = makeUser({ email: 'Officer@Example.test' });
        const auditor = makeUser({ id: 'u-auditor', email: 'auditor@example.test', name: 'Ann Auditor', role: 'auditor' });
        await t.store.transaction(async (tx) => {
          await tx.users.insert(officer);
          await tx.users.insert(auditor);
        });
        await t.store.transaction(async (tx) => {
          expect(await tx.users.get('u-officer')).toEqual(officer);
          expect(await tx.users.get('nobody')).toBeNull();
          expect(await tx.users.getByEmail('OFFICER@example.TEST')).toEqual(officer);
          expect(await tx.users.getByEmail('nobody@example.test')).toBeNull();
          expect(ids(await tx.users.list())).toEqual(['u-auditor', 'u-officer']);
        });
        const duplicate = t.store.transaction((tx) => tx.users.insert(makeUser({ id: 'u-other', email: 'officer@example.TEST' })));
        await expect(duplicate).rejects.toBeInstanceOf(ApiError);
        await expect(duplicate).rejects.toMatchObject({ code: 'conflict' });
      });

      it('store, find and delete sessions', async () => {
        await t.store.transaction((tx) => tx.users.insert(makeUser()));
        const session = { tokenHash: 'f'.repeat(64), userId: 'u-officer', createdAt: t0, expiresAt: hoursAfter(t0, 8) };
        await t.store.transaction((tx) => tx.sessions.insert(session));
        expect(await t.store.transaction((tx) => tx.sessions.get(session.tokenHash))).toEqual(session);
        await t.store.transaction((tx) => tx.sessions.delete(session.tokenHash));
        expect(await t.store.transaction((tx) => tx.sessions.get(session.tokenHash))).toBeNull();
      });

      it('refuse a session for a user that does not exist (foreign key)', async () => {
        const session = { tokenHash: 'e'.repeat(64), userId: 'ghost', createdAt: t0, expiresAt: t0 };
        await expect(t.store.transaction((tx) => tx.sessions.insert(session))).rejects.toMatchObject({ code: '23503' });
      });

      it('put, replace and delete sign-in attempts by email', async () => {
        const first = { email: 'pat@example.test', failures: 1, lastFailureAt: t0, lockedUntil: null };
        const second = { ...first, failures: 5, lockedUntil: hoursAfter(t0, 1) };
        await t.store.transaction((tx) => tx.signInAttempts.put(first));
        expect(await t.store.transaction((tx) => tx.signInAttempts.get('Pat@Example.test'))).toEqual(first);
        await t.store.transaction((tx) => tx.signInAttempts.put(second));
        expect(await t.store.transaction((tx) => tx.signInAttempts.get('pat@example.test'))).toEqual(second);
        await t.store.transaction((tx) => tx.signInAttempts.delete('pat@example.test'));
        expect(await t.store.transaction((tx) => tx.signInAttempts.get('pat@example.test'))).toBeNull();
      });
    });

    describe('accounts and subjects', () => {
      const accounts = [
        makeAccount({ id: 'a3', name: 'Zeta Ltd', hosting: 'self_hosted', primaryRegion: null }),
        makeAccount({ id: 'a1', name: 'Acme Corp' }),
        makeAccount({ id: 'a2', name: 'acme labs', status: 'cancelled', cancelledAt: t0 }),
        makeAccount({ id: 'a4', name: 'Beta 100%_off', plan: 'trial' }),
        makeAccount({ id: 'a5', name: 'Acme Corp' }),
      ];

      beforeEach(async () => {
        await t.store.transaction(async (tx) => {
          for (const account of accounts) await tx.accounts.insert(account);
        });
      });

      const list = (query: Partial<AccountQuery>) => t.store.transaction((tx) => tx.accounts.list({ limit: 50, ...query }));

      it('list by name, then id', async () => {
        expect(ids((await list({})).items)).toEqual(['a1', 'a5', 'a4', 'a3', 'a2']);
      });

      it('filter by a case-insensitive part of the name, or the exact id', async () => {
        expect(ids((await list({ q: 'ACME' })).items)).toEqual(['a1', 'a5', 'a2']);
        expect(ids((await list({ q: 'a3' })).items)).toEqual(['a3']);
        expect(ids((await list({ q: '%_' })).items)).toEqual(['a4']);
        expect(ids((await list({ q: '_' })).items)).toEqual(['a4']);
        expect(ids((await list({ q: 'nothing' })).items)).toEqual([]);
      });

      it('filter by hosting and status', async () => {
        expect(ids((await list({ hosting: ['self_hosted'] })).items)).toEqual(['a3']);
        expect(ids((await list({ status: ['cancelled'] })).items)).toEqual(['a2']);
        expect(ids((await list({ status: ['cancelled', 'active'], hosting: ['cloud'] })).items)).toEqual(['a1', 'a5', 'a4', 'a2']);
      });

      it('page with cursors until nextCursor is null, counting the total on the first page', async () => {
        const pages = await allPages((cursor) => list({ limit: 2, cursor }));
        expect(pages.map(ids)).toEqual([['a1', 'a5'], ['a4', 'a3'], ['a2']]);
        expect((await list({ limit: 2 })).total).toBe(5);
        expect((await list({ limit: 2, q: 'acme' })).total).toBe(3);
        const exact = await list({ limit: 5 });
        expect(exact.nextCursor).toBeNull();
      });

      it('refuse a forged cursor with a 400', async () => {
        await expect(list({ cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'bad_request' });
        await expect(list({ cursor: encodeCursor([1, 2]) })).rejects.toMatchObject({ code: 'bad_request' });
      });

      it('get one account', async () => {
        expect(await t.store.transaction((tx) => tx.accounts.get('a4'))).toEqual(accounts[3]);
        expect(await t.store.transaction((tx) => tx.accounts.get('nope'))).toBeNull();
      });

      it('find subjects by exact email whatever the case, and list an account’s people', async () => {
        const people = [
          makeSubject({ id: 's2', accountId: 'a1', name: 'Bo', email: 'Bo@Acme.test' }),
          makeSubject({ id: 's1', accountId: 'a1', name: 'Al', email: 'al@acme.test' }),
          makeSubject({ id: 's3', accountId: 'a5', name: 'Bo', email: 'bo@acme.test' }),
          makeSubject({ id: 'v1', kind: 'visitor', accountId: null, name: null, email: null, accountRole: null }),
        ];
        await t.store.transaction(async (tx) => {
          for (const person of people) await tx.subjects.insert(person);
        });
        await t.store.transaction(async (tx) => {
          expect(ids(await tx.subjects.findByEmail('BO@acme.TEST'))).toEqual(['s2', 's3']);
          expect(await tx.subjects.findByEmail('bo@acme')).toEqual([]);
          expect(ids(await tx.subjects.listByAccount('a1'))).toEqual(['s1', 's2']);
          expect(await tx.subjects.get('v1')).toEqual(people[3]);
          expect(await tx.subjects.get('nope')).toBeNull();
        });
      });
    });

    describe('processors and notices', () => {
      it('list by name, update only at the expected version', async () => {
        const mailer = makeProcessor();
        const backup = makeProcessor({ id: 'proc-2', name: 'Backup Co', kind: 'own_location', status: 'proposed' });
        await t.store.transaction(async (tx) => {
          await tx.processors.insert(mailer);
          await tx.processors.insert(backup);
        });
        expect(ids(await t.store.transaction((tx) => tx.processors.list()))).toEqual(['proc-2', 'proc-1']);

        const changed = { ...mailer, version: 2, owner: 'Growth', status: 'retired' as const };
        expect(await t.store.transaction((tx) => tx.processors.update(changed, 1))).toBe(true);
        expect(await t.store.transaction((tx) => tx.processors.update({ ...changed, version: 3, owner: 'Late' }, 1))).toBe(false);
        expect(await t.store.transaction((tx) => tx.processors.get('proc-1'))).toEqual(changed);
        expect(await t.store.transaction((tx) => tx.processors.update({ ...changed, id: 'ghost' }, 2))).toBe(false);
      });

      it('store notices by hash', async () => {
        const notice = makeNotice();
        await t.store.transaction((tx) => tx.notices.insert(notice));
        expect(await t.store.transaction((tx) => tx.notices.get(notice.hash))).toEqual(notice);
        expect(await t.store.transaction((tx) => tx.notices.get('0'.repeat(64)))).toBeNull();
      });
    });

    describe('consent events', () => {
      // 24 events over 12 days, two per day, cycling through purposes, channels and notice versions.
      const events: ConsentEvent[] = Array.from({ length: 24 }, (_, i) =>
        makeConsentEvent({
          id: `ce-${String(i).padStart(2, '0')}`,
          subjectId: i % 3 === 0 ? 'sub-2' : 'sub-1',
          purpose: consentPurposes[i % 3] ?? 'marketing_emails',
          action: i % 4 === 0 ? 'withdrawn' : 'granted',
          channel: consentChannels[i % 5] ?? 'call',
          noticeVersion: i < 12 ? 'v1' : 'v2',
          // Two events share each instant, so the id breaks the tie.
          occurredAt: hoursAfter('2026-03-01T00:00:00.000Z', Math.floor(i / 2) * 24 + 10),
        }),
      );
      const newestFirst = [...events].sort((a, b) =>
        a.occurredAt === b.occurredAt ? (a.id < b.id ? 1 : -1) : a.occurredAt < b.occurredAt ? 1 : -1,
      );

      beforeEach(async () => {
        await baseRecords();
        await t.store.transaction(async (tx) => {
          await tx.subjects.insert(makeSubject({ id: 'sub-2', email: 'sam@acme.test' }));
          // Inserted in a scrambled order, so the order of the answers comes from the query.
          for (const event of [...events].reverse()) await tx.consentEvents.insert(event);
        });
      });

      const list = (query: Partial<ConsentListQuery>) => t.store.transaction((tx) => tx.consentEvents.list({ limit: 50, ...query }));
      const expected = (keep: (e: ConsentEvent) => boolean) => ids(newestFirst.filter(keep));

      it('list newest first, ties broken by id descending', async () => {
        const page = await list({});
        expect(ids(page.items)).toEqual(ids(newestFirst));
        expect(page.items[0]).toEqual(newestFirst[0]);
        expect(page.nextCursor).toBeNull();
      });

      it('page through every event exactly once', async () => {
        const pages = await allPages((cursor) => list({ limit: 5, cursor }));
        expect(pages.map((p) => p.length)).toEqual([5, 5, 5, 5, 4]);
        expect(pages.flatMap(ids)).toEqual(ids(newestFirst));
      });

      it('filter by purpose, action, channel, notice version and subject', async () => {
        expect(ids((await list({ purpose: 'product_research' })).items)).toEqual(expected((e) => e.purpose === 'product_research'));
        expect(ids((await list({ action: 'withdrawn' })).items)).toEqual(expected((e) => e.action === 'withdrawn'));
        expect(ids((await list({ channel: 'call' })).items)).toEqual(expected((e) => e.channel === 'call'));
        expect(ids((await list({ noticeVersion: 'v2' })).items)).toEqual(expected((e) => e.noticeVersion === 'v2'));
        expect(ids((await list({ subjectId: 'sub-2' })).items)).toEqual(expected((e) => e.subjectId === 'sub-2'));
        expect(ids((await list({ subjectIds: ['sub-2'] })).items)).toEqual(expected((e) => e.subjectId === 'sub-2'));
        expect(ids((await list({ subjectIds: ['sub-1', 'sub-2'] })).items)).toEqual(ids(newestFirst));
        expect((await list({ subjectIds: [] })).items).toEqual([]);
        const combined = (e: ConsentEvent) => e.purpose === 'marketing_emails' && e.action === 'granted' && e.noticeVersion === 'v2';
        expect(ids((await list({ purpose: 'marketing_emails', action: 'granted', noticeVersion: 'v2' })).items)).toEqual(
          expected(combined),
        );
      });

      it('filter by calendar dates in UTC, both ends inclusive', async () => {
        const page = await list({ from: '2026-03-03', to: '2026-03-04' });
        expect(ids(page.items)).toEqual(expected((e) => e.occurredAt >= '2026-03-03' && e.occurredAt < '2026-03-05'));
        expect(page.items).toHaveLength(4);
        expect((await list({ from: '2026-03-12' })).items).toHaveLength(2);
        expect((await list({ to: '2026-03-01' })).items).toHaveLength(2);
      });

      it('page within a filter, with the total of the filter on the first page', async () => {
        const pages = await allPages((cursor) => list({ limit: 3, cursor, action: 'granted' }));
        expect(pages.flatMap(ids)).toEqual(expected((e) => e.action === 'granted'));
        const first = await list({ limit: 3, action: 'granted' });
        expect(first.total).toBe(expected((e) => e.action === 'granted').length);
        expect((await list({ limit: 3, action: 'granted', cursor: first.nextCursor ?? undefined })).total).toBeUndefined();
      });

      it('page through every combination of the filters, with and without dates, each event once and with its total', async () => {
        const filters: Partial<ConsentListQuery>[] = [];
        for (const purpose of [undefined, 'marketing_emails', 'product_research'] as const)
          for (const action of [undefined, 'granted', 'withdrawn'] as const)
            for (const channel of [undefined, 'call', 'email_link'] as const)
              for (const noticeVersion of [undefined, 'v1', 'v2', 'v9'])
                for (const dates of [{}, { from: '2026-03-03', to: '2026-03-09' }, { from: '2026-03-10' }])
                  filters.push({ purpose, action, channel, noticeVersion, ...dates });
        for (const filter of filters) {
          const keep = (e: ConsentEvent) =>
            (!filter.purpose || e.purpose === filter.purpose) &&
            (!filter.action || e.action === filter.action) &&
            (!filter.channel || e.channel === filter.channel) &&
            (!filter.noticeVersion || e.noticeVersion === filter.noticeVersion) &&
            (!filter.from || e.occurredAt >= filter.from) &&
            (!filter.to || e.occurredAt < '2026-03-10');
          const pages = await allPages((cursor) => list({ ...filter, limit: 2, cursor }));
          expect(pages.flatMap(ids), JSON.stringify(filter)).toEqual(expected(keep));
          expect((await list({ ...filter, limit: 2 })).total, JSON.stringify(filter)).toBe(expected(keep).length);
        }
      });

      it('read by time when a filter covers more combinations than one statement should merge', async () => {
        const versions = Array.from({ length: 240 }, (_, i) =>
          makeConsentEvent({
            id: `ce-v${String(i).padStart(3, '0')}`,
            noticeVersion: `v${100 + i}`,
            occurredAt: hoursAfter('2026-04-01T00:00:00.000Z', i),
          }),
        );
        const { sql, params } = bulkInsertStatement(consentEventsTable, versions);
        await t.sql(sql, params);
        const all = [...events, ...versions];
        const keep = (e: ConsentEvent) => e.purpose === 'marketing_emails' && e.action === 'granted';
        const want = ids(
          [...all]
            .sort((a, b) => (a.occurredAt === b.occurredAt ? (a.id < b.id ? 1 : -1) : a.occurredAt < b.occurredAt ? 1 : -1))
            .filter(keep),
        );
        const pages = await allPages((cursor) => list({ purpose: 'marketing_emails', action: 'granted', limit: 50, cursor }));
        expect(pages.flatMap(ids)).toEqual(want);
        expect((await list({ purpose: 'marketing_emails', action: 'granted', limit: 50 })).total).toBe(want.length);
        expect(want.length).toBeGreaterThan(240);
      });

      it('keep a count per combination of purpose, action, channel and notice version, one by one and in bulk', async () => {
        const counts = async () =>
          (
            await t.sql<{ purpose: string; action: string; channel: string; notice_version: string; events: string }>(
              'SELECT purpose, action, channel, notice_version, events::text FROM consent_event_combinations ORDER BY 1, 2, 3, 4',
            )
          ).rows;
        const fromEvents = async () =>
          (
            await t.sql<{ purpose: string; action: string; channel: string; notice_version: string; events: string }>(
              'SELECT purpose, action, channel, notice_version, count(*)::text AS events FROM consent_events GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4',
            )
          ).rows;
        expect(await counts()).toEqual(await fromEvents());
        expect((await counts()).length).toBeGreaterThan(5);
        const more = events.slice(0, 6).map((e, i) => ({ ...e, id: `ce-bulk-${i}`, noticeVersion: 'v3' }));
        await t.store.transaction(async (q) => {
          for (const e of more) await q.consentEvents.insert(e);
        });
        const { sql, params } = bulkInsertStatement(
          consentEventsTable,
          more.map((e) => ({ ...e, id: `${e.id}-again` })),
        );
        await t.sql(sql, params);
        expect(await counts()).toEqual(await fromEvents());
        expect((await list({ noticeVersion: 'v3' })).total).toBe(12);
      });

      it('count by calendar month in any time zone, and by purpose between any two instants, exactly', async () => {
        // Every 37 minutes over the days around three month starts, so events fall on both sides of every
        // zone's midnight, as well as the 24 March events.
        const around = ['2026-01-30T00:00:00.000Z', '2026-02-27T00:00:00.000Z', '2026-03-30T00:00:00.000Z'];
        const extra = around.flatMap((start, k) =>
          Array.from({ length: 160 }, (_, i) =>
            makeConsentEvent({
              id: `ce-edge-${k}-${String(i).padStart(3, '0')}`,
              subjectId: i % 2 ? 'sub-1' : 'sub-2',
              purpose: consentPurposes[i % 4] ?? 'marketing_emails',
              action: i % 3 === 0 ? 'withdrawn' : 'granted',
              occurredAt: new Date(Date.parse(start) + i * 37 * 60_000).toISOString(),
            }),
          ),
        );
        const { sql, params } = bulkInsertStatement(consentEventsTable, extra);
        await t.sql(sql, params);
        const all = [...events, ...extra];
        const tally = (rows: { key: string }[]) => {
          const counts = new Map<string, number>();
          for (const r of rows) counts.set(r.key, (counts.get(r.key) ?? 0) + 1);
          return [...counts.entries()].sort();
        };
        for (const timeZone of ['UTC', 'Europe/Belgrade', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Chatham']) {
          const from = monthStarts('2026-01-15T00:00:00.000Z', '2026-01-15T00:00:00.000Z', timeZone)[0]!.start;
          for (const to of ['2026-04-01T20:00:00.000Z', '2026-03-31T01:00:00.000Z']) {
            const got = await t.store.transaction((tx) => tx.consentEvents.countByMonth(from, to, timeZone));
            const want = all
              .filter((e) => e.occurredAt >= from && e.occurredAt < to)
              .map((e) => {
                const p = localParts(new Date(e.occurredAt), timeZone);
                return { key: `${p.year}-${String(p.month).padStart(2, '0')}|${e.purpose}|${e.action}` };
              });
            expect(
              tally(got.flatMap((c) => Array.from({ length: c.count }, () => ({ key: `${c.month}|${c.purpose}|${c.action}` })))),
              `${timeZone} ${to}`,
            ).toEqual(tally(want));
          }
        }
        const ranges = [
          ['2026-02-27T05:17:00.000Z', '2026-03-31T19:03:00.000Z'],
          ['2026-03-01T02:00:00.000Z', '2026-03-01T03:30:00.000Z'],
          ['2026-02-27T20:00:00.000Z', '2026-02-28T04:00:00.000Z'],
          ['2026-01-30T13:00:00.000Z', '2026-01-30T23:00:00.000Z'],
          ['2026-01-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'],
        ] as const;
        for (const [from, to] of ranges) {
          for (const action of ['granted', 'withdrawn'] as const) {
            const got = await t.store.transaction((tx) => tx.consentEvents.countByPurpose(action, from, to));
            const want = Object.fromEntries(
              tally(all.filter((e) => e.action === action && e.occurredAt >= from && e.occurredAt < to).map((e) => ({ key: e.purpose }))),
            );
            expect(got, `${action} ${from} ${to}`).toEqual(want);
          }
        }
      });

      it('list one subject’s events oldest first, and get one', async () => {
        const mine = await t.store.transaction((tx) => tx.consentEvents.listBySubject('sub-2'));
        expect(ids(mine)).toEqual(ids(newestFirst.filter((e) => e.subjectId === 'sub-2')).reverse());
        expect(await t.store.transaction((tx) => tx.consentEvents.get('ce-05'))).toEqual(events[5]);
        expect(await t.store.transaction((tx) => tx.consentEvents.get('nope'))).toBeNull();
      });

      it('refuse UPDATE, DELETE and TRUNCATE of consent events (append-only trigger)', async () => {
        await expect(t.sql(`UPDATE consent_events SET action = 'granted' WHERE id = 'ce-00'`)).rejects.toThrow(/append-only/);
        await expect(t.sql(`DELETE FROM consent_events WHERE id = 'ce-00'`)).rejects.toThrow(/append-only/);
        await expect(t.sql('TRUNCATE consent_events CASCADE')).rejects.toThrow(/append-only/);
        expect((await list({})).items).toHaveLength(events.length);
      });

      it('refuse an event for an unknown subject (foreign key)', async () => {
        const orphan = makeConsentEvent({ id: 'ce-orphan', subjectId: 'ghost' });
        await expect(t.store.transaction((tx) => tx.consentEvents.insert(orphan))).rejects.toMatchObject({ code: '23503' });
      });
    });

    describe('support-access requests', () => {
      const requests = [
        makeSupportAccess({
          id: 'r1',
          status: 'ended',
          ticketRef: 'TCK-100',
          createdAt: '2026-03-01T08:00:00.000Z',
          grantEndsAt: '2026-03-02T08:00:00.000Z',
        }),
        makeSupportAccess({
          id: 'r2',
          status: 'active',
          ticketRef: 'TCK-200',
          createdAt: '2026-03-02T08:00:00.000Z',
          grantEndsAt: '2026-03-10T08:00:00.000Z',
        }),
        makeSupportAccess({
          id: 'r3',
          status: 'pending',
          accountId: 'acc-2',
          accountName: 'Globex',
          ticketRef: 'HELP-7',
          createdAt: '2026-03-03T08:00:00.000Z',
          decideBy: '2026-03-03T20:00:00.000Z',
        }),
        makeSupportAccess({
          id: 'r4',
          status: 'denied',
          requesterId: 'u-agent-2',
          requesterName: 'Bea',
          ticketRef: 'TCK-300',
          createdAt: '2026-03-04T08:00:00.000Z',
        }),
        makeSupportAccess({
          id: 'r5',
          status: 'revoked',
          accountId: 'acc-2',
          accountName: 'Globex',
          ticketRef: 'TCK-400',
          createdAt: '2026-03-04T08:00:00.000Z',
          grantEndsAt: '2026-03-05T08:00:00.000Z',
        }),
      ];

      beforeEach(async () => {
        await baseRecords();
        await t.store.transaction(async (tx) => {
          await tx.accounts.insert(makeAccount({ id: 'acc-2', name: 'Globex' }));
          for (const request of requests) await tx.supportAccess.insert(request);
        });
      });

      const list = (query: Partial<SupportAccessListQuery>) =>
        t.store.transaction((tx) => tx.supportAccess.list({ limit: 50, sort: 'newest', ...query }));

      it('sort newest, oldest and ending first (no end last), paging each', async () => {
        expect(ids((await list({})).items)).toEqual(['r5', 'r4', 'r3', 'r2', 'r1']);
        expect(ids((await list({ sort: 'oldest' })).items)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
        expect(ids((await list({ sort: 'ending' })).items)).toEqual(['r1', 'r5', 'r2', 'r3', 'r4']);
        for (const sort of ['newest', 'oldest', 'ending'] as const) {
          const whole = ids((await list({ sort })).items);
          for (const limit of [1, 2, 3]) {
            const pages = await allPages((cursor) => list({ sort, limit, cursor }));
            expect(pages.flatMap(ids)).toEqual(whole);
          }
        }
      });

      it('filter by status, requester, account and creation dates', async () => {
        expect(ids((await list({ status: ['pending', 'active'] })).items)).toEqual(['r3', 'r2']);
        expect((await list({ status: ['pending', 'active'] })).total).toBe(2);
        expect(ids((await list({ requesterId: 'u-agent-2' })).items)).toEqual(['r4']);
        expect(ids((await list({ accountId: 'acc-2' })).items)).toEqual(['r5', 'r3']);
        expect(ids((await list({ from: '2026-03-02', to: '2026-03-03' })).items)).toEqual(['r3', 'r2']);
      });

      it('search by ticket reference, account name or the request’s id', async () => {
        expect(ids((await list({ q: 'tck-2' })).items)).toEqual(['r2']);
        expect(ids((await list({ q: 'GLOB' })).items)).toEqual(['r5', 'r3']);
        expect(ids((await list({ q: 'r4' })).items)).toEqual(['r4']);
        expect(ids((await list({ q: 'zzz' })).items)).toEqual([]);
      });

      it('find the open request of one agent for one account', async () => {
        expect((await t.store.transaction((tx) => tx.supportAccess.findOpen('acc-1', 'u-agent')))?.id).toBe('r2');
        expect((await t.store.transaction((tx) => tx.supportAccess.findOpen('acc-2', 'u-agent')))?.id).toBe('r3');
        expect(await t.store.transaction((tx) => tx.supportAccess.findOpen('acc-1', 'u-agent-2'))).toBeNull();
      });

      it('refuse a second open request of one agent for one account', async () => {
        const second = makeSupportAccess({ id: 'r6', status: 'pending' });
        await expect(t.store.transaction((tx) => tx.supportAccess.insert(second))).rejects.toMatchObject({ code: 'conflict' });
      });

      it('list pending requests past their decision time and grants past their end', async () => {
        const lapsed = (now: string) => t.store.transaction((tx) => tx.supportAccess.listLapsed(now));
        expect(ids(await lapsed('2026-03-03T19:00:00.000Z'))).toEqual([]);
        expect(ids(await lapsed('2026-03-03T21:00:00.000Z'))).toEqual(['r3']);
        expect(ids(await lapsed('2026-03-11T00:00:00.000Z'))).toEqual(['r2', 'r3']);
      });

      it('update at the expected version only, keeping the stored credentials', async () => {
        const r3 = requests[2];
        if (!r3) throw new Error('fixture missing');
        const approved = { ...r3, version: 2, status: 'active' as const, grantEndsAt: '2026-03-04T08:00:00.000Z', credentials: 'sealed' };
        expect(await t.store.transaction((tx) => tx.supportAccess.update(approved, 1))).toBe(true);
        expect(await t.store.transaction((tx) => tx.supportAccess.update({ ...approved, version: 3 }, 1))).toBe(false);
        expect(await t.store.transaction((tx) => tx.supportAccess.get('r3'))).toEqual(approved);
        expect(ids((await list({ status: ['active'] })).items)).toEqual(['r3', 'r2']);
      });
    });

    describe('deletion requests', () => {
      const hold = {
        id: 'h1',
        system: 'Billing',
        data: 'Invoices',
        legalReason: 'Tax law',
        until: '2033-01-01',
        createdBy: 'u-officer',
        createdAt: t0,
      };
      const deletions = [
        makeDeletion({ id: 'd1', dueAt: '2026-03-20T00:00:00.000Z' }),
        makeDeletion({ id: 'd2', dueAt: '2026-03-15T00:00:00.000Z', status: 'completed', completedAt: t0 }),
        makeDeletion({
          id: 'd3',
          dueAt: '2026-03-25T00:00:00.000Z',
          status: 'in_progress',
          holds: [hold],
          accountId: 'acc-2',
          accountName: 'Globex',
        }),
        makeDeletion({ id: 'd4', dueAt: '2026-03-15T00:00:00.000Z', status: 'rejected', rejectionReason: 'Duplicate' }),
        makeDeletion({ id: 'd5', dueAt: '2026-04-01T00:00:00.000Z', status: 'approved' }),
      ];

      beforeEach(async () => {
        await baseRecords();
        await t.store.transaction(async (tx) => {
          await tx.accounts.insert(makeAccount({ id: 'acc-2', name: 'Globex' }));
          for (const deletion of deletions) await tx.deletions.insert(deletion);
        });
      });

      const list = (query: Partial<DeletionListQuery>) => t.store.transaction((tx) => tx.deletions.list({ limit: 50, ...query }));

      it('list soonest due first, ties by id, and page', async () => {
        expect(ids((await list({})).items)).toEqual(['d2', 'd4', 'd1', 'd3', 'd5']);
        const pages = await allPages((cursor) => list({ limit: 2, cursor }));
        expect(pages.map(ids)).toEqual([['d2', 'd4'], ['d1', 'd3'], ['d5']]);
      });

      it('filter by status, account, due-before, holds and openness', async () => {
        expect(ids((await list({ status: ['completed', 'approved'] })).items)).toEqual(['d2', 'd5']);
        expect(ids((await list({ accountId: 'acc-2' })).items)).toEqual(['d3']);
        expect(ids((await list({ dueBefore: '2026-03-20T00:00:00.000Z' })).items)).toEqual(['d2', 'd4']);
        expect(ids((await list({ held: true })).items)).toEqual(['d3']);
        expect(ids((await list({ held: false })).items)).toEqual(['d2', 'd4', 'd1', 'd5']);
        expect(ids((await list({ openOnly: true })).items)).toEqual(['d1', 'd3', 'd5']);
        expect((await list({ openOnly: true })).total).toBe(3);
        expect(ids((await list({ openOnly: true, dueBefore: '2026-03-26T00:00:00.000Z' })).items)).toEqual(['d1', 'd3']);
      });

      it('update at the expected version only; a new hold makes it held', async () => {
        const d1 = deletions[0];
        if (!d1) throw new Error('fixture missing');
        const held = { ...d1, version: 2, holds: [hold] };
        expect(await t.store.transaction((tx) => tx.deletions.update(held, 1))).toBe(true);
        expect(await t.store.transaction((tx) => tx.deletions.update({ ...held, version: 3 }, 1))).toBe(false);
        expect(await t.store.transaction((tx) => tx.deletions.get('d1'))).toEqual(held);
        expect(ids((await list({ held: true })).items)).toEqual(['d1', 'd3']);
      });

      it('give one success to two concurrent writers holding the same version', async () => {
        const d1 = deletions[0];
        if (!d1) throw new Error('fixture missing');
        // Both read version 1 earlier (their If-Match) and write it back as 2.
        const attempt = (approvedBy: string) =>
          t.store.transaction(async (tx) => {
            if (!(await tx.deletions.get('d1'))) throw new Error('missing');
            return tx.deletions.update({ ...d1, version: 2, status: 'approved', approvedBy }, d1.version);
          });
        const results = await Promise.all([attempt('u-a'), attempt('u-b')]);
        expect(results.filter(Boolean)).toHaveLength(1);
        const stored = await t.store.transaction((tx) => tx.deletions.get('d1'));
        expect(stored?.version).toBe(2);
        expect(stored?.approvedBy).toBe(results[0] ? 'u-a' : 'u-b');
      });

      it('make the second writer wait for the first and then find the version gone', async () => {
        const d1 = deletions[0];
        if (!d1) throw new Error('fixture missing');
        let firstWrote!: () => void;
        const wrote = new Promise<void>((resolve) => (firstWrote = resolve));
        const first = t.store.transaction(async (tx) => {
          const ok = await tx.deletions.update({ ...d1, version: 2, approvedBy: 'first' }, 1);
          firstWrote();
          // Hold the row (and the transaction) open while the second writer tries.
          await new Promise((resolve) => setTimeout(resolve, 300));
          return ok;
        });
        await wrote;
        const second = t.store.transaction((tx) => tx.deletions.update({ ...d1, version: 2, approvedBy: 'second' }, 1));
        expect(await Promise.all([first, second])).toEqual([true, false]);
        expect((await t.store.transaction((tx) => tx.deletions.get('d1')))?.approvedBy).toBe('first');
      });
    });

    describe('audit events', () => {
      const events = [
        makeAudit({ id: 'e1', at: '2026-03-01T10:00:00.000Z' }),
        makeAudit({ id: 'e2', at: '2026-03-02T10:00:00.000Z', action: 'deletion.approve', recordType: 'deletion_request', recordId: 'd1' }),
        makeAudit({
          id: 'e3',
          at: '2026-03-02T10:00:00.000Z',
          actorId: 'u-agent',
          action: 'support_access.request',
          recordType: 'support_access_request',
          recordId: 'r1',
        }),
        makeAudit({
          id: 'e4',
          at: '2026-03-03T23:59:59.999Z',
          actorId: null,
          actorName: 'System',
          actorRole: null,
          action: 'deletion.approve',
          recordType: 'deletion_request',
          recordId: 'd2',
        }),
      ];

      beforeEach(async () => {
        await t.store.transaction(async (tx) => {
          for (const event of events) await tx.audit.insert(event);
        });
      });

      const list = (query: Partial<AuditQuery>) => t.store.transaction((tx) => tx.audit.list({ limit: 50, ...query }));

      it('list newest first and page', async () => {
        expect(ids((await list({})).items)).toEqual(['e4', 'e3', 'e2', 'e1']);
        const pages = await allPages((cursor) => list({ limit: 3, cursor }));
        expect(pages.map(ids)).toEqual([['e4', 'e3', 'e2'], ['e1']]);
        expect((await list({ limit: 1 })).items[0]).toEqual(events[3]);
      });

      it('filter by actor, action, record and dates', async () => {
        expect(ids((await list({ actorId: 'u-agent' })).items)).toEqual(['e3']);
        expect(ids((await list({ action: 'deletion.approve' })).items)).toEqual(['e4', 'e2']);
        expect(ids((await list({ action: 'deletion' })).items)).toEqual(['e4', 'e2']);
        expect(ids((await list({ action: 'deletion.app' })).items)).toEqual([]);
        expect(ids((await list({ recordType: 'deletion_request', recordId: 'd1' })).items)).toEqual(['e2']);
        expect(ids((await list({ from: '2026-03-02', to: '2026-03-03' })).items)).toEqual(['e4', 'e3', 'e2']);
        expect(ids((await list({ to: '2026-03-01' })).items)).toEqual(['e1']);
        expect((await list({ from: '2026-03-02' })).total).toBe(3);
      });

      it('refuse UPDATE, DELETE and TRUNCATE of the audit table (append-only trigger)', async () => {
        await expect(t.sql(`UPDATE audit_events SET action = 'forged' WHERE id = 'e1'`)).rejects.toThrow(/append-only/);
        await expect(t.sql(`DELETE FROM audit_events WHERE id = 'e1'`)).rejects.toThrow(/append-only/);
        await expect(t.sql('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
        expect(ids((await list({})).items)).toHaveLength(4);
      });
    });

    describe('settings', () => {
      it('answer null for a missing key, then the value set, then its replacement', async () => {
        expect(await t.store.transaction((tx) => tx.settings.get('demo'))).toBeNull();
        await t.store.transaction((tx) => tx.settings.set('demo', { seededAt: t0, counts: [1, 2] }));
        expect(await t.store.transaction((tx) => tx.settings.get('demo'))).toEqual({ seededAt: t0, counts: [1, 2] });
        await t.store.transaction((tx) => tx.settings.set('demo', 'plain'));
        expect(await t.store.transaction((tx) => tx.settings.get('demo'))).toBe('plain');
      });
    });

    describe('read-modify-write rows', () => {
      it('make a second transaction reading a setting wait for the first one writing it', async () => {
        await t.store.transaction((tx) => tx.settings.set('company', { version: 1 }));
        let firstRead!: () => void;
        const read = new Promise<void>((resolve) => (firstRead = resolve));
        const first = t.store.transaction(async (tx) => {
          await tx.settings.get('company');
          firstRead();
          await new Promise((resolve) => setTimeout(resolve, 300));
          await tx.settings.set('company', { version: 2 });
        });
        await read;
        const seenBySecond = await t.store.transaction((tx) => tx.settings.get('company'));
        await first;
        expect(seenBySecond).toEqual({ version: 2 });
      });

      it('make concurrent sign-in attempts for one email take turns', async () => {
        const email = 'pat@example.test';
        const fail = () =>
          t.store.transaction(async (tx) => {
            const current = await tx.signInAttempts.get(email);
            await new Promise((resolve) => setTimeout(resolve, 50));
            await tx.signInAttempts.put({ email, failures: (current?.failures ?? 0) + 1, lastFailureAt: t0, lockedUntil: null });
          });
        await t.store.transaction((tx) => tx.signInAttempts.put({ email, failures: 0, lastFailureAt: t0, lockedUntil: null }));
        await Promise.all([fail(), fail(), fail()]);
        expect((await t.store.transaction((tx) => tx.signInAttempts.get(email)))?.failures).toBe(3);
      });
    });

    describe('schema constraints', () => {
      it('refuse a status outside the contract (CHECK)', async () => {
        await baseRecords();
        const row = JSON.stringify(makeDeletion());
        const insert = (status: string) =>
          t.sql(
            `INSERT INTO deletion_requests (id, status, account_id, due_at, held, created_at, version, doc)
             VALUES ($1, $2, 'acc-1', now(), false, now(), 1, $3::jsonb)`,
            [`d-${status}`, status, row],
          );
        await expect(insert('shredded')).rejects.toMatchObject({ code: '23514' });
        await expect(insert('approved')).resolves.toBeDefined();
      });

      it('list every value of the contract’s enums in the CHECK constraints', async () => {
        const { rows } = await t.sql<{ table: string; definition: string }>(
          `SELECT c.conrelid::regclass::text AS table, pg_get_constraintdef(c.oid) AS definition
           FROM pg_constraint c WHERE c.contype = 'c' AND c.connamespace = to_regnamespace(current_schema())::oid`,
        );
        const check = (table: string, column: string, values: readonly string[]) => {
          const definition = rows.find((row) => row.table.endsWith(table) && row.definition.includes(`(${column} = ANY`));
          expect(definition, `${table}.${column}`).toBeDefined();
          for (const value of values) expect(definition?.definition, `${table}.${column}`).toContain(`'${value}'`);
          const listed = definition?.definition.match(/'[^']+'/g) ?? [];
          expect(listed).toHaveLength(values.length);
        };
        check('users', 'role', roles);
        check('accounts', 'hosting', hostings);
        check('accounts', 'plan', plans);
        check('accounts', 'status', accountStatuses);
        check('subjects', 'kind', subjectKinds);
        check('processors', 'kind', processorKinds);
        check('processors', 'status', processorStatuses);
        check('notices', 'purpose', consentPurposes);
        check('consent_events', 'purpose', consentPurposes);
        check('consent_events', 'action', consentActions);
        check('consent_events', 'channel', consentChannels);
        check('support_access_requests', 'status', accessStatuses);
        check('deletion_requests', 'status', deletionStatuses);
        check('audit_events', 'record_type', recordTypes);
      });
    });

    describe('seed loader', () => {
      function smallSeed(consentEvents: number): SeedData {
        return {
          anchor: t0,
          users: [
            { id: 'u-officer', email: 'Officer@Demo.test', name: 'Olivia Officer', role: 'privacy_officer', password: 'demo-password' },
            { id: 'u-agent', email: 'agent@demo.test', name: 'Alex Agent', role: 'support_agent', password: 'demo-password' },
          ],
          accounts: [makeAccount(), makeAccount({ id: 'acc-2', name: 'Globex' })],
          subjects: [makeSubject(), makeSubject({ id: 'sub-2', accountId: 'acc-2', email: 'sam@globex.test' })],
          processors: [makeProcessor()],
          notices: [makeNotice()],
          consentEvents: Array.from({ length: consentEvents }, (_, i) =>
            makeConsentEvent({
              id: `ce-${String(i).padStart(6, '0')}`,
              subjectId: i % 2 ? 'sub-1' : 'sub-2',
              accountId: i % 2 ? 'acc-1' : 'acc-2',
              occurredAt: hoursAfter(t0, -i),
            }),
          ),
          supportAccess: [makeSupportAccess()],
          deletions: [makeDeletion({ accountId: 'acc-2', accountName: 'Globex' })],
        };
      }
      const schemaOption = () => (t.schema === 'public' ? {} : { schema: t.schema });

      it('load every collection, with hashed passwords that verify', async () => {
        const seed = smallSeed(4500);
        const counts = await loadSeed(t.db, seed, fastHasher, schemaOption());
        expect(counts).toMatchObject({ users: 2, accounts: 2, consentEvents: 4500, deletions: 1 });
        await t.store.transaction(async (tx) => {
          const officer = await tx.users.getByEmail('officer@demo.test');
          expect(officer?.role).toBe('privacy_officer');
          expect(await fastHasher.verify('demo-password', officer?.passwordHash ?? '')).toBe(true);
          expect(await tx.consentEvents.get('ce-004499')).toEqual(seed.consentEvents[4499]);
          expect(ids((await tx.consentEvents.list({ limit: 2 })).items)).toEqual(['ce-000000', 'ce-000001']);
          expect(await tx.processors.get('proc-1')).toEqual(seed.processors[0]);
          expect(await tx.supportAccess.get('sar-1')).toEqual(seed.supportAccess[0]);
        });
      });

      it('drop and rebuild the indexes of a big table, leaving the same indexes', async () => {
        const indexes = () =>
          t.sql<{ indexname: string }>(
            `SELECT indexname FROM pg_indexes WHERE tablename = 'consent_events' AND schemaname = current_schema() ORDER BY indexname`,
          );
        const before = (await indexes()).rows;
        await loadSeed(t.db, smallSeed(30), fastHasher, { ...schemaOption(), rebuildIndexesFrom: 10 });
        expect((await indexes()).rows).toEqual(before);
        expect(before.map((i) => i.indexname)).toEqual(
          expect.arrayContaining(['consent_events_combination_idx', 'consent_events_newest_idx']),
        );
        const page = await t.store.transaction((tx) => tx.consentEvents.list({ limit: 50, subjectIds: ['sub-1'] }));
        expect(page.items).toHaveLength(15);
      });

      it('load all or nothing', async () => {
        const seed = smallSeed(10);
        const broken = { ...seed, deletions: [makeDeletion({ accountId: 'no-such-account' })] };
        await expect(loadSeed(t.db, broken, fastHasher, schemaOption())).rejects.toMatchObject({ code: '23503' });
        expect(await t.store.transaction((tx) => tx.accounts.get('acc-1'))).toBeNull();
      });
    });
  });
}
