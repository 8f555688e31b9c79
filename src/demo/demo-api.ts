import type { Hono } from 'hono';
import { createApp } from '@/api/app';
import type { AppDeps } from '@/api/deps';
import { MemoryJobQueue } from '@/api/jobs/memory-queue';
import { startJobs } from '@/api/jobs/registry';
import { newAuditEvent } from '@/api/records';
import { newId } from '@/api/services/context';
import { SESSION_HOURS } from '@/api/services/session';
import { MemoryStore } from '@/api/store/memory/memory-store';
import { eventsNewest } from '@/api/store/memory/paging';
import type { StoreSnapshot } from '@/api/store/schemas';
import { eraseCompletedDeletions, hashSeedPasswords, sealSeedSecrets, seedSnapshot } from './load-seed';
import { createPbkdf2Hasher } from './passwords';
import type { DemoPersistence } from './persistence';
import { replayChanges } from './replay-changes';
import { lazySandboxes } from './sandboxes/demo-sandboxes';
import { generateSeed } from './seed';
import type { SeedCache } from './seed-cache';
import { demoConsentEvents, demoSeedKey } from './seed-cache';
import { demoPassword } from './seed-data';

/**
 * The key that encrypts login details attached to support-access requests and connector credentials. Not
 * a secret, and need not be: in the demo everything, key included, lives in this browser, and the data is
 * synthetic.
 */
const DEMO_CREDENTIALS_KEY = btoa('privacy-console-demo-key-32bytes');

/** Where the store's first state came from: the seed cache, or the generator (a first visit, a reset, a new build). */
export type SeedSource = 'cache' | 'generated';

/** Milliseconds each step of the start took: the journal read, the seed (read or generated), the store made, the rest. */
export type StartSteps = { journal: number; seed: number; store: number; rest: number };

export type DemoApi = {
  app: Hono;
  stop(): void;
  /**
   * Settles once every change committed so far is in the browser's storage. The worker answers a request only
   * after it: a page that reloads as soon as it has an answer (a sign-in, a sign-out, a moved clock) keeps what
   * the answer said was done.
   */
  saved(): Promise<void>;
  source: SeedSource;
  steps: StartSteps;
};

/** The demo's clock: the browser's, plus the offset a visitor (or a test) moved it by in this tab. */
export type DemoClock = { offsetMs: number; onAdvance: (offsetMs: number) => void };

function demoClock({ offsetMs: start, onAdvance }: DemoClock): { now: () => Date; advance(seconds: number): void } {
  let offsetMs = start;
  return {
    now: () => new Date(Date.now() + offsetMs),
    advance(seconds) {
      offsetMs += seconds * 1000;
      onAdvance(offsetMs);
    },
  };
}

/**
 * The seed as the store first holds it, made around `anchor`: from the cache when it holds this build's
 * seed for this anchor and size, else generated (then kept in the cache once the API is answering, see
 * `later`). The generator is deterministic for an anchor, so both ways give the same records.
 */
async function seedState(
  anchor: string,
  cache: SeedCache,
  passwords: ReturnType<typeof createPbkdf2Hasher>,
): Promise<{ snapshot: StoreSnapshot; source: SeedSource; keep: () => Promise<void> }> {
  const consentEvents = demoConsentEvents();
  const key = demoSeedKey(anchor);
  const cached = await cache.get(key);
  if (cached) return { snapshot: cached, source: 'cache', keep: async () => undefined };
  const seed = await generateSeed({ now: new Date(anchor), consentEvents });
  const erased = await eraseCompletedDeletions(seed, DEMO_CREDENTIALS_KEY);
  // Kept in the ledger's order (newest first), so a reload's store sorts an already sorted list.
  const ledger = [...erased.consentEvents].sort(eventsNewest.compare);
  const snapshot = seedSnapshot(
    { ...erased, consentEvents: ledger },
    await hashSeedPasswords(seed, passwords),
    await sealSeedSecrets(seed, DEMO_CREDENTIALS_KEY),
  );
  // Cloned into IndexedDB as the store was made: the store replaces records, it never changes one in place.
  return { snapshot, source: 'generated', keep: () => cache.put(key, snapshot) };
}

/** How long after the API first answers a freshly generated seed is written to the cache (its clone holds the worker). */
const KEEP_AFTER_MS = 1000;

/**
 * The API over a MemoryStore holding the seed plus the changes saved in this browser. The seed is
 * generated around the instant of the first visit (kept), so every reload finds the same records (from the
 * seed cache, or generated again) and the saved changes land on them.
 */
export async function buildApi(persistence: DemoPersistence, cache: SeedCache, fresh: boolean, clockState: DemoClock): Promise<DemoApi> {
  let lap = performance.now();
  const step = () => {
    const at = performance.now();
    const ms = Math.round(at - lap);
    lap = at;
    return ms;
  };
  const passwords = createPbkdf2Hasher();
  const saved = fresh ? { anchor: null, changes: [] } : await persistence.load();
  const anchor = saved.anchor ?? new Date().toISOString();
  const journalMs = step();
  const { snapshot, source, keep } = await seedState(anchor, cache, passwords);
  const seedMs = step();
  const seedUsers = snapshot.users.map(({ email, name, role }) => ({ email, name, role }));
  const seedSubjectIds = snapshot.subjects.map((s) => s.id);
  // The demo's clock may be moved forward (POST /api/test/clock) to see deadlines pass; the page keeps the
  // offset for the tab until the demo data is reset.
  const clock = demoClock(fresh ? { ...clockState, offsetMs: 0 } : clockState);
  const jobs = new MemoryJobQueue({ now: clock.now, pollIntervalMs: 1000 });
  const store = MemoryStore.fromSnapshot(snapshot, { jobs });
  const resumed = saved.anchor !== null && replayChanges(store, saved.changes);
  const storeMs = step();
  if (!resumed) await persistence.reset(anchor);
  const saving = new Set<Promise<void>>();
  const unsubscribe = store.onCommit((entries) => {
    // A failed write (storage full, private mode) loses the change at the next reload, never the answer now.
    const write = persistence.append(entries).catch(() => undefined);
    saving.add(write);
    void write.then(() => saving.delete(write));
  });
  const allSaved = async () => {
    await Promise.all([...saving]);
  };
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
        const found = await Promise.all(seedSubjectIds.map((id) => tx.subjects.get(id)));
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
    findInRows: async (needles) => store.findInRows(needles),
    demoUsers: { users: seedUsers, password: demoPassword },
    // The session, like the data, never leaves this browser: an idle timeout would only sign a visitor out
    // while they read (or move the demo's clock on). The 12-hour lifetime still applies.
    sessionIdleMinutes: SESSION_HOURS * 60,
  };
  await startJobs(jobs, deps);
  await jobs.start();
  const keeping = setTimeout(() => void keep(), KEEP_AFTER_MS);
  const stop = () => {
    clearTimeout(keeping);
    unsubscribe();
    void jobs.stop();
  };
  const app = createApp(deps);
  return { app, stop, saved: allSaved, source, steps: { journal: journalMs, seed: seedMs, store: storeMs, rest: step() } };
}
