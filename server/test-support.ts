import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { Db, QueryResult, Row } from './db';
import { openPglite, openPostgres, useSchemaStatement } from './db';
import { migrate } from './migrate';
import type { TestJobs } from '@/testing/harness';
import { PgBossQueue } from './pg-boss-queue';
import { SqlStore } from './sql-store/sql-store';

export type TestStore = {
  store: SqlStore;
  /** pg-boss in a schema of its own next to the store, registering handlers without polling (tests run jobs). */
  jobs: TestJobs;
  db: Db;
  /** The schema the store lives in (PGlite) or `public` (its own PostgreSQL database). */
  schema: string;
  /** PostgreSQL only: the database's URL, for a second pool on it (a second instance). */
  url?: string;
  /** Runs one statement next to the store's tables, outside the Store interface (triggers, constraints). */
  sql<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  cleanup(): Promise<void>;
};

let sharedPglite: Promise<Db> | undefined;

/**
 * A migrated SqlStore on PGlite in memory. Opening PGlite takes seconds, so one instance serves the whole
 * test file (one process) and each store gets a fresh schema of its own: stores never see each other's rows.
 */
export async function makePgliteStore(options: { now?: () => Date } = {}): Promise<TestStore> {
  sharedPglite ??= openPglite();
  const db = await sharedPglite;
  const schema = `test_${randomBytes(8).toString('hex')}`;
  await migrate(db, { schema });
  const jobs = testJobs(db, `${schema}_jobs`, options.now);
  return {
    store: new SqlStore(db, { schema, ownsDb: false, jobs: jobs.queue }),
    jobs,
    db,
    schema,
    sql: (statement, params) =>
      db.transaction(async (q) => {
        await q.query(useSchemaStatement(schema));
        return q.query(statement, params);
      }),
    async cleanup() {
      await db.exec(`DROP SCHEMA ${schema} CASCADE; DROP SCHEMA IF EXISTS ${schema}_jobs CASCADE`);
    },
  };
}

export function testDatabaseUrl(): string | null {
  return process.env.TEST_DATABASE_URL || null;
}

/**
 * A migrated SqlStore on the PostgreSQL server named by TEST_DATABASE_URL, in a database of its own that
 * `cleanup` drops; null when TEST_DATABASE_URL is not set.
 */
export async function makePostgresStore(options: { now?: () => Date } = {}): Promise<TestStore | null> {
  const adminUrl = testDatabaseUrl();
  if (!adminUrl) return null;
  const name = `privacy_console_test_${randomBytes(6).toString('hex')}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = openPostgres(url.toString(), { max: 5 });
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    throw error;
  }
  const jobs = testJobs(db, 'pgboss', options.now);
  return {
    store: new SqlStore(db, { jobs: jobs.queue }),
    jobs,
    db,
    schema: 'public',
    url: url.toString(),
    sql: (statement, params) => db.query(statement, params),
    async cleanup() {
      await db.close();
      await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

function testJobs(db: Db, schema: string, now?: () => Date): TestJobs & { queue: PgBossQueue } {
  const queue = new PgBossQueue(db, { schema, poll: false, ...(now ? { now } : {}) });
  return { queue, advance: (seconds) => queue.advance(seconds) };
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
