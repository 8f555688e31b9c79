import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@/api/app';
import type { AppDeps } from '@/api/deps';
import { MemoryStore } from '@/api/store/memory/memory-store';
import { hashSeedPasswords, sealSeedSecrets, seedSnapshot } from '@/demo/load-seed';
import type { SeedData } from '@/demo/seed-data';
import { smallSeed, TEST_KEY, testPasswords } from '@/testing/harness';
import { loadSeed } from './seed-loader';
import { findInRows } from './sql-store/find-in-rows';
import type { TestStore } from './test-support';
import { makePgliteStore } from './test-support';

let t: TestStore;
let seed: SeedData;
let memory: MemoryStore;
beforeAll(async () => {
  seed = await smallSeed();
  t = await makePgliteStore();
  await loadSeed(t.db, seed, testPasswords, TEST_KEY, { schema: t.schema });
  memory = MemoryStore.fromSnapshot(
    seedSnapshot(seed, await hashSeedPasswords(seed, testPasswords), await sealSeedSecrets(seed, TEST_KEY)),
  );
});
afterAll(async () => {
  await t.cleanup();
});

const post = (deps: Partial<AppDeps>, body: unknown) =>
  createApp({ store: t.store, mode: 'server', passwords: testPasswords, credentialsKey: TEST_KEY, ...deps }).request(
    '/api/test/find-in-rows',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    },
  );

describe('POST /api/test/find-in-rows (e2e tests only)', () => {
  const testClock = { advance: async () => undefined };

  it('answers where a string occurs in the rows of the SQL store and of the MemoryStore, ignoring case', async () => {
    const person = seed.subjects.find((s) => s.email && s.accountId)!;
    const needles = [person.email!.toUpperCase(), 'no such text anywhere'];
    const sql = await post({ testClock, findInRows: (n) => findInRows(t.db, n, { schemas: [t.schema] }) }, { needles });
    expect(sql.status).toBe(200);
    const { matches } = (await sql.json()) as { matches: { table: string; needle: string; rows: number }[] };
    expect(matches).toContainEqual({ table: `${t.schema}.subjects`, needle: person.email!.toLowerCase(), rows: 1 });
    expect(matches.every((m) => m.needle === person.email!.toLowerCase())).toBe(true);
    const inMemory = await post({ testClock, findInRows: async (n) => memory.findInRows(n) }, { needles });
    expect(((await inMemory.json()) as { matches: unknown[] }).matches).toContainEqual({
      table: 'subjects',
      needle: person.email!.toLowerCase(),
      rows: 1,
    });
  });

  it('exists only beside the test clock, and refuses a needle too short to mean anything', async () => {
    const scan = async (n: readonly string[]) => findInRows(t.db, n, { schemas: [t.schema] });
    expect((await post({ findInRows: scan }, { needles: ['officer@demo.test'] })).status).toBe(404);
    const short = await post({ testClock, findInRows: scan }, { needles: ['a'] });
    expect(short.status).toBe(422);
    expect(await short.text()).toMatch(/needles/);
  });
});
