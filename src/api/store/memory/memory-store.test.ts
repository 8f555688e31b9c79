import { describe, expect, it, vi } from 'vitest';
import type { Account } from '@/api/contract/accounts';
import type { Tx } from '@/api/store/store';
import { hashSeedPasswords, sealSeedSecrets, seedSnapshot } from '@/demo/load-seed';
import { generateSeed } from '@/demo/seed';
import type { SeedData } from '@/demo/seed-data';
import { makeSession, makeUser } from '@/testing/fixtures';
import { TEST_KEY, testPasswords } from '@/testing/harness';
import { describeStoreConformance } from '@/testing/store-suite/store-suite';
import type { JournalEntry } from './memory-store';
import { MemoryStore } from './memory-store';

describeStoreConformance('MemoryStore', async () => {
  const store = new MemoryStore();
  return {
    store,
    cleanup: async () => undefined,
    tamper: async (chain, id, change) => store.tamperForTests(chain, id, change),
  };
});

/** What only the MemoryStore does: its journal (the demo's persistence), its one-at-a-time transactions. */

const account = (n: number): Account => ({
  id: `acc_t${n}`,
  name: `Test ${n}`,
  hosting: 'cloud',
  plan: 'paid',
  status: 'active',
  primaryRegion: 'US',
  createdAt: '2026-01-01T00:00:00.000Z',
  cancelledAt: null,
  peopleCount: 1,
});

const seedOptions = {
  now: new Date('2026-11-29T10:00:00.000Z'),
  accounts: 60,
  consentEvents: 600,
  supportAccessRequests: 16,
  deletionRequests: 20,
};
const fromSeed = async (seed: SeedData) =>
  MemoryStore.fromSnapshot(seedSnapshot(seed, await hashSeedPasswords(seed, testPasswords), await sealSeedSecrets(seed, TEST_KEY)));

describe('MemoryStore journal', () => {
  it('journals committed writes only, in order', async () => {
    const store = new MemoryStore();
    await store.transaction(async (tx) => {
      await tx.accounts.insert(account(1));
      await tx.users.insert(makeUser({ id: 'u' }));
      await tx.sessions.insert(
        makeSession({
          tokenHash: 't',
          userId: 'u',
          createdAt: '2026-01-01T00:00:00.000Z',
          expiresAt: '2026-01-02T00:00:00.000Z',
        }),
      );
    });
    await expect(
      store.transaction(async (tx) => {
        await tx.accounts.insert(account(2));
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    await store.transaction(async (tx) => {
      await tx.sessions.delete('t');
      await tx.sessions.delete('never-there');
      await tx.accounts.get('acc_t1');
    });
    expect(store.journal()).toEqual([
      { table: 'accounts', op: 'put', key: 'acc_t1', record: account(1) },
      { table: 'users', op: 'put', key: 'u', record: makeUser({ id: 'u' }) },
      { table: 'sessions', op: 'put', key: 't', record: expect.objectContaining({ tokenHash: 't' }) },
      { table: 'sessions', op: 'delete', key: 't' },
    ]);
  });

  it('tells commit listeners once per writing transaction, and stops when unsubscribed', async () => {
    const store = new MemoryStore();
    const calls: (readonly JournalEntry[])[] = [];
    const off = store.onCommit((entries) => calls.push(entries));
    await store.transaction(async (tx) => tx.accounts.insert(account(1)));
    await store.transaction(async (tx) => tx.accounts.get('acc_t1'));
    await store
      .transaction(async (tx) => {
        await tx.settings.put('a', 1, 0);
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toEqual([{ table: 'accounts', op: 'put', key: 'acc_t1', record: account(1) }]);
    off();
    await store.transaction(async (tx) => tx.accounts.insert(account(2)));
    expect(calls).toHaveLength(1);
  });

  it('keeps the commit when a listener throws', async () => {
    const store = new MemoryStore();
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    store.onCommit(() => {
      throw new Error('disk full');
    });
    await expect(store.transaction(async (tx) => tx.accounts.insert(account(1)))).resolves.toBeUndefined();
    expect(await store.transaction((tx) => tx.accounts.get('acc_t1'))).toEqual(account(1));
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });

  it('rebuilds the same state from the seed plus the journal', async () => {
    const seed = await generateSeed(seedOptions);
    const first = await fromSeed(seed);
    const deletion = seed.deletions.find((d) => d.status === 'pending_review');
    if (!deletion) throw new Error('seed has no pending deletion');
    await first.transaction(async (tx) => {
      await tx.accounts.insert(account(1));
      await tx.deletions.update(
        { ...deletion, version: deletion.version + 1, status: 'rejected', rejectionReason: 'test' },
        deletion.version,
      );
      await tx.settings.put('processorNoticeDays', 14, 0);
      await tx.sessions.insert(makeSession({ tokenHash: 'gone', userId: 'usr_officer', createdAt: seed.anchor, expiresAt: seed.anchor }));
      await tx.sessions.delete('gone');
    });
    const journal = first.journal();

    const second = await fromSeed(await generateSeed(seedOptions));
    second.applyJournal(journal);
    const snapshot = (store: MemoryStore) =>
      store.transaction(async (tx) => ({
        deletion: await tx.deletions.get(deletion.id),
        account: await tx.accounts.get('acc_t1'),
        setting: await tx.settings.get('processorNoticeDays'),
        session: await tx.sessions.get('gone'),
        deletions: await tx.deletions.list({ limit: 200 }),
        events: await tx.consentEvents.list({ limit: 30, purpose: 'marketing_emails' }),
      }));
    const [a, b] = [await snapshot(first), await snapshot(second)];
    expect(b).toEqual(a);
    expect(b.deletion?.status).toBe('rejected');
    expect(b.setting).toEqual({ value: 14, version: 1 });
    expect(b.session).toBeNull();
    expect(second.journal()).toEqual([]);
  });

  it('loads every seed record, users with their password hashes', async () => {
    const seed = await generateSeed(seedOptions);
    expect(() => seedSnapshot(seed, new Map(), [])).toThrow(/password hash/);
    const store = await fromSeed(seed);
    const counts = await store.transaction(async (tx) => ({
      accounts: (await tx.accounts.list({ limit: 1 })).total,
      events: (await tx.consentEvents.list({ limit: 1 })).total,
      access: (await tx.supportAccess.list({ limit: 1, sort: 'newest' })).total,
      deletions: (await tx.deletions.list({ limit: 1 })).total,
      processors: (await tx.processors.list()).length,
      officer: await tx.users.getByEmail('officer@demo.test'),
    }));
    expect(counts).toEqual({
      accounts: seed.accounts.length,
      events: seed.consentEvents.length,
      access: seed.supportAccess.length,
      deletions: seed.deletions.length,
      processors: seed.processors.length,
      officer: expect.objectContaining({ id: 'usr_officer', passwordHash: await testPasswords.hash('demo-password') }),
    });
  });
});

describe('MemoryStore transactions', () => {
  it('runs transactions one at a time, in the order they were asked', async () => {
    const store = new MemoryStore();
    const trace: string[] = [];
    const slow = store.transaction(async (tx) => {
      trace.push('a start');
      await new Promise((resolve) => setTimeout(resolve, 20));
      await tx.accounts.insert(account(1));
      trace.push('a end');
    });
    const fast = store.transaction(async (tx) => {
      trace.push('b start');
      trace.push(`b sees ${(await tx.accounts.get('acc_t1'))?.id ?? 'nothing'}`);
    });
    await Promise.all([slow, fast]);
    expect(trace).toEqual(['a start', 'a end', 'b start', 'b sees acc_t1']);
  });

  it('refuses a transaction object used after its transaction ended', async () => {
    const store = new MemoryStore();
    const kept: { tx?: Tx } = {};
    await store.transaction(async (tx) => {
      kept.tx = tx;
    });
    await expect(kept.tx?.accounts.get('acc_t1')).rejects.toThrow(/ended/);
  });

  it('refuses work once closed', async () => {
    const store = new MemoryStore();
    expect(await store.ping()).toBe(true);
    await store.close();
    expect(await store.ping()).toBe(false);
    await expect(store.transaction(async () => 1)).rejects.toThrow(/closed/);
  });
});

describe('MemoryStore consent states', () => {
  const allStates = (store: MemoryStore) => store.transaction(async (tx) => (await tx.consentStates.list({ limit: 100_000 })).items);

  it('folded from a loaded ledger, equal those kept event by event', async () => {
    const seed = await generateSeed(seedOptions);
    // Folded when first read: every event was loaded before.
    const folded = await fromSeed(seed);
    // Kept event by event: read first (an empty store's states), then each event inserted moves them.
    const kept = await fromSeed({ ...seed, consentEvents: [] });
    expect(await allStates(kept)).toEqual([]);
    await kept.transaction(async (tx) => {
      for (const e of seed.consentEvents) await tx.consentEvents.insert(e);
    });
    const states = await allStates(folded);
    // The fold must keep the newest grant's channel where a purpose was granted more than once.
    const regranted = new Set<string>();
    const grants = new Map<string, number>();
    for (const e of seed.consentEvents.filter((x) => x.action === 'granted')) {
      const key = `${e.subjectId}/${e.purpose}`;
      grants.set(key, (grants.get(key) ?? 0) + 1);
      if ((grants.get(key) ?? 0) > 1) regranted.add(key);
    }
    expect(regranted.size).toBeGreaterThan(0);
    expect(states.length).toBeGreaterThan(0);
    expect(states).toEqual(await allStates(kept));
  });
});
