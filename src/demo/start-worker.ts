import type { Hono } from 'hono';
import { http } from 'msw';
import { setupWorker } from 'msw/browser';
import { createApp } from '@/api/app';
import type { AppDeps } from '@/api/deps';
import { MemoryJobQueue } from '@/api/jobs/memory-queue';
import { startJobs } from '@/api/jobs/registry';
import { newAuditEvent } from '@/api/records';
import { newId } from '@/api/services/context';
import { SESSION_HOURS } from '@/api/services/session';
import { MemoryStore } from '@/api/store/memory/memory-store';
import { hashSeedPasswords, sealSeedSecrets, seedSnapshot } from './load-seed';
import { createPbkdf2Hasher } from './passwords';
import type { DemoPersistence } from './persistence';
import { openDemoPersistence, replayChanges } from './persistence';
import { lazySandboxes } from './sandboxes/demo-sandboxes';
import { generateSeed } from './seed';
import { demoPassword } from './seed-data';

/**
 * The key that encrypts login details attached to support-access requests and connector credentials. Not
 * a secret, and need not be: in the demo everything, key included, lives in this browser, and the data is
 * synthetic.
 */
const DEMO_CREDENTIALS_KEY = btoa('privacy-console-demo-key-32bytes');

type DemoApi = { app: Hono; stop(): void };

/**
 * How many consent events the demo generates: the seed's default, or VITE_DEMO_CONSENT_EVENTS at build time
 * (the benchmark builds a demo with 100,000 to measure the ledger at that size).
 */
function demoConsentEvents(): number | undefined {
  const configured = Number(import.meta.env.VITE_DEMO_CONSENT_EVENTS);
  return Number.isInteger(configured) && configured > 0 ? configured : undefined;
}

const CLOCK_KEY = 'privacy-console-demo-clock-offset';

/** The demo's clock: the browser's, plus the offset a visitor (or a test) moved it by in this tab. */
function demoClock(fresh: boolean): { now: () => Date; advance(seconds: number): void } {
  if (fresh) sessionStorage.removeItem(CLOCK_KEY);
  let offsetMs = Number(sessionStorage.getItem(CLOCK_KEY)) || 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    advance(seconds) {
      offsetMs += seconds * 1000;
      sessionStorage.setItem(CLOCK_KEY, String(offsetMs));
    },
  };
}

/**
 * The API over a MemoryStore holding the seed plus the changes saved in this browser. The seed is
 * generated around the instant of the first visit (kept), so every reload regenerates the same records
 * and the saved changes land on them.
 */
async function buildApi(persistence: DemoPersistence, fresh: boolean): Promise<DemoApi> {
  const passwords = createPbkdf2Hasher();
  const saved = fresh ? { anchor: null, changes: [] } : await persistence.load();
  const anchor = saved.anchor ?? new Date().toISOString();
  const seed = await generateSeed({ now: new Date(anchor), consentEvents: demoConsentEvents() });
  // The demo's clock may be moved forward (POST /api/test/clock) to see deadlines pass; the offset is kept
  // for the tab until the demo data is reset.
  const clock = demoClock(fresh);
  const jobs = new MemoryJobQueue({ now: clock.now, pollIntervalMs: 1000 });
  const store = MemoryStore.fromSnapshot(
    seedSnapshot(seed, await hashSeedPasswords(seed, passwords), await sealSeedSecrets(seed, DEMO_CREDENTIALS_KEY)),
    { jobs },
  );
  const resumed = saved.anchor !== null && replayChanges(store, saved.changes);
  if (!resumed) await persistence.reset(anchor);
  const unsubscribe = store.onCommit((entries) => {
    void persistence.append(entries).catch(() => undefined);
  });
  if (fresh) {
    await store.transaction((tx) =>
      tx.audit.insert(
        newAuditEvent({
          id: newId('aud'),
          at: new Date().toISOString(),
          action: 'demo.reset',
          recordType: 'demo',
          recordId: 'demo',
          summary: 'Demo data reset to the synthetic seed',
          origin: 'demo browser',
        }),
      ),
    );
  }
  // The vendors' sandboxes hold the people as the store holds them when a connector first runs (an erased
  // email is gone by then).
  const sandboxes = lazySandboxes(
    () =>
      store.transaction(async (tx) => {
        const found = await Promise.all(seed.subjects.map((s) => tx.subjects.get(s.id)));
        return found.filter((s) => s !== null);
      }),
    clock.now,
  );
  const deps: AppDeps = {
    store,
    mode: 'demo',
    passwords,
    credentialsKey: DEMO_CREDENTIALS_KEY,
    connectorFetch: sandboxes.fetch,
    sandboxes: { fail: sandboxes.fail },
    now: clock.now,
    jobs,
    // Nothing leaves the browser: the message stays in the outbox, where the Outbox page shows it.
    mailer: {
      kind: 'outbox',
      deliver: async (message) => ({ messageId: message.id, accepted: true, response: 'kept in the demo outbox' }),
    },
    testClock: { advance: async (seconds) => clock.advance(seconds) },
    demoUsers: { users: seed.users.map(({ email, name, role }) => ({ email, name, role })), password: demoPassword },
    // The session, like the data, never leaves this browser: an idle timeout would only sign a visitor out
    // while they read (or move the demo's clock on). The 12-hour lifetime still applies.
    sessionIdleMinutes: SESSION_HOURS * 60,
  };
  await startJobs(jobs, deps);
  await jobs.start();
  const stop = () => {
    unsubscribe();
    void jobs.stop();
  };
  return { app: createApp(deps), stop };
}

/**
 * msw's worker unregisters itself when its last tab closes; a page that opens meanwhile still sees the old
 * registration, and msw's unawaited `registration.update()` on it rejects ("Failed to update a
 * ServiceWorker ... Not found") as an unhandled error. Updating it here first, and dropping it when the
 * update fails, lets msw register a fresh worker instead.
 */
async function dropVanishedWorker(workerUrl: string): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const script = new URL(workerUrl, location.href).href;
  const registrations = await navigator.serviceWorker.getRegistrations();
  for (const registration of registrations) {
    const worker = registration.active ?? registration.waiting ?? registration.installing;
    if (worker?.scriptURL !== script) continue;
    try {
      await registration.update();
    } catch {
      await registration.unregister().catch(() => false);
    }
  }
}

/** The rejection of `registration.update()` on a worker that unregistered itself: "Failed to update a ServiceWorker ... Not found". */
export function isVanishedWorkerUpdate(reason: unknown): boolean {
  return (
    typeof reason === 'object' &&
    reason !== null &&
    'message' in reason &&
    typeof reason.message === 'string' &&
    /Failed to update a ServiceWorker/i.test(reason.message) &&
    /not found|no active worker|unregistered/i.test(reason.message)
  );
}

/**
 * Demo mode: the real API answers every /api request inside the page, through msw's service worker.
 * Resolves once the worker is registered and the data is loaded, so the console's first request is answered.
 */
export async function startDemo(): Promise<void> {
  const workerUrl = `${import.meta.env.BASE_URL}mockServiceWorker.js`;
  // Should the worker still vanish between that check and msw's own unawaited update, its rejection is
  // that race and nothing else: not an error for the page; the registration msw makes next is live.
  window.addEventListener('unhandledrejection', (event) => {
    if (isVanishedWorkerUpdate(event.reason)) event.preventDefault();
  });
  await dropVanishedWorker(workerUrl);
  const persistence = await openDemoPersistence();
  let api = buildApi(persistence, false);

  const worker = setupWorker(
    // Answered here, not by the API: it replaces the API's store.
    http.post('/api/demo/reset', async () => {
      const previous = await api.catch(() => null);
      previous?.stop();
      api = buildApi(persistence, true);
      await api;
      return new Response(null, { status: 204 });
    }),
    http.all('/api/*', async ({ request }) => (await api).app.fetch(request)),
  );
  await Promise.all([
    api,
    worker.start({
      onUnhandledRequest: 'bypass',
      quiet: true,
      serviceWorker: { url: workerUrl },
    }),
  ]);
}
