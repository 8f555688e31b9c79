import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { QueueUnderTest } from '@/testing/job-queue-suite';
import { describeJobQueue } from '@/testing/job-queue-suite';
import type { Db } from './db';
import { openPglite, openPostgres } from './db';
import { PgBossQueue } from './pg-boss-queue';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const schemaName = () => `pgboss_test_${randomBytes(6).toString('hex')}`;

function onDb(open: () => Promise<Db>): () => Promise<QueueUnderTest> {
  return async () => {
    const db = await open();
    const schema = schemaName();
    const queue = new PgBossQueue(db, { schema, pollingIntervalSeconds: 0.5 });
    return {
      queue,
      inTransaction: (work) => db.transaction((q) => work(queue.sender(q))),
      pass: async (seconds) => {
        await sleep(seconds * 1000);
      },
      close: async () => {
        await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      },
    };
  };
}

let pglite: Promise<Db> | undefined;
afterAll(async () => {
  if (pglite) await (await pglite).close();
});
describeJobQueue(
  'pg-boss on PGlite',
  onDb(() => (pglite ??= openPglite())),
  { settleSeconds: 1.5 },
);

const adminUrl = process.env.TEST_DATABASE_URL;
if (adminUrl) {
  const name = `privacy_console_jobs_${randomBytes(6).toString('hex')}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  let created: Promise<void> | undefined;
  const dbs: Db[] = [];
  const open = async () => {
    created ??= admin(`CREATE DATABASE ${name}`);
    await created;
    const db = openPostgres(url.toString(), { max: 4 });
    dbs.push(db);
    return db;
  };
  afterAll(async () => {
    await Promise.all(dbs.map((db) => db.close()));
    if (created) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  describeJobQueue('pg-boss on PostgreSQL', onDb(open), { settleSeconds: 1.5 });

  describe('pg-boss on PostgreSQL, two instances', () => {
    it('runs each job once across two instances, one at a time per singleton key', async () => {
      const schema = schemaName();
      const [a, b] = [
        new PgBossQueue(await open(), { schema, pollingIntervalSeconds: 0.5 }),
        new PgBossQueue(await open(), { schema, pollingIntervalSeconds: 0.5 }),
      ];
      const policy = { retryLimit: 0, retryDelaySeconds: 1, retryBackoff: false, expireInSeconds: 60 };
      await a.start();
      await b.start();
      try {
        await a.define('work', policy);
        await b.define('work', policy);
        const runs: string[] = [];
        const running = new Set<string>();
        let overlapped = false;
        const handler = (instance: string) => async (job: { data: Record<string, unknown> }) => {
          const key = String(job.data.key);
          if (running.has(key)) overlapped = true;
          running.add(key);
          await sleep(50);
          runs.push(`${String(job.data.n)}@${instance}`);
          running.delete(key);
        };
        await a.work('work', handler('a'));
        await b.work('work', handler('b'));
        for (let n = 0; n < 20; n++) await a.send('work', { n, key: `k${n % 4}` }, { singletonKey: `k${n % 4}-${n}` });
        for (let waited = 0; runs.length < 20 && waited < 20_000; waited += 250) await sleep(250);
        const numbers = runs.map((r) => Number(r.split('@')[0])).sort((x, y) => x - y);
        expect(numbers).toEqual([...Array(20).keys()]);
        expect(overlapped).toBe(false);
      } finally {
        await a.stop();
        await b.stop();
      }
    }, 40_000);
  });
}
