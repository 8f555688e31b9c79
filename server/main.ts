// First: the libraries below load their production builds (react-builds.ts).
import { startedWith } from './react-builds';
import { linkUnlinked, needsBackfill, nodeChainHasher } from './sql-store/chain';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from '@/api/app';
import type { AppDeps } from '@/api/deps';
import { startJobs } from '@/api/jobs/registry';
import { generateSeed, seedUsers } from '@/demo/seed';
import { demoPassword } from '@/demo/seed-data';
import { clientAddressOf, parseTrustedProxies } from './client-address';
import type { ServerConfig } from './config';
import { ConfigError, readConfig, resolveCredentialsKey } from './config';
import { DataDirPermissionError } from './data-dir';
import { DataDirInUseError, openDb } from './db';
import { seedIfEmpty } from './first-start';
import { createServerApp } from './http-app';
import { checkCredentialsKey } from './key-check';
import { appLogger, createLogger } from './logger';
import { migrate } from './migrate';
import { createOidcClient } from './oidc';
import { createScryptHasher } from './passwords';
import { PgBossQueue } from './pg-boss-queue';
import { createLogMailer, createSmtpMailer } from './smtp-mailer';
import { serverSandboxes } from './sandboxes';
import { findInRows } from './sql-store/find-in-rows';
import { SqlStore } from './sql-store/sql-store';
import { startupProblem } from './startup-errors';

/** How long in-flight requests get to finish after SIGTERM before their connections are cut. */
const drainMs = 10_000;

type Fetch = (request: Request, env: unknown) => Response | Promise<Response>;

/**
 * Takes the port before anything else (opening the database, seeding), so a port already in use is told
 * at once, in one line. Until the app is ready every request gets 503 and a Retry-After.
 */
async function listenFirst(config: ServerConfig): Promise<{ server: ReturnType<typeof serve>; port: number; ready: (app: Fetch) => void }> {
  let app: Fetch | null = null;
  const starting = () =>
    new Response(JSON.stringify({ error: { code: 'internal', message: 'The server is starting; try again in a few seconds' } }), {
      status: 503,
      headers: { 'content-type': 'application/json', 'retry-after': '5' },
    });
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: (request, env) => (app ? app(request, env) : starting()), port: config.port, hostname: config.host },
      (info: AddressInfo) => {
        server.off('error', reject);
        resolve({ server, port: info.port, ready: (fetch) => (app = fetch) });
      },
    );
    server.once('error', reject);
  });
}

async function main(config: ServerConfig): Promise<void> {
  const where = config.databaseUrl ? `PostgreSQL (${redact(config.databaseUrl)})` : `embedded PostgreSQL in ${config.pgliteDir}`;
  const { server, port, ready } = await listenFirst(config);
  console.log(`Opening ${where} ...`);
  const credentialsKey = resolveCredentialsKey(config, (message) => console.warn(`Warning: ${message}`));
  const db = await openDb(config);
  const applied = await migrate(db);
  if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
  await checkCredentialsKey(db, credentialsKey, config.credentialsKey ? 'CREDENTIALS_KEY' : config.credentialsKeyFile);

  const passwords = createScryptHasher();
  const firstStart = await seedIfEmpty(db, {
    seed: config.seed,
    makeSeed: () => generateSeed({ now: new Date(), consentEvents: config.seedConsentEvents }),
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

  // A database from before the hash chains (migration 010): its events are linked once, oldest first.
  for (const chain of ['audit', 'consent'] as const) {
    const linked = await db.transaction(async (q) =>
      (await needsBackfill(q, chain)) ? linkUnlinked(q, nodeChainHasher(credentialsKey), chain) : 0,
    );
    if (linked > 0) console.log(`Linked ${linked} earlier ${chain} events into their hash chain.`);
  }

  // The app's clock: the system's, or one the e2e tests move forward (TEST_CLOCK=1, refused in production).
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);
  const jobs = new PgBossQueue(db, { now });
  const store = new SqlStore(db, { jobs, chainKey: credentialsKey });
  const mailer = config.smtpUrl ? createSmtpMailer({ url: config.smtpUrl, from: config.mailFrom }) : createLogMailer();
  if (!config.smtpUrl) console.warn('Warning: SMTP_URL is not set: mail is written to this log instead of being sent.');
  // Outside production the vendors' sandboxes answer in-process, where the demo seed's connectors point.
  const sandboxes = config.production ? null : serverSandboxes(db, now);
  const sso = config.oidc ? createOidcClient(config.oidc) : null;
  if (sso) {
    // Told at start when the provider cannot be reached; sign-ins try its discovery again.
    await sso
      .discover()
      .catch((error: unknown) =>
        console.warn(
          `Warning: the OpenID provider ${config.oidc?.issuer} did not answer its discovery document: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
  }
  const deps: AppDeps = {
    store,
    mode: 'server',
    requireMfa: config.requireMfa,
    ...(sso ? { sso } : {}),
    mailer,
    passwords,
    credentialsKey,
    secureCookies: config.secureCookies,
    sessionIdleMinutes: config.sessionIdleMinutes,
    revealsPerHour: config.revealsPerHour,
    controller: config.controller,
    now,
    jobs,
    ...(sandboxes ? { connectorFetch: sandboxes.fetch, sandboxes: { fail: sandboxes.fail } } : {}),
    log: appLogger(createLogger()),
    clientAddress: clientAddressOf(parseTrustedProxies(config.trustedProxies)),
    // Links in mail (a customer's consent link) need the address customers reach the console at.
    publicUrl:
      process.env.PUBLIC_URL?.trim().replace(/\/+$/, '') || `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`,
    // The sign-in page lists these where they exist (health says which): their password is published.
    demoUsers: { users: seedUsers.map(({ email, name, role }) => ({ email, name, role })), password: demoPassword },
    ...(config.testClock
      ? {
          testClock: {
            async advance(seconds: number) {
              offsetMs += seconds * 1000;
              await jobs.advance(seconds);
            },
          },
          findInRows: (needles: readonly string[]) => findInRows(db, needles),
        }
      : {}),
  };
  await jobs.start();
  await startJobs(jobs, deps);
  if (config.testClock) console.warn('Warning: TEST_CLOCK is set: POST /api/test/clock moves the clock forward.');
  const api = createApp(deps);
  const app = createServerApp({ api, distDir: config.distDir, hsts: config.secureCookies });
  ready((request, env) => app.fetch(request, env));
  const shown = config.host !== '0.0.0.0' && config.host !== '::' ? config.host : 'localhost';
  console.log(`Privacy Console listening on http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`);

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

/** The configuration, or a one-line refusal and exit code 1. */
function configOrExit(): ServerConfig {
  try {
    return readConfig({ ...process.env, NODE_ENV: startedWith });
  } catch (error) {
    console.error(`Cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

const config = configOrExit();
main(config).catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof DataDirInUseError || error instanceof DataDirPermissionError;
  const problem = known ? error.message : startupProblem(error, config);
  if (problem) console.error(`Cannot start: ${problem}`);
  else console.error('Cannot start:', error);
  process.exit(1);
});
