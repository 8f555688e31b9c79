import { afterAll, describe, expect, it } from 'vitest';
import type { ConsentEvent } from '@/api/contract/consent';
import type { DashboardSummary } from '@/api/contract/dashboard';
import type { AppDeps } from '@/api/deps';
import { reviewReasonsFor, staleMarketingBefore } from '@/api/rules/consent-review';
import { DEFAULT_TIME_ZONE } from '@/api/rules/deadlines';
import { makeCtx } from '@/api/services/context';
import { dashboardSummary } from '@/api/services/dashboard';
import { MemoryStore } from '@/api/store/memory/memory-store';
import type { Store } from '@/api/store/store';
import { hashSeedPasswords, sealSeedSecrets, seedSnapshot } from '@/demo/load-seed';
import { generateSeed } from '@/demo/seed';
import type { SeedData } from '@/demo/seed-data';
import { ANCHOR, TEST_KEY, testPasswords } from '@/testing/harness';
import { loadSeed } from './seed-loader';
import type { TestStore } from './test-support';
import { makePgliteStore, makePostgresStore, testDatabaseUrl } from './test-support';

/**
 * Demo and server load the same seed by different roads: the demo builds its MemoryStore from a snapshot
 * (src/demo/start-worker.ts), the server bulk-loads SQL and rebuilds the consent states in one pass
 * (server/first-start.ts). Their dashboards must show the same figures; the review queue's is also worked
 * out here from the seed with the rule itself, so two stores wrong in the same way fail too.
 */
const seedPromise = generateSeed({ now: ANCHOR, accounts: 300, consentEvents: 6000, supportAccessRequests: 30, deletionRequests: 30 });

function depsOver(store: Store): AppDeps {
  return { store, mode: 'server', passwords: testPasswords, credentialsKey: TEST_KEY, now: () => ANCHOR };
}

async function dashboardsOf(store: Store, seed: SeedData): Promise<Record<string, DashboardSummary>> {
  const answers: Record<string, DashboardSummary> = {};
  for (const user of seed.users) {
    const { id, email, name, role } = user;
    answers[role] = await dashboardSummary(makeCtx(depsOver(store)), { user: { id, email, name, role }, origin: null });
  }
  return answers;
}

/** Each person's current consent per purpose (the newest event, and the channel of the newest grant), queued by the rule. */
function reviewOpenFromSeed(seed: SeedData): number {
  const newest = (a: ConsentEvent, b: ConsentEvent | undefined) =>
    !b || a.occurredAt > b.occurredAt || (a.occurredAt === b.occurredAt && a.id > b.id);
  const current = new Map<string, ConsentEvent>();
  const grant = new Map<string, ConsentEvent>();
  for (const e of seed.consentEvents) {
    const key = `${e.subjectId} ${e.purpose}`;
    if (newest(e, current.get(key))) current.set(key, e);
    if (e.action === 'granted' && newest(e, grant.get(key))) grant.set(key, e);
  }
  // The notice in use per purpose: the newest published (the store's `notices.latest`).
  const notices = new Map<string, SeedData['notices'][number]>();
  for (const n of seed.notices) {
    const seen = notices.get(n.purpose);
    if (!seen || n.publishedAt > seen.publishedAt || (n.publishedAt === seen.publishedAt && n.hash > seen.hash)) notices.set(n.purpose, n);
  }
  const latestNotice = Object.fromEntries([...notices].map(([purpose, n]) => [purpose, n.hash]));
  const context = { latestNotice, staleBefore: staleMarketingBefore(ANCHOR, DEFAULT_TIME_ZONE) };
  let open = 0;
  for (const [key, event] of current) {
    if (reviewReasonsFor({ event, grantChannel: grant.get(key)?.channel ?? null }, context).length > 0) open++;
  }
  return open;
}

async function sqlLoaded(made: TestStore | null, seed: SeedData): Promise<TestStore | null> {
  if (!made) return null;
  await loadSeed(made.db, seed, testPasswords, TEST_KEY, made.schema === 'public' ? {} : { schema: made.schema });
  return made;
}

describe('the same seed in demo and server mode', () => {
  const made: TestStore[] = [];
  afterAll(async () => {
    for (const m of made) await m.cleanup();
  });

  it('gives the same dashboard to every role, and the review queue the seed holds', { timeout: 300_000 }, async () => {
    const seed = await seedPromise;
    const demo = MemoryStore.fromSnapshot(
      seedSnapshot(seed, await hashSeedPasswords(seed, testPasswords), await sealSeedSecrets(seed, TEST_KEY)),
    );
    const expected = await dashboardsOf(demo, seed);
    expect(expected.privacy_officer?.consent?.reviewOpen).toBe(reviewOpenFromSeed(seed));
    expect(expected.privacy_officer?.consent?.reviewOpen).toBeGreaterThan(0);

    const servers: [string, TestStore | null][] = [['PGlite', await makePgliteStore()]];
    if (testDatabaseUrl()) servers.push(['PostgreSQL', await makePostgresStore()]);
    for (const [name, store] of servers) {
      const loaded = await sqlLoaded(store, seed);
      if (!loaded) throw new Error(`${name}: no store was made`);
      made.push(loaded);
      expect({ name, dashboards: await dashboardsOf(loaded.store, seed) }).toEqual({ name, dashboards: expected });
    }
  });
});
