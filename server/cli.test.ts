import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliError, createUserRecord, runCli } from './cli';
import { createScryptHasher } from './passwords';
import type { TestStore } from './test-support';
import { makePgliteStore } from './test-support';

const hasher = createScryptHasher({ N: 1024, r: 8, p: 1 });
const valid = { email: 'Ann@Example.com', name: 'Ann Admin', role: 'privacy_officer', password: 'correct horse battery' };

describe('creating a user from the command line', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await makePgliteStore();
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('stores the user with a scrypt hash and writes its audit event in the same transaction', async () => {
    const created = await createUserRecord(t.store, hasher, valid, new Date('2026-03-01T09:00:00.000Z'));
    expect(created).toMatchObject({ email: 'ann@example.com', role: 'privacy_officer' });
    const user = await t.store.transaction((tx) => tx.users.getByEmail('ann@example.com'));
    expect(user).toMatchObject({ id: created.id, name: 'Ann Admin', role: 'privacy_officer', createdAt: '2026-03-01T09:00:00.000Z' });
    expect(user?.passwordHash).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await hasher.verify('correct horse battery', user?.passwordHash ?? '')).toBe(true);
    const audit = await t.store.transaction((tx) => tx.audit.list({ limit: 10, recordType: 'user', recordId: created.id }));
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({ action: 'user.create', recordType: 'user', actorId: null, origin: 'cli' });
  });

  it('refuses a second user with the same email, whatever its case, and changes nothing', async () => {
    await createUserRecord(t.store, hasher, valid);
    const again = createUserRecord(t.store, hasher, { ...valid, email: 'ANN@example.com', role: 'auditor' });
    await expect(again).rejects.toBeInstanceOf(CliError);
    await expect(again).rejects.toThrow(/already exists/);
    expect(await t.store.transaction((tx) => tx.users.list())).toHaveLength(1);
    expect((await t.store.transaction((tx) => tx.audit.list({ limit: 10 }))).items).toHaveLength(1);
  });

  it('refuses bad input, naming each problem', async () => {
    const bad = createUserRecord(t.store, hasher, { email: 'not-an-email', name: ' ', role: 'admin', password: 'short' });
    await expect(bad).rejects.toThrow(/--email[\s\S]*--name[\s\S]*--role[\s\S]*password \(standard input\): At least 12/);
    expect(await t.store.transaction((tx) => tx.users.list())).toEqual([]);
  });

  it('refuses a common password, the email in the password and a repeated character, creating nothing', async () => {
    for (const [password, why] of [
      ['Password2026!', /common passwords/],
      ['ann@example.com-2026', /email address/],
      ['aaaaaaaaaaaa', /repeat/],
    ] as const) {
      await expect(createUserRecord(t.store, hasher, { ...valid, password })).rejects.toThrow(why);
    }
    expect(await t.store.transaction((tx) => tx.users.list())).toEqual([]);
    expect((await t.store.transaction((tx) => tx.audit.list({ limit: 10 }))).items).toEqual([]);
  });

  it('refuses an unknown command or missing options before touching any database', async () => {
    await expect(runCli(['user', 'delete'])).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/Unknown command/) });
    await expect(runCli(['user'])).rejects.toMatchObject({ exitCode: 2 });
    await expect(runCli(['user', 'create', '--email', 'a@b.test'])).rejects.toThrow(/Missing --name, --role/);
    await expect(runCli(['user', 'create', '--mail', 'a@b.test'])).rejects.toMatchObject({ exitCode: 2 });
  });
});
