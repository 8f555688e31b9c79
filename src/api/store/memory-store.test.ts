import { describe, expect, it, vi } from 'vitest';
import { generateSeed } from '@/demo/seed';
import type { Account } from '@/api/contract/accounts';
import type { ConsentEvent } from '@/api/contract/consent';
import type { JournalEntry } from './memory-store';
import { MemoryStore } from './memory-store';
import { describeStoreConformance } from './store-conformance';
import type { ConsentListQuery, Tx } from './store';

describeStoreConformance('MemoryStore', async () => ({ store: new MemoryStore(), cleanup: async () => undefined }));

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
const hashes = (ids: string[]) => new Map(ids.map((id) => [id, `hash-of-${id}`]));

describe('MemoryStore journal', () => {
  it('journals committed writes only, in order', async () => {
    const store = new MemoryStore();
    await store.transaction(async (tx) => {
      await tx.accounts.insert(account(1));
      await tx.sessions.insert({
        tokenHash: 't',
        userId: 'u',
        createdAt: '2026-01-01T00:00:00.000Z',
        expiresAt: '2026-01-02T00:00:00.000Z',
      });
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
        await tx.settings.set('a', 1);
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
    const users = seed.users.map((u) => u.id);
    const first = MemoryStore.fromSeed(seed, hashes(users));
    const deletion = seed.deletions.find((d) => d.status === 'pending_review');
    if (!deletion) throw new Error('seed has no pending deletion');
    await first.transaction(async (tx) => {
      await tx.accounts.insert(account(1));
      await tx.deletions.update(
        { ...deletion, version: deletion.version + 1, status: 'rejected', rejectionReason: 'test' },
        deletion.version,
      );
      await tx.settings.set('processorNoticeDays', 14);
      await tx.sessions.insert({ tokenHash: 'gone', userId: 'usr_officer', createdAt: seed.anchor, expiresAt: seed.anchor });
      await tx.sessions.delete('gone');
    });
    const journal = first.journal();

    const second = MemoryStore.fromSeed(await generateSeed(seedOptions), hashes(users));
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
    expect(b.setting).toBe(14);
    expect(b.session).toBeNull();
    expect(second.journal()).toEqual([]);
  });

  it('loads every seed record and signs nobody in without a hash', async () => {
    const seed = await generateSeed(seedOptions);
    expect(() => MemoryStore.fromSeed(seed, new Map())).toThrow(/password hash/);
    const store = MemoryStore.fromSeed(seed, hashes(seed.users.map((u) => u.id)));
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
      officer: expect.objectContaining({ id: 'usr_officer', passwordHash: 'hash-of-usr_officer' }),
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

describe('MemoryStore at demo scale', () => {
  it('answers the first page of a filtered ledger of 100,000 events without sorting it each time', async () => {
    const seed = await generateSeed({ ...seedOptions, accounts: 2000, consentEvents: 100_000 });
    const store = MemoryStore.fromSeed(seed, hashes(seed.users.map((u) => u.id)));
    const newest = [...seed.consentEvents].sort((a, b) =>
      a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : a.id < b.id ? 1 : -1,
    );
    const list = (query: ConsentListQuery) => store.transaction((tx) => tx.consentEvents.list(query));

    const started = performance.now();
    const pages = [];
    for (let i = 0; i < 20; i++) pages.push(await list({ limit: 50, purpose: 'marketing_emails', action: 'withdrawn' }));
    const perPage = (performance.now() - started) / 20;
    const expected = newest.filter((e: ConsentEvent) => e.purpose === 'marketing_emails' && e.action === 'withdrawn');
    expect(pages[0]?.items.map((e) => e.id)).toEqual(expected.slice(0, 50).map((e) => e.id));
    expect(pages[0]?.total).toBe(expected.length);
    // Generous for slow machines; sorting 100,000 events per request would take far longer.
    expect(perPage).toBeLessThan(40);

    const template = newest[0];
    if (!template) throw new Error('no events');
    const inserted: ConsentEvent = { ...template, id: 'ce_latest', occurredAt: '2026-11-29T09:59:59.999Z' };
    const before = (await list({ limit: 1 })).total;
    await store
      .transaction(async (tx) => {
        await tx.consentEvents.insert({ ...inserted, id: 'ce_rolled_back' });
        throw new Error('undo');
      })
      .catch(() => undefined);
    expect((await list({ limit: 1 })).total).toBe(before);
    await store.transaction((tx) => tx.consentEvents.insert(inserted));
    const page = await list({ limit: 1 });
    expect(page.items[0]?.id).toBe('ce_latest');
    expect(page.total).toBe(seed.consentEvents.length + 1);
  });
});
