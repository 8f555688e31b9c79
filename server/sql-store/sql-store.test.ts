import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountStatuses, hostings, plans, subjectKinds } from '@/api/contract/accounts';
import { recordTypes } from '@/api/contract/audit';
import { roles } from '@/api/contract/common';
import { connectorVendors } from '@/api/contract/connectors';
import type { ConsentEvent } from '@/api/contract/consent';
import { consentActions, consentChannels, consentPurposes } from '@/api/contract/consent';
import { deletionStatuses } from '@/api/contract/deletions';
import { processorKinds, processorStatuses } from '@/api/contract/processors';
import { accessStatuses } from '@/api/contract/support-access';
import type { SeedData } from '@/demo/seed-data';
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
} from '@/testing/fixtures';
import { smallSeed as harnessSeed, TEST_KEY } from '@/testing/harness';
import { completedDeletionNeedles, erasedTexts, erasurePlan, loadErasureFixtures } from '@/testing/store-suite/erasure';
import { describeStoreConformance } from '@/testing/store-suite/store-suite';
import type { Row } from '../db';
import { useSchemaStatement } from '../db';
import { migrate, readMigrations } from '../migrate';
import { createScryptHasher } from '../passwords';
import { loadSeed } from '../seed-loader';
import { accountsTable, auditTable, bulkInsertStatement, consentEventsTable, insertStatement, subjectsTable } from '../tables';
import type { TestStore } from '../test-support';
import { makePgliteStore, makePostgresStore, testDatabaseUrl } from '../test-support';
import { findInRows } from './find-in-rows';
import { SqlStore } from './sql-store';
import { anchorChains, verifyChain } from '@/api/services/ledger-chain';
import { extendChain, sealedForm } from '@/api/store/chain';
import { linkUnlinked, needsBackfill } from './chain';
import { DEFAULT_CONTROLLER } from '@/api/rules/controller';

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

// Every store behaviour, as the MemoryStore runs it too: each area in a schema (PGlite) or a database
// (PostgreSQL) of its own, one PGlite for the whole file.
for (const home of homes) {
  describeStoreConformance(`SqlStore on ${home.name}`, async () => {
    const made = await home.make();
    return { ...made, tamper: (chain, id, change) => tamperSql(made, chain, id, change) };
  });
}

/** What the database's owner can do: switch the append-only trigger off, change or delete an event, switch it on. */
async function tamperSql(
  made: TestStore,
  chain: 'audit' | 'consent',
  id: string,
  change: (record: Record<string, unknown>) => Record<string, unknown> | null,
) {
  const [table, trigger] =
    chain === 'audit' ? ['audit_events', 'audit_events_no_update_or_delete'] : ['consent_events', 'consent_events_append_only'];
  const { rows } = await made.sql<{ doc: Record<string, unknown> }>(`SELECT doc FROM ${table} WHERE id = $1`, [id]);
  const doc = rows[0]?.doc;
  if (!doc) throw new Error(`No ${table} row ${id}`);
  const changed = change(doc);
  await made.sql(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);
  if (changed === null) {
    await made.sql(`DELETE FROM ${table} WHERE id = $1`, [id]);
  } else {
    await made.sql(`UPDATE ${table} SET doc = $2::jsonb WHERE id = $1`, [id, JSON.stringify(changed)]);
  }
  await made.sql(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
}

const fastHasher = createScryptHasher({ N: 1024, r: 8, p: 1 });
const ids = (items: { id: string }[]) => items.map((item) => item.id);

// What only the SQL store has: migrations, triggers and count tables, constraints, the bulk loader.
for (const home of homes) {
  describe(`SqlStore on ${home.name}: the database inside`, () => {
    let t: TestStore;

    beforeEach(async () => {
      t = await home.make();
    });
    afterEach(async () => {
      await t.cleanup();
    });

    describe('migrations', () => {
      it('apply once, and a second run (also a concurrent one) finds nothing to do', async () => {
        expect(await migrate(t.db, t.schema === 'public' ? {} : { schema: t.schema })).toEqual([]);
        const schema = `${t.schema === 'public' ? 'extra' : t.schema}_again`;
        const runs = await Promise.all([migrate(t.db, { schema }), migrate(t.db, { schema })]);
        // Each migration once, in order, between the two concurrent runs.
        const names = readMigrations().map((m) => m.name);
        expect(names.slice(0, 4)).toEqual([
          '001_initial.sql',
          '002_consent_states_and_reviews.sql',
          '003_consent_ledger_combinations.sql',
          '004_uniqueness_rules.sql',
        ]);
        expect(runs.flat()).toEqual(names);
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
        // Written as the application of that time did (today's store also links each event: migration 010).
        await t.db.transaction(async (q) => {
          await q.query(useSchemaStatement(schema));
          for (const statement of [
            insertStatement(accountsTable, makeAccount()),
            insertStatement(subjectsTable, makeSubject()),
            ...old.map((e) => insertStatement(consentEventsTable, e)),
          ])
            await q.query(statement.sql, statement.params);
        });
        expect(await migrate(t.db, { schema, migrations: readMigrations().slice(0, 3) })).toEqual(['003_consent_ledger_combinations.sql']);
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

      it('bring sessions forward: migration 007 ends the sessions it cannot time out and drops the old counters', async () => {
        const schema = `${t.schema === 'public' ? 'extra' : t.schema}_upgrade7`;
        const all = readMigrations();
        const at = all.findIndex((m) => m.name === '007_sign_in_sessions_hardening.sql');
        await migrate(t.db, { schema, migrations: all.slice(0, at) });
        const inSchema = <R extends Row>(statement: string, params: unknown[] = []) =>
          t.db.transaction(async (q) => {
            await q.query(useSchemaStatement(schema));
            return q.query<R>(statement, params);
          });
        await inSchema(
          `INSERT INTO users (id, email, name, role, created_at, doc) VALUES ('u1', 'a@b.test', 'A', 'auditor', now(), '{}'::jsonb)`,
        );
        await inSchema(
          `INSERT INTO sessions (token_hash, user_id, expires_at, doc) VALUES ('h', 'u1', now() + interval '1 hour', '{}'::jsonb)`,
        );
        await inSchema(`INSERT INTO sign_in_attempts (email, failures, locked_until, doc) VALUES ('a@b.test', 3, NULL, '{}'::jsonb)`);
        expect(await migrate(t.db, { schema, migrations: all.slice(0, at + 1) })).toEqual(['007_sign_in_sessions_hardening.sql']);
        expect((await inSchema('SELECT * FROM sessions')).rows).toEqual([]);
        expect((await inSchema(`SELECT to_regclass('sign_in_attempts') AS t`)).rows).toEqual([{ t: null }]);
        await t.db.exec(`DROP SCHEMA ${schema} CASCADE`);
      });

      it("bring existing rows forward: migration 004 moves a setting's version into its row and names processors for the rule", async () => {
        const schema = `${t.schema === 'public' ? 'extra' : t.schema}_upgrade4`;
        const all = readMigrations();
        await migrate(t.db, { schema, migrations: all.slice(0, 3) });
        const inSchema = <R extends Row>(statement: string, params: unknown[] = []) =>
          t.db.transaction(async (q) => {
            await q.query(useSchemaStatement(schema));
            return q.query<R>(statement, params);
          });
        await inSchema(
          `INSERT INTO settings (key, value) VALUES ('company', '{"processorNoticeDays": 14, "version": 3}'::jsonb), ('other', '"x"'::jsonb)`,
        );
        await inSchema(
          `INSERT INTO processors (id, name, kind, status, version, doc) VALUES ('p1', 'Mailer Inc', 'processor', 'active', 1, $1::jsonb)`,
          [JSON.stringify(makeProcessor({ id: 'p1' }))],
        );
        expect(await migrate(t.db, { schema, migrations: all.slice(0, 4) })).toEqual(['004_uniqueness_rules.sql']);
        const store = new SqlStore(t.db, { schema, ownsDb: false });
        expect(await store.transaction((tx) => tx.settings.get('company'))).toEqual({
          value: { processorNoticeDays: 14, version: 3 },
          version: 3,
        });
        expect(await store.transaction((tx) => tx.settings.get('other'))).toEqual({ value: 'x', version: 1 });
        expect((await inSchema<{ name_lower: string }>('SELECT name_lower FROM processors')).rows).toEqual([{ name_lower: 'mailer inc' }]);
        await expect(
          store.transaction((tx) => tx.processors.insert(makeProcessor({ id: 'p2', name: 'MAILER INC' }))),
        ).rejects.toMatchObject({
          rule: 'processor_name',
        });
        await t.db.exec(`DROP SCHEMA ${schema} CASCADE`);
      });

      it('bring existing processors forward: migration 006 gives them no connector, and keeps credentials apart', async () => {
        const schema = `${t.schema === 'public' ? 'extra' : t.schema}_upgrade5`;
        const all = readMigrations();
        const at = all.findIndex((m) => m.name === '006_processor_connectors.sql');
        await migrate(t.db, { schema, migrations: all.slice(0, at) });
        const inSchema = <R extends Row>(statement: string, params: unknown[] = []) =>
          t.db.transaction(async (q) => {
            await q.query(useSchemaStatement(schema));
            return q.query<R>(statement, params);
          });
        const { connector: _connector, ...before } = makeProcessor({ id: 'p1' });
        await inSchema(
          `INSERT INTO processors (id, name, name_lower, kind, status, version, doc) VALUES ('p1', 'Mailer Inc', 'mailer inc', 'processor', 'active', 1, $1::jsonb)`,
          [JSON.stringify(before)],
        );
        expect(await migrate(t.db, { schema, migrations: all.slice(0, at + 1) })).toEqual(['006_processor_connectors.sql']);
        const store = new SqlStore(t.db, { schema, ownsDb: false });
        expect(await store.transaction((tx) => tx.processors.get('p1'))).toEqual(makeProcessor({ id: 'p1' }));
        await expect(
          inSchema(`INSERT INTO connector_credentials (processor_id, vendor, updated_at, doc) VALUES ('p1', 'acme', now(), '{}')`),
        ).rejects.toMatchObject({ code: '23514' });
        await t.db.exec(`DROP SCHEMA ${schema} CASCADE`);
      });

      it('bring DPF forward: migration 011 turns a "dpf" location into the processor\'s certification', async () => {
        const schema = `${t.schema === 'public' ? 'extra' : t.schema}_upgrade11`;
        const all = readMigrations();
        const at = all.findIndex((m) => m.name === '011_registry_records.sql');
        await migrate(t.db, { schema, migrations: all.slice(0, at) });
        const inSchema = <R extends Row>(statement: string, params: unknown[] = []) =>
          t.db.transaction(async (q) => {
            await q.query(useSchemaStatement(schema));
            return q.query<R>(statement, params);
          });
        const { dpfParticipant: _dpf, ...current } = makeProcessor({ id: 'p1' });
        const legacy = {
          ...current,
          locations: [
            { country: 'IE', transferMechanism: null },
            { country: 'US', transferMechanism: 'dpf' },
          ],
        };
        const other = { ...current, id: 'p2', name: 'Other', locations: [{ country: 'RS', transferMechanism: 'scc' }] };
        for (const doc of [legacy, other]) {
          await inSchema(
            `INSERT INTO processors (id, name, name_lower, kind, status, version, doc) VALUES ($1, $2, lower($2), 'processor', 'active', 1, $3::jsonb)`,
            [doc.id, doc.name, JSON.stringify(doc)],
          );
        }
        expect(await migrate(t.db, { schema, migrations: all.slice(0, at + 1) })).toEqual(['011_registry_records.sql']);
        const store = new SqlStore(t.db, { schema, ownsDb: false });
        expect(await store.transaction((tx) => tx.processors.get('p1'))).toEqual({
          ...current,
          locations: [
            { country: 'IE', transferMechanism: null },
            { country: 'US', transferMechanism: null },
          ],
          dpfParticipant: current.legalEntity,
        });
        expect(await store.transaction((tx) => tx.processors.get('p2'))).toEqual(other);
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

    describe('triggers and count tables', () => {
      // 24 events over 12 days, cycling through purposes, channels and notice versions.
      const events: ConsentEvent[] = Array.from({ length: 24 }, (_, i) =>
        makeConsentEvent({
          id: `ce-${String(i).padStart(2, '0')}`,
          purpose: consentPurposes[i % 3] ?? 'marketing_emails',
          action: i % 4 === 0 ? 'withdrawn' : 'granted',
          channel: consentChannels[i % 5] ?? 'call',
          noticeVersion: i < 12 ? 'v1' : 'v2',
          occurredAt: hoursAfter('2026-03-01T00:00:00.000Z', Math.floor(i / 2) * 24 + 10),
        }),
      );

      beforeEach(async () => {
        await t.store.transaction(async (tx) => {
          await tx.accounts.insert(makeAccount());
          await tx.subjects.insert(makeSubject());
          await tx.users.insert(makeUser());
          for (const event of events) await tx.consentEvents.insert(event);
        });
      });

      it('keep a count per combination of purpose, action, channel and notice version, one by one and in bulk', async () => {
        type Count = { purpose: string; action: string; channel: string; notice_version: string; events: string };
        const counts = async () =>
          (
            await t.sql<Count>(
              'SELECT purpose, action, channel, notice_version, events::text FROM consent_event_combinations ORDER BY 1, 2, 3, 4',
            )
          ).rows;
        const fromEvents = async () =>
          (
            await t.sql<Count>(
              'SELECT purpose, action, channel, notice_version, count(*)::text AS events FROM consent_events GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4',
            )
          ).rows;
        expect(await counts()).toEqual(await fromEvents());
        expect((await counts()).length).toBeGreaterThan(5);
        const more = events.slice(0, 6).map((e, i) => ({ ...e, id: `ce-bulk-${i}`, noticeVersion: 'v3' }));
        await t.store.transaction(async (tx) => {
          for (const e of more) await tx.consentEvents.insert(e);
        });
        const { sql, params } = bulkInsertStatement(
          consentEventsTable,
          more.map((e) => ({ ...e, id: `${e.id}-again` })),
        );
        await t.sql(sql, params);
        expect(await counts()).toEqual(await fromEvents());
        expect((await t.store.transaction((tx) => tx.consentEvents.list({ limit: 50, noticeVersion: 'v3' }))).total).toBe(12);
      });

      it('refuse UPDATE, DELETE and TRUNCATE of consent events and of audit events (append-only triggers)', async () => {
        await t.store.transaction((tx) => tx.audit.insert(makeAudit({ id: 'e1' })));
        await expect(t.sql(`UPDATE consent_events SET action = 'granted' WHERE id = 'ce-00'`)).rejects.toThrow(/append-only/);
        await expect(t.sql(`DELETE FROM consent_events WHERE id = 'ce-00'`)).rejects.toThrow(/append-only/);
        await expect(t.sql('TRUNCATE consent_events CASCADE')).rejects.toThrow(/append-only/);
        await expect(t.sql(`UPDATE audit_events SET action = 'forged' WHERE id = 'e1'`)).rejects.toThrow(/append-only/);
        await expect(t.sql(`DELETE FROM audit_events WHERE id = 'e1'`)).rejects.toThrow(/append-only/);
        await expect(t.sql('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
        expect((await t.store.transaction((tx) => tx.consentEvents.list({ limit: 50 }))).items).toHaveLength(events.length);
        expect((await t.store.transaction((tx) => tx.audit.list({ limit: 50 }))).items).toHaveLength(1);
      });
    });

    describe('erasure', () => {
      it('leaves no name or email of the erased account in any row of any table, and still refuses other changes', async () => {
        await t.store.transaction(loadErasureFixtures);
        const own = { schemas: [t.schema] };
        const before = await findInRows(t.db, erasedTexts, own);
        expect(new Set(before.map((m) => m.table.split('.')[1]))).toEqual(
          new Set([
            'accounts',
            'subjects',
            'consent_events',
            'consent_reviews',
            'audit_events',
            'support_access_requests',
            'deletion_requests',
          ]),
        );
        await t.store.transaction((tx) => tx.erasure.eraseAccount(erasurePlan));
        expect(await findInRows(t.db, erasedTexts, own)).toEqual([]);
        // The flag lets the erasure rewrite content only: never what a row records, never a deletion.
        const flagged = (statement: string) =>
          t.sql(`DO $$ BEGIN PERFORM set_config('privacy_console.erasing', 'acc_er', true); ${statement}; END $$`);
        await expect(flagged(`UPDATE consent_events SET action = 'granted' WHERE id = 'ce_er2'`)).rejects.toThrow(/append-only/);
        await expect(flagged(`DELETE FROM consent_events WHERE id = 'ce_er2'`)).rejects.toThrow(/append-only/);
        await expect(flagged(`UPDATE audit_events SET action = 'forged' WHERE id = 'aud_er'`)).rejects.toThrow(/append-only/);
        await expect(flagged(`DELETE FROM audit_events WHERE id = 'aud_er'`)).rejects.toThrow(/append-only/);
        await expect(t.sql(`UPDATE consent_events SET doc = doc WHERE id = 'ce_er2'`)).rejects.toThrow(/append-only/);
        await expect(t.sql(`UPDATE audit_events SET doc = doc WHERE id = 'aud_er'`)).rejects.toThrow(/append-only/);
        await expect(flagged(`UPDATE consent_events SET doc = doc WHERE id = 'ce_er2'`)).resolves.toBeDefined();
      });
    });

    describe('schema constraints', () => {
      it('refuse a status outside the contract (CHECK)', async () => {
        await t.store.transaction((tx) => tx.accounts.insert(makeAccount()));
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
        check('connector_credentials', 'vendor', connectorVendors);
        check('notices', 'purpose', consentPurposes);
        check('consent_events', 'purpose', consentPurposes);
        check('consent_events', 'action', consentActions);
        check('consent_events', 'channel', consentChannels);
        check('support_access_requests', 'status', accessStatuses);
        check('deletion_requests', 'status', deletionStatuses);
        check('audit_events', 'record_type', recordTypes);
      });
    });

    describe('hash chains', () => {
      const seedEvents = async () => {
        await t.store.transaction(async (tx) => {
          await tx.accounts.insert(makeAccount());
          await tx.subjects.insert(makeSubject());
          for (let i = 0; i < 5; i++) await tx.consentEvents.insert(makeConsentEvent({ id: `ce-${i}`, occurredAt: hoursAfter(t0, i) }));
          for (let i = 0; i < 5; i++) await tx.audit.insert(makeAudit({ id: `aud-${i}`, at: hoursAfter(t0, i) }));
        });
      };

      it('keep their links append-only, as the events are', async () => {
        await seedEvents();
        await expect(t.sql(`UPDATE chain_links SET hash = repeat('1', 64) WHERE chain = 'audit' AND seq = 2`)).rejects.toThrow(
          /append-only/,
        );
        await expect(t.sql(`DELETE FROM chain_links`)).rejects.toThrow(/append-only/);
        await expect(t.sql(`TRUNCATE chain_links CASCADE`)).rejects.toThrow(/append-only/);
      });

      it('name an event inserted around the store (no link) as unchained', async () => {
        await seedEvents();
        const { sql, params } = insertStatement(auditTable, makeAudit({ id: 'aud-forged', at: hoursAfter(t0, 2) }));
        await t.sql(sql, params);
        expect((await verifyChain(t.store, 'audit')).firstBroken).toMatchObject({ seq: null, eventId: 'aud-forged', problem: 'unchained' });
      });

      it('find links rewritten with their trigger off: the next link, or the anchored head, no longer matches', async () => {
        await seedEvents();
        await anchorChains({
          deps: { store: t.store, mode: 'server', passwords: fastHasher, credentialsKey: TEST_KEY },
          now: new Date(hoursAfter(t0, 10)),
          timeZone: 'UTC',
          controller: DEFAULT_CONTROLLER,
        });
        // The owner edits event 3 and recomputes its content hash and its own link hash: link 4 still names the old one.
        await tamperSql(t, 'audit', 'aud-2', (e) => ({ ...e, summary: 'Edited' }));
        const [link] = await t.store.transaction((tx) => tx.chain.links('audit', 2, 1));
        const hasher = t.store.hasher;
        const contentHash = await hasher.sha256(
          sealedForm('audit', { ...makeAudit({ id: 'aud-2', at: hoursAfter(t0, 2) }), summary: 'Edited' }, null),
        );
        const relinked = await extendChain(
          hasher,
          { chain: 'audit', seq: 2, hash: link!.link.prevHash },
          [{ eventId: 'aud-2', emailSeal: null, contentHash }],
          link!.link.linkedAt,
        );
        await t.sql('ALTER TABLE chain_links DISABLE TRIGGER chain_links_append_only');
        await t.sql(`UPDATE chain_links SET content_hash = $1, hash = $2 WHERE chain = 'audit' AND seq = 3`, [
          contentHash,
          relinked.head.hash,
        ]);
        expect((await verifyChain(t.store, 'audit')).firstBroken).toMatchObject({ seq: 4, eventId: 'aud-3', problem: 'relinked' });
        // ... and rewriting every later link and the head too leaves the daily anchor, which names the old head.
        const rest = await t.store.transaction((tx) => tx.chain.links('audit', 3, 10));
        const rewritten = await extendChain(
          hasher,
          relinked.head,
          rest.map(({ link: l }) => ({ eventId: l.eventId, emailSeal: null, contentHash: l.contentHash })),
          link!.link.linkedAt,
        );
        for (const l of rewritten.links)
          await t.sql(`UPDATE chain_links SET prev_hash = $1, hash = $2 WHERE chain = 'audit' AND seq = $3`, [l.prevHash, l.hash, l.seq]);
        await t.sql(`UPDATE chain_heads SET hash = $1 WHERE chain = 'audit'`, [rewritten.head.hash]);
        await t.sql('ALTER TABLE chain_links ENABLE TRIGGER chain_links_append_only');
        expect((await verifyChain(t.store, 'audit')).firstBroken).toMatchObject({ seq: 5, eventId: 'aud-4', problem: 'anchor_mismatch' });
      });

      it('link the events of a database from before migration 010 once, oldest first', async () => {
        await seedEvents();
        const schema = `${t.schema === 'public' ? 'extra' : t.schema}_chainless`;
        await migrate(t.db, { schema, migrations: readMigrations().slice(0, 7) });
        await t.db.transaction(async (q) => {
          await q.query(useSchemaStatement(schema));
          for (let i = 3; i >= 0; i--) {
            const { sql, params } = insertStatement(auditTable, makeAudit({ id: `aud-old-${i}`, at: hoursAfter(t0, i) }));
            await q.query(sql, params);
          }
        });
        await migrate(t.db, { schema });
        const store = new SqlStore(t.db, { schema, ownsDb: false });
        expect(await verifyChain(store, 'audit')).toMatchObject({
          intact: false,
          firstBroken: { problem: 'unchained', eventId: 'aud-old-0' },
        });
        const linked = await t.db.transaction(async (q) => {
          await q.query(useSchemaStatement(schema));
          return (await needsBackfill(q, 'audit')) ? linkUnlinked(q, store.hasher, 'audit') : 0;
        });
        expect(linked).toBe(4);
        const links = await store.transaction((tx) => tx.chain.links('audit', 0, 10));
        expect(links.map((l) => l.link.eventId)).toEqual(['aud-old-0', 'aud-old-1', 'aud-old-2', 'aud-old-3']);
        expect(await verifyChain(store, 'audit')).toMatchObject({ intact: true, checked: 4 });
        expect(await t.db.transaction(async (q) => (await q.query(useSchemaStatement(schema)), needsBackfill(q, 'audit')))).toBe(false);
        await t.db.exec(`DROP SCHEMA ${schema} CASCADE`);
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
          connectorSecrets: [{ processorId: 'proc-1', vendor: 'stripe', credentials: { secretKey: 'sk_test_seeded' } }],
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
          breaches: [],
        };
      }
      const schemaOption = () => (t.schema === 'public' ? {} : { schema: t.schema });

      it('load every collection, with hashed passwords that verify', async () => {
        const seed = smallSeed(4500);
        const counts = await loadSeed(t.db, seed, fastHasher, TEST_KEY, schemaOption());
        expect(counts).toMatchObject({ users: 2, accounts: 2, consentEvents: 4500, deletions: 1 });
        await t.store.transaction(async (tx) => {
          const officer = await tx.users.getByEmail('officer@demo.test');
          expect(officer?.role).toBe('privacy_officer');
          expect(await fastHasher.verify('demo-password', officer?.passwordHash ?? '')).toBe(true);
          expect(await tx.consentEvents.get('ce-004499')).toEqual(seed.consentEvents[4499]);
          expect(ids((await tx.consentEvents.list({ limit: 2 })).items)).toEqual(['ce-000000', 'ce-000001']);
          expect(await tx.processors.get('proc-1')).toEqual(seed.processors[0]);
          // Encrypted with the server's key: the clear credentials are nowhere in the row.
          const sealed = await tx.connectorCredentials.get('proc-1');
          expect(sealed).toMatchObject({ processorId: 'proc-1', vendor: 'stripe' });
          expect(JSON.stringify(sealed)).not.toContain('sk_test_seeded');
          expect(await tx.supportAccess.get('sar-1')).toEqual(seed.supportAccess[0]);
        });
      });

      it('drop and rebuild the indexes of a big table, leaving the same indexes', async () => {
        const indexes = () =>
          t.sql<{ indexname: string }>(
            `SELECT indexname FROM pg_indexes WHERE tablename = 'consent_events' AND schemaname = current_schema() ORDER BY indexname`,
          );
        const before = (await indexes()).rows;
        await loadSeed(t.db, smallSeed(30), fastHasher, TEST_KEY, { ...schemaOption(), rebuildIndexesFrom: 10 });
        expect((await indexes()).rows).toEqual(before);
        expect(before.map((i) => i.indexname)).toEqual(
          expect.arrayContaining(['consent_events_combination_idx', 'consent_events_newest_idx']),
        );
        const page = await t.store.transaction((tx) => tx.consentEvents.list({ limit: 50, subjectIds: ['sub-1'] }));
        expect(page.items).toHaveLength(15);
      });

      it('link the seed into the consent chain under the server key, which a check under that key finds intact', async () => {
        await loadSeed(t.db, smallSeed(300), fastHasher, TEST_KEY, schemaOption());
        const keyed = new SqlStore(t.db, { ...schemaOption(), ownsDb: false, chainKey: TEST_KEY });
        expect(await verifyChain(keyed, 'consent')).toMatchObject({ intact: true, checked: 300 });
        // Under another key every seal differs: the first email is named as changed.
        expect((await verifyChain(t.store, 'consent')).firstBroken).toMatchObject({ seq: 1, problem: 'altered' });
      });

      it("erase the names and emails of the seed's completed deletions in every row they load", async () => {
        const seed = await harnessSeed();
        const { needles } = completedDeletionNeedles(seed);
        await loadSeed(t.db, seed, fastHasher, TEST_KEY, schemaOption());
        for (const table of ['accounts', 'subjects', 'consent_events', 'support_access_requests', 'deletion_requests', 'breaches']) {
          const { rows } = await t.sql<{ row: string }>(`SELECT row_to_json(x)::text AS row FROM ${table} x`);
          const text = rows.map((r) => r.row.toLowerCase()).join('\n');
          for (const n of needles) expect(text.includes(n), `${table} holds ${n}`).toBe(false);
        }
      });

      it('load all or nothing', async () => {
        const seed = smallSeed(10);
        const broken = { ...seed, deletions: [makeDeletion({ accountId: 'no-such-account' })] };
        await expect(loadSeed(t.db, broken, fastHasher, TEST_KEY, schemaOption())).rejects.toMatchObject({ code: '23503' });
        expect(await t.store.transaction((tx) => tx.accounts.get('acc-1'))).toBeNull();
      });
    });
  });
}
