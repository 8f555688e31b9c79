import type { PasswordHasher } from '@/api/deps';
import { eraseCompletedDeletions, hashSeedPasswords, sealSeedSecrets, seedSnapshot } from '@/demo/load-seed';
import type { SeedData } from '@/demo/seed-data';
import type { Db, Queryable } from './db';
import { useSchemaStatement } from './db';
import type { Table } from './tables';
import { linkUnlinked, nodeChainHasher } from './sql-store/chain';
import {
  accountsTable,
  bulkInsertStatement,
  connectorCredentialsTable,
  consentEventsTable,
  breachesTable,
  deletionsTable,
  noticesTable,
  processorsTable,
  subjectsTable,
  supportAccessTable,
  usersTable,
} from './tables';

/** Rows per INSERT: a few megabytes of JSON, which both drivers take in stride. */
const batchSize = 2000;
/** Past this many rows into an empty table, dropping its indexes and building them after is much faster. */
const defaultRebuildIndexesFrom = 50_000;

export type LoadOptions = { rebuildIndexesFrom?: number };

export type SeedCounts = Record<
  'users' | 'accounts' | 'subjects' | 'processors' | 'notices' | 'consentEvents' | 'supportAccess' | 'deletions' | 'breaches',
  number
>;

async function insertAll<R>(q: Queryable, table: Table<R>, records: readonly R[], options: LoadOptions): Promise<void> {
  const rebuild = records.length >= (options.rebuildIndexesFrom ?? defaultRebuildIndexesFrom) && (await isEmpty(q, table.name));
  const indexes = rebuild ? await dropSecondaryIndexes(q, table.name) : [];
  for (let start = 0; start < records.length; start += batchSize) {
    const statement = bulkInsertStatement(table, records.slice(start, start + batchSize));
    await q.query(statement.sql, statement.params);
  }
  for (const definition of indexes) await q.query(definition);
}

async function isEmpty(q: Queryable, table: string): Promise<boolean> {
  const { rows } = await q.query(`SELECT 1 FROM ${table} LIMIT 1`);
  return rows.length === 0;
}

/** Drops the table's indexes other than its primary key and answers the statements that recreate them. */
async function dropSecondaryIndexes(q: Queryable, table: string): Promise<string[]> {
  const { rows } = await q.query<{ name: string; definition: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
     FROM pg_index x
     JOIN pg_class i ON i.oid = x.indexrelid
     JOIN pg_class t ON t.oid = x.indrelid
     WHERE t.relname = $1 AND t.relnamespace = to_regnamespace(current_schema())::oid
       AND NOT x.indisprimary AND NOT x.indisunique`,
    [table],
  );
  for (const row of rows) await q.query(`DROP INDEX ${quoteIdent(row.name)}`);
  return rows.map((row) => row.definition);
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Loads a seed into an open transaction, in foreign-key order. The users' passwords are hashed here, with
 * the server's hasher, and the connectors' credentials encrypted with the server's `credentialsKey`, so the
 * seed itself only carries the demo password and the sandboxes' published credentials.
 */
export async function loadSeedInto(
  q: Queryable,
  generated: SeedData,
  passwords: PasswordHasher,
  credentialsKey: string,
  options: LoadOptions = {},
): Promise<SeedCounts> {
  const seed = await eraseCompletedDeletions(generated, credentialsKey);
  const { users, connectorCredentials } = seedSnapshot(
    seed,
    await hashSeedPasswords(seed, passwords),
    await sealSeedSecrets(seed, credentialsKey),
  );
  await insertAll(q, accountsTable, seed.accounts, options);
  await insertAll(q, usersTable, users, options);
  await insertAll(q, subjectsTable, seed.subjects, options);
  await insertAll(q, noticesTable, seed.notices, options);
  await insertAll(q, processorsTable, seed.processors, options);
  await insertAll(q, connectorCredentialsTable, connectorCredentials, options);
  // Current consent per person and purpose is kept by a trigger; for a bulk load one pass after is far cheaper.
  await q.query('ALTER TABLE consent_events DISABLE TRIGGER consent_states_sync');
  await insertAll(q, consentEventsTable, seed.consentEvents, options);
  await q.query('ANALYZE consent_events');
  await q.query('SELECT rebuild_consent_states()');
  await q.query('ALTER TABLE consent_events ENABLE TRIGGER consent_states_sync');
  await insertAll(q, supportAccessTable, seed.supportAccess, options);
  await insertAll(q, deletionsTable, seed.deletions, options);
  await insertAll(q, breachesTable, seed.breaches, options);
  // The seed's events join the hash chains like any other (one link each), under the server's key.
  await linkUnlinked(q, nodeChainHasher(credentialsKey), 'consent');
  await linkUnlinked(q, nodeChainHasher(credentialsKey), 'audit');
  // Fresh statistics, so the first queries on a million rows plan with the right indexes.
  await q.query(
    'ANALYZE accounts, users, subjects, notices, processors, consent_events, chain_links, consent_states, consent_event_combinations, consent_event_days, support_access_requests, deletion_requests',
  );
  return {
    users: users.length,
    accounts: seed.accounts.length,
    subjects: seed.subjects.length,
    processors: seed.processors.length,
    notices: seed.notices.length,
    consentEvents: seed.consentEvents.length,
    supportAccess: seed.supportAccess.length,
    deletions: seed.deletions.length,
    breaches: seed.breaches.length,
  };
}

/**
 * Loads a seed in one transaction: all of it, or nothing. After a big load, VACUUM marks the new pages
 * all-visible, so the ledger's counts and merged ranges read the indexes alone (PGlite never vacuums by itself).
 */
export async function loadSeed(
  db: Db,
  seed: SeedData,
  passwords: PasswordHasher,
  credentialsKey: string,
  options: LoadOptions & { schema?: string } = {},
): Promise<SeedCounts> {
  const counts = await db.transaction(async (q) => {
    if (options.schema !== undefined) await q.query(useSchemaStatement(options.schema));
    return loadSeedInto(q, seed, passwords, credentialsKey, options);
  });
  if (counts.consentEvents >= (options.rebuildIndexesFrom ?? defaultRebuildIndexesFrom)) {
    if (options.schema !== undefined) useSchemaStatement(options.schema); // checks the name
    const prefix = options.schema === undefined ? '' : `${options.schema}.`;
    await db.exec(`VACUUM (ANALYZE) ${prefix}consent_events, ${prefix}consent_states`);
  }
  return counts;
}
