import type { Hono } from 'hono';
import { createApp } from '@/api/app';
import type { AppDeps } from '@/api/deps';
import { MemoryJobQueue } from '@/api/jobs/memory-queue';
import { startJobs } from '@/api/jobs/registry';
import { newAuditEvent } from '@/api/records';
import { newId } from '@/api/services/context';
import { SESSION_HOURS } from '@/api/services/session';
import { MemoryStore } from '@/api/store/memory/memory-store';
import { eraseCompletedDeletions, hashSeedPasswords, sealSeedSecrets, seedSnapshot } from './load-seed';
import { createPbkdf2Hasher } from './passwords';
import type { DemoPersistence } from './persistence';
import { replayChanges } from './persistence';
import { lazySandboxes } from './sandboxes/demo-sandboxes';
import { generateSeed } from './seed';
import { demoPassword } from './seed-data';

/**
 * The key that encrypts login details attached to support-access requests and connector credentials. Not
 * a secret, and need not be: in the demo everything, key included, lives in this browser, and the data is
 * synthetic.
 */
const DEMO_CREDENTIALS_KEY = btoa('privacy-console-demo-key-32bytes');

export type DemoApi = { app: Hono; stop(): void };

/**
 * How many consent events the demo generates: the seed's default, or VITE_DEMO_CONSENT_EVENTS at build time
 * (the benchmark builds a demo with 100,000 to measure the ledger at that size).
 */
function demoConsentEvents(): number | undefined {
  const configured = Number(import.meta.env.VITE_DEMO_CONSENT_EVENTS);
  return Number.isInteger(configured) && configured > 0 ? configured : undefined;
}

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
 * The API over a MemoryStore holding the seed plus the changes saved in this browser. The seed is
 * generated around the instant of the first visit (kept), so every reload regenerates the same records
 * and the saved changes land on them.
 */
export async function buildApi(persistence: DemoPersistence, fresh: boolean, clockState: DemoClock): Promise<DemoApi> {
  const passwords = createPbkdf2Hasher();
  const saved = fresh ? { anchor: null, changes: [] } : await persistence.load();
  const anchor = saved.anchor ?? new Date().toISOString();
  const seed = await generateSeed({ now: new Date(anchor), consentEvents: demoConsentEvents() });
  // The demo's clock may be moved forward (POST /api/test/clock) to see deadlines pass; the page keeps the
  // offset for the tab until the demo data is reset.
  const clock = demoClock(fresh ? { ...clockState, offsetMs: 0 } : clockState);
  const jobs = new MemoryJobQueue({ now: clock.now, pollIntervalMs: 1000 });
  const erased = await eraseCompletedDeletions(seed, DEMO_CREDENTIALS_KEY);
  const store = MemoryStore.fromSnapshot(
    seedSnapshot(erased, await hashSeedPasswords(seed, passwords), await sealSeedSecrets(seed, DEMO_CREDENTIALS_KEY)),
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
    findInRows: async (needles) => store.findInRows(needles),
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
