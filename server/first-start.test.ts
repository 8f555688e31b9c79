import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SeedData } from '@/demo/seed-data';
import { useSchemaStatement } from './db';
import type { Db } from './db';
import { seedIfEmpty } from './first-start';
import { createScryptHasher } from './passwords';
import type { TestStore } from './test-support';
import { makePgliteStore, makePostgresStore, testDatabaseUrl } from './test-support';
import { makeAccount, makeSubject, t0 } from '@/testing/fixtures';
import { TEST_KEY } from '@/testing/harness';

const passwords = createScryptHasher({ N: 1024, r: 8, p: 1 });
const seed: SeedData = {
  anchor: t0,
  users: [{ id: 'usr_officer', email: 'officer@demo.test', name: 'Olivia Officer', role: 'privacy_officer', password: 'demo-password' }],
  accounts: [makeAccount()],
  subjects: [makeSubject()],
  processors: [],
  connectorSecrets: [],
  notices: [],
  consentEvents: [],
  supportAccess: [],
  deletions: [],
  breaches: [],
};

/** The test store's Db with every transaction pointed at its schema, as seedIfEmpty expects a plain Db. */
function inSchema(t: TestStore): Db {
  return {
    ...t.db,
    transaction: (work) =>
      t.db.transaction(async (q) => {
        await q.query(useSchemaStatement(t.schema));
        return work(q);
      }),
  };
}

const homes: { name: string; make: () => Promise<TestStore> }[] = [{ name: 'PGlite', make: makePgliteStore }];
if (testDatabaseUrl()) {
  homes.push({
    name: 'PostgreSQL',
    async make() {
      const made = await makePostgresStore();
      if (!made) throw new Error('TEST_DATABASE_URL is set but no store was made');
      return made;
    },
  });
}

for (const home of homes) {
  describe(`the first start on ${home.name}`, () => {
    let t: TestStore;
    let made: number;
    const makeSeed = async () => {
      made++;
      return seed;
    };
    beforeEach(async () => {
      t = await home.make();
      made = 0;
    });
    afterEach(async () => {
      await t.cleanup();
    });

    it('loads the demo seed into an empty database, with an audit event saying so', async () => {
      const result = await seedIfEmpty(inSchema(t), { seed: 'demo', makeSeed, passwords, credentialsKey: TEST_KEY });
      expect(result).toMatchObject({ seeded: true, counts: { users: 1, accounts: 1, subjects: 1 } });
      const officer = await t.store.transaction((tx) => tx.users.getByEmail('officer@demo.test'));
      expect(await passwords.verify('demo-password', officer?.passwordHash ?? '')).toBe(true);
      const audit = await t.store.transaction((tx) => tx.audit.list({ limit: 5, recordType: 'demo' }));
      expect(audit.items.map((e) => e.action)).toEqual(['demo.seed']);
    });

    it('does nothing on a database that has data, and generates no seed', async () => {
      await seedIfEmpty(inSchema(t), { seed: 'demo', makeSeed, passwords, credentialsKey: TEST_KEY });
      expect(await seedIfEmpty(inSchema(t), { seed: 'demo', makeSeed, passwords, credentialsKey: TEST_KEY })).toEqual({
        seeded: false,
        empty: false,
      });
      expect(made).toBe(1);
    });

    it('loads nothing with SEED=none and says the database is empty', async () => {
      expect(await seedIfEmpty(inSchema(t), { seed: 'none', makeSeed, passwords, credentialsKey: TEST_KEY })).toEqual({
        seeded: false,
        empty: true,
      });
      expect(await t.store.transaction((tx) => tx.users.list())).toEqual([]);
      expect(made).toBe(0);
    });

    it('seeds once when two instances start together', async () => {
      const results = await Promise.all([
        seedIfEmpty(inSchema(t), { seed: 'demo', makeSeed, passwords, credentialsKey: TEST_KEY }),
        seedIfEmpty(inSchema(t), { seed: 'demo', makeSeed, passwords, credentialsKey: TEST_KEY }),
      ]);
      expect(results.filter((r) => r.seeded)).toHaveLength(1);
      expect(await t.store.transaction((tx) => tx.users.list())).toHaveLength(1);
    });
  });
}
