import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { TEST_CLIENT } from './server/oidc-test-client';
import { serverPort, ssoIssuer, ssoName } from './e2e/sso-identities';

// Debian's Chromium where it exists (our machines and CI); Playwright's own browser elsewhere (a laptop).
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const launchOptions = {
  executablePath,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

// E2E_DEMO_PORT and E2E_SERVER_PORT let two checkouts run their browser tests side by side.
const DEMO_PORT = process.env.E2E_DEMO_PORT ?? '4173';
const SERVER_PORT = serverPort;
/** Consent events in the seed of both sides of the browser tests (SEED_CONSENT_EVENTS, VITE_DEMO_CONSENT_EVENTS). */
const E2E_CONSENT_EVENTS = 10_000;
const DEMO_URL = `http://localhost:${DEMO_PORT}`;
const SERVER_URL = `http://localhost:${SERVER_PORT}`;
const browser = { ...devices['Desktop Chrome'], launchOptions };

// E2E_TARGET=demo or E2E_TARGET=server runs one of the two (quicker while working on one side).
const target = process.env.E2E_TARGET;
const wanted = (name: string) => !target || name.includes(target);
/** Specs that change no data (see the 'server-pages' project). */
const READ_ONLY_SPECS = [/layout\.spec\.ts/, /shell\.spec\.ts/];

/** The same specs run against the demo build (API in the page) and against `npm start` (Node + PGlite). */
export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  // Two workers for each side's process (scripts/e2e.mjs runs the two sides at once): a test mostly waits on
  // its page, so one worker kept about a third of the machine busy. The demo's tests are isolated (each
  // context has its own API in the page); the server's share one seeded database, so only the specs that
  // change nothing ('server-pages') run beside the others, which keep one worker and their order.
  workers: 2,
  retries: 0,
  forbidOnly: true,
  reporter: process.env.CI ? [['list']] : [['list']],
  // Two workers a side share the two cores with the servers: a test that takes 25 s alone took up to 60 s on a
  // busy machine. A test's limit says when it is stuck, not how fast it must be.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  // A failed test keeps its trace (each action's DOM, the network, the console) and a screenshot. The trace's
  // screencast is left out: recorded for every test, passing or not, it cost about a quarter of the run's CPU.
  use: { trace: { mode: 'retain-on-failure', screenshots: false }, screenshot: 'only-on-failure' },
  projects: [
    { name: 'setup-demo', testMatch: /auth\.setup\.ts/, use: { ...browser, baseURL: DEMO_URL } },
    {
      name: 'demo',
      testIgnore: [/\.setup\.ts/, /\.server\.spec\.ts/, /\.clock\.spec\.ts/],
      dependencies: ['setup-demo'],
      use: { ...browser, baseURL: DEMO_URL },
    },
    // `*.clock.spec.ts` move the app's clock forward (sessions end, deadlines pass): after everything else.
    {
      name: 'clock-demo',
      testMatch: /\.clock\.spec\.ts/,
      dependencies: ['setup-demo', 'demo'],
      use: { ...browser, baseURL: DEMO_URL },
    },
    { name: 'setup-server', testMatch: /auth\.setup\.ts/, use: { ...browser, baseURL: SERVER_URL } },
    // `*.demo.spec.ts`: behaviour of the page alone (themes, keyboard), the same on both builds; run once.
    {
      name: 'server',
      testIgnore: [/\.setup\.ts/, /\.demo\.spec\.ts/, /\.clock\.spec\.ts/, ...READ_ONLY_SPECS],
      dependencies: ['setup-server'],
      workers: 1,
      use: { ...browser, baseURL: SERVER_URL },
    },
    // The specs that only read (every page's layout and axe, each role's areas), beside 'server' on the same
    // server: nothing they check depends on what the others change, and they change nothing the others check.
    {
      name: 'server-pages',
      testMatch: READ_ONLY_SPECS,
      dependencies: ['setup-server'],
      workers: 1,
      use: { ...browser, baseURL: SERVER_URL },
    },
    {
      name: 'clock-server',
      testMatch: /\.clock\.spec\.ts/,
      dependencies: ['setup-server', 'server', 'server-pages'],
      use: { ...browser, baseURL: SERVER_URL },
    },
  ].filter((p) => wanted(p.name)),
  webServer: [
    {
      name: 'demo',
      // A smaller seed than the demo's 50,000 events (every full page load of the demo generates it again):
      // the pages and flows are the same, in a fraction of the time. Built apart, so `npm run preview:demo` keeps the full demo.
      command: `npx vite build --mode demo --outDir dist-demo-e2e && npx vite preview --mode demo --outDir dist-demo-e2e --port ${DEMO_PORT} --strictPort`,
      // No .br/.gz copies (vite.config.ts): `vite preview` serves the files as they are.
      env: { VITE_DEMO_CONSENT_EVENTS: String(E2E_CONSENT_EVENTS), PRECOMPRESS: '0' } as Record<string, string>,
      url: DEMO_URL,
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
    },
    // The identity provider the server's "Sign in with Test IdP" goes to (e2e/sso.server.spec.ts).
    {
      name: 'oidc-for-server',
      command: 'node --import tsx e2e/sso-provider.ts',
      url: `${ssoIssuer}/.well-known/openid-configuration`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      name: 'server',
      command: 'node scripts/e2e-server.mjs',
      url: `${SERVER_URL}/api/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 240_000,
      gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 10_000 },
      env: {
        SEED_CONSENT_EVENTS: String(E2E_CONSENT_EVENTS),
        OIDC_ISSUER: ssoIssuer,
        OIDC_CLIENT_ID: TEST_CLIENT.id,
        OIDC_CLIENT_SECRET: TEST_CLIENT.secret,
        OIDC_NAME: ssoName,
      },
    },
  ].filter((w) => wanted(w.name)),
});
