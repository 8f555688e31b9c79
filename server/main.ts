import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from '@/api/app';
import type { AppDeps } from '@/api/deps';
import { startJobs } from '@/api/jobs/registry';
import { generateSeed } from '@/demo/seed';
import { demoPassword } from '@/demo/seed-data';
import { ConfigError, readConfig, resolveCredentialsKey } from './config';
import { DataDirInUseError, openDb } from './db';
import { seedIfEmpty } from './first-start';
import { createServerApp } from './http-app';
import { migrate } from './migrate';
import { createScryptHasher } from './passwords';
import { PgBossQueue } from './pg-boss-queue';
import { createLogMailer, createSmtpMailer } from './smtp-mailer';
import { serverSandboxes } from './sandboxes';
import { SqlStore } from './sql-store/sql-store';

/** How long in-flight requests get to finish after SIGTERM before their connections are cut. */
const drainMs = 10_000;

async function main(): Promise<void> {
  const config = readConfig(process.env);
  const where = config.databaseUrl ? `PostgreSQL (${redact(config.databaseUrl)})` : `embedded PostgreSQL in ${config.pgliteDir}`;
  console.log(`Opening ${where} ...`);
  const credentialsKey = resolveCredentialsKey(config, (message) => console.warn(`Warning: ${message}`));
  const db = await openDb(config);
  const applied = await migrate(db);
  if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);

  const passwords = createScryptHasher();
  const firstStart = await seedIfEmpty(db, {
    seed: config.seed,
    makeSeed: () => generateSeed({ now: new Date() }),
    passwords,
    credentialsKey,
  });
  if (firstStart.seeded) {
    const { counts, seed } = firstStart;
    console.log(
      `Empty database: loaded the demo data (${counts.accounts} accounts, ${counts.consentEvents} consent events, ` +
        `${counts.supportAccess} support-access requests, ${counts.deletions} deletion requests).`,
    );
    console.log(`Demo users (password "${demoPassword}"): ${seed.users.map((u) => `${u.email} (${u.role})`).join(', ')}`);
  } else if (firstStart.empty) {
    console.log('The database is empty. Create a user with: npm run user -- create --email ... --name ... --role privacy_officer');
  }

  // The app's clock: the system's, or one the e2e tests move forward (TEST_CLOCK=1, refused in production).
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);
  const jobs = new PgBossQueue(db, { now });
  const store = new SqlStore(db, { jobs });
  const mailer = config.smtpUrl ? createSmtpMailer({ url: config.smtpUrl, from: config.mailFrom }) : createLogMailer();
  if (!config.smtpUrl) console.warn('Warning: SMTP_URL is not set: mail is written to this log instead of being sent.');
  // Outside production the vendors' sandboxes answer in-process, where the demo seed's connectors point.
  const sandboxes = config.production ? null : serverSandboxes(db, now);
  const deps: AppDeps = {
    store,
    mode: 'server',
    mailer,
    passwords,
    credentialsKey,
    secureCookies: config.secureCookies,
    now,
    jobs,
    ...(sandboxes ? { connectorFetch: sandboxes.fetch, sandboxes: { fail: sandboxes.fail } } : {}),
    ...(config.testClock
      ? {
          testClock: {
            async advance(seconds: number) {
              offsetMs += seconds * 1000;
              await jobs.advance(seconds);
            },
          },
        }
      : {}),
  };
  await jobs.start();
  await startJobs(jobs, deps);
  if (config.testClock) console.warn('Warning: TEST_CLOCK is set: POST /api/test/clock moves the clock forward.');
  const api = createApp(deps);
  const app = createServerApp({ api, distDir: config.distDir });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info: AddressInfo) => {
    const host = config.host && config.host !== '0.0.0.0' && config.host !== '::' ? config.host : 'localhost';
    console.log(`Privacy Console listening on http://${host}:${info.port}`);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing requests in flight, then closing the database ...`);
    // Cut connections that are still busy once the grace period is over.
    const force = setTimeout(() => {
      if ('closeAllConnections' in server) server.closeAllConnections();
    }, drainMs);
    force.unref();
    // close() stops accepting at once, closes idle keep-alive connections and calls back once the last
    // response has been sent.
    server.close(() => {
      clearTimeout(force);
      jobs
        .stop()
        .then(() => store.close())
        .then(() => {
          console.log('Stopped.');
          process.exit(0);
        })
        .catch((error: unknown) => {
          console.error('Closing the database failed:', error);
          process.exit(1);
        });
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'DATABASE_URL';
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirInUseError) {
    console.error(`Cannot start: ${error.message}`);
  } else {
    console.error('Cannot start:', error);
  }
  process.exit(1);
});
