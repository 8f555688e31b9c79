import type { Hono } from 'hono';
import { http } from 'msw';
import { setupWorker } from 'msw/browser';
import { createApp } from '@/api/app';
import { newAuditEvent } from '@/api/records';
import { newId } from '@/api/services/context';
import { MemoryStore } from '@/api/store/memory/memory-store';
import { hashSeedPasswords, seedSnapshot } from './load-seed';
import { createPbkdf2Hasher } from './passwords';
import type { DemoPersistence } from './persistence';
import { openDemoPersistence, replayChanges } from './persistence';
import { generateSeed } from './seed';

/**
 * The key that encrypts login details attached to support-access requests. Not a secret, and need not
 * be: in the demo everything, key included, lives in this browser, and the data is synthetic.
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
  const store = MemoryStore.fromSnapshot(seedSnapshot(seed, await hashSeedPasswords(seed, passwords)));
  const resumed = saved.anchor !== null && replayChanges(store, saved.changes);
  if (!resumed) await persistence.reset(anchor);
  const stop = store.onCommit((entries) => {
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
  return { app: createApp({ store, mode: 'demo', passwords, credentialsKey: DEMO_CREDENTIALS_KEY }), stop };
}

/**
 * Demo mode: the real API answers every /api request inside the page, through msw's service worker.
 * Resolves once the worker is registered and the data is loaded, so the console's first request is answered.
 */
export async function startDemo(): Promise<void> {
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
      serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
    }),
  ]);
}
