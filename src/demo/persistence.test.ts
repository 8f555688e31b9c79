import { MemoryStore } from '@/api/store/memory/memory-store';
import { makeSession } from '@/testing/fixtures';
import { seedSnapshot } from './load-seed';
import { memoryPersistence } from './persistence';
import { replayChanges } from './replay-changes';
import { generateSeed } from './seed';

const options = {
  now: new Date('2026-11-29T10:00:00.000Z'),
  accounts: 40,
  consentEvents: 400,
  supportAccessRequests: 16,
  deletionRequests: 20,
};

async function freshStore() {
  const seed = await generateSeed(options);
  return { seed, store: MemoryStore.fromSnapshot(seedSnapshot(seed, new Map(seed.users.map((u) => [u.id, 'hash'])), [])) };
}

describe('demo persistence', () => {
  it('saves each commit and replays the changes over a regenerated seed', async () => {
    const persistence = memoryPersistence();
    await persistence.reset(options.now.toISOString());
    const { seed, store } = await freshStore();
    store.onCommit((entries) => void persistence.append(entries));
    const pending = seed.supportAccess.find((r) => r.status === 'pending');
    if (!pending) throw new Error('seed has no pending request');
    await store.transaction(async (tx) => {
      await tx.supportAccess.update({ ...pending, version: pending.version + 1, status: 'cancelled' }, pending.version);
      await tx.sessions.insert(makeSession({ tokenHash: 'tok', userId: 'usr_support', createdAt: seed.anchor, expiresAt: seed.anchor }));
      await tx.settings.put('processorNoticeDays', 21, 0);
    });
    await store.transaction(async (tx) => {
      await tx.supportAccess.update(
        { ...pending, version: pending.version + 2, status: 'cancelled', endReason: 'twice' },
        pending.version + 1,
      );
      await tx.sessions.delete('tok');
    });

    const saved = await persistence.load();
    expect(saved.anchor).toBe(options.now.toISOString());
    // One row per record: the second write of the request replaced the first.
    expect(saved.changes).toHaveLength(3);

    const { store: reloaded } = await freshStore();
    expect(replayChanges(reloaded, saved.changes)).toBe(true);
    const after = await reloaded.transaction(async (tx) => ({
      request: await tx.supportAccess.get(pending.id),
      session: await tx.sessions.get('tok'),
      setting: await tx.settings.get('processorNoticeDays'),
      pendingCount: (await tx.supportAccess.list({ limit: 200, sort: 'newest', status: ['pending'] })).items.length,
    }));
    expect(after.request).toMatchObject({ status: 'cancelled', endReason: 'twice', version: pending.version + 2 });
    expect(after.session).toBeNull();
    expect(after.setting).toEqual({ value: 21, version: 1 });
    expect(after.pendingCount).toBe(seed.supportAccess.filter((r) => r.status === 'pending').length - 1);
  });

  it('applies nothing when any saved change does not parse', async () => {
    const { seed, store } = await freshStore();
    const account = seed.accounts[0];
    if (!account) throw new Error('no account');
    const good = { table: 'accounts', op: 'put', key: account.id, record: { ...account, name: 'Renamed' } };
    const malformed = [
      { table: 'accounts', op: 'put', key: account.id, record: { ...account, hosting: 'on_the_moon' } },
      { table: 'nope', op: 'delete', key: 'x' },
      { table: 'accounts', op: 'upsert', key: 'x' },
      { table: 'toString', op: 'delete', key: 'x' },
      'not an entry',
      null,
    ];
    for (const bad of malformed) {
      expect(replayChanges(store, [good, bad])).toBe(false);
      expect((await store.transaction((tx) => tx.accounts.get(account.id)))?.name).toBe(account.name);
    }
    expect(replayChanges(store, [good])).toBe(true);
    expect((await store.transaction((tx) => tx.accounts.get(account.id)))?.name).toBe('Renamed');
  });

  it('forgets the changes on reset', async () => {
    const persistence = memoryPersistence();
    expect(await persistence.load()).toEqual({ anchor: null, changes: [] });
    await persistence.append([{ table: 'settings', op: 'put', key: 'a', record: { key: 'a', value: 1, version: 1 } }]);
    await persistence.reset('2026-01-01T00:00:00.000Z');
    expect(await persistence.load()).toEqual({ anchor: '2026-01-01T00:00:00.000Z', changes: [] });
  });
});
