import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '@/api/store/cursor';
import { makeAccount } from '@/testing/fixtures';
import type { StoreMaker } from './data';
import { collect, fixtures, ids, load, sortBy, storeFor, T } from './data';

/** Accounts and the people in them; users, sessions and sign-in attempts. */
export function peopleConformance(make: StoreMaker): void {
  const data = fixtures();
  const { store, run } = storeFor(make, { beforeAll, afterAll }, (s) => load(s, data));

  describe('accounts', () => {
    it('answers ping', async () => {
      expect(await store().ping()).toBe(true);
    });

    it('pages through every account exactly once, by name then id (UTF-16 order: "Zeta" before "acme")', async () => {
      const expected = ids(sortBy(data.accounts, (a) => [a.name, a.id]));
      for (const limit of [1, 4, 7, expected.length, expected.length + 5]) {
        const rows = await collect((cursor) => run((tx) => tx.accounts.list({ limit, cursor })), limit, data.accounts.length);
        expect(ids(rows)).toEqual(expected);
      }
    });

    it('filters by hosting and status; an empty list filters nothing', async () => {
      const rows = await collect(
        (cursor) => run((tx) => tx.accounts.list({ limit: 3, cursor, hosting: ['cloud'], status: ['cancelled'] })),
        3,
      );
      const expected = data.accounts.filter((a) => a.hosting === 'cloud' && a.status === 'cancelled');
      expect(expected.length).toBeGreaterThan(1);
      expect(ids(rows)).toEqual(ids(sortBy(expected, (a) => [a.name, a.id])));
      const all = await collect((cursor) => run((tx) => tx.accounts.list({ limit: 50, cursor, hosting: [], status: [] })), 50);
      expect(all).toHaveLength(data.accounts.length);
    });

    it('matches q as a case-insensitive part of the name (LIKE wildcards taken literally) or the exact id', async () => {
      const byName = await collect((cursor) => run((tx) => tx.accounts.list({ limit: 2, cursor, q: 'ACME' })), 2);
      const acme = data.accounts.filter((a) => a.name.toLowerCase().includes('acme'));
      expect(ids(byName)).toEqual(ids(sortBy(acme, (a) => [a.name, a.id])));
      expect(byName.length).toBeGreaterThan(2);
      expect(ids((await run((tx) => tx.accounts.list({ limit: 10, q: 'acc_07' }))).items)).toEqual(['acc_07']);
      expect((await run((tx) => tx.accounts.list({ limit: 10, q: 'acc_0' }))).items).toEqual([]);
      expect(ids((await run((tx) => tx.accounts.list({ limit: 10, q: 'émile' }))).items)).toEqual(['acc_07']);
      await run((tx) => tx.accounts.insert(makeAccount({ id: 'acc_wild', name: 'Beta 100%_off' })));
      expect(ids((await run((tx) => tx.accounts.list({ limit: 10, q: '%_' }))).items)).toEqual(['acc_wild']);
      expect(ids((await run((tx) => tx.accounts.list({ limit: 10, q: '_' }))).items)).toEqual(['acc_wild']);
    });

    it('refuses a cursor it did not give out, or one of the wrong shape, with a 400', async () => {
      await expect(run((tx) => tx.accounts.list({ limit: 5, cursor: 'not-a-cursor' }))).rejects.toMatchObject({ code: 'bad_request' });
      await expect(run((tx) => tx.accounts.list({ limit: 5, cursor: encodeCursor([1, 2]) }))).rejects.toMatchObject({
        code: 'bad_request',
      });
    });

    it('gets one account, or null', async () => {
      expect(await run((tx) => tx.accounts.get('acc_03'))).toEqual(data.accounts.find((a) => a.id === 'acc_03'));
      expect(await run((tx) => tx.accounts.get('acc_nope'))).toBeNull();
    });

    it('marks an active account cancelled once; a cancelled or unknown one answers false', async () => {
      expect(await run((tx) => tx.accounts.markCancelled('acc_01', T(0)))).toBe(true);
      expect(await run((tx) => tx.accounts.get('acc_01'))).toMatchObject({ status: 'cancelled', cancelledAt: T(0) });
      expect((await run((tx) => tx.accounts.list({ limit: 50, q: 'acc_01', status: ['cancelled'] }))).items).toHaveLength(1);
      expect(await run((tx) => tx.accounts.markCancelled('acc_01', T(-1)))).toBe(false);
      expect(await run((tx) => tx.accounts.markCancelled('acc_nope', T(0)))).toBe(false);
      const both = await Promise.all([
        run((tx) => tx.accounts.markCancelled('acc_02', T(0))),
        run((tx) => tx.accounts.markCancelled('acc_02', T(0))),
      ]);
      expect(both.filter(Boolean)).toHaveLength(1);
    });
  });

  describe('subjects', () => {
    it('finds subjects by exact email, ignoring case, ordered by id', async () => {
      expect(ids(await run((tx) => tx.subjects.findByEmail('ANN.SHARED@EXAMPLE.COM')))).toEqual(['sub_02', 'sub_09']);
      expect(await run((tx) => tx.subjects.findByEmail('ann.shared@example'))).toEqual([]);
    });

    it('lists the people of an account by id, and gets one', async () => {
      const people = await run((tx) => tx.subjects.listByAccount('acc_02'));
      expect(ids(people)).toEqual(
        ids(
          sortBy(
            data.subjects.filter((s) => s.accountId === 'acc_02'),
            (s) => [s.id],
          ),
        ),
      );
      expect(people.length).toBeGreaterThan(1);
      expect(await run((tx) => tx.subjects.get('sub_01'))).toEqual(data.subjects[0]);
      expect(await run((tx) => tx.subjects.get('sub_v1'))).toEqual(data.subjects.at(-1));
      expect(await run((tx) => tx.subjects.get('nope'))).toBeNull();
    });
  });

  describe('users, sessions and sign-in attempts', () => {
    it('finds users by email ignoring case, and lists them by email (in lower case), then id', async () => {
      expect((await run((tx) => tx.users.getByEmail('Officer@Demo.Test')))?.id).toBe('usr_1');
      expect(await run((tx) => tx.users.getByEmail('AUDITOR@demo.test'))).toEqual(data.users[2]);
      expect(await run((tx) => tx.users.getByEmail('nobody@demo.test'))).toBeNull();
      expect(await run((tx) => tx.users.get('usr_2'))).toEqual(data.users[1]);
      expect(await run((tx) => tx.users.get('nobody'))).toBeNull();
      expect(ids(await run((tx) => tx.users.list()))).toEqual(['usr_2', 'usr_3', 'usr_1']);
    });

    it('stores, finds and deletes sessions; deleting one that is not there does nothing', async () => {
      const session = { tokenHash: 'tok_new', userId: 'usr_2', createdAt: T(0), expiresAt: T(-12) };
      await run((tx) => tx.sessions.insert(session));
      expect(await run((tx) => tx.sessions.get('tok_new'))).toEqual(session);
      await run((tx) => tx.sessions.delete('tok_new'));
      expect(await run((tx) => tx.sessions.get('tok_new'))).toBeNull();
      await run((tx) => tx.sessions.delete('tok_never'));
    });

    it('puts, replaces and deletes sign-in attempts by email, whatever its case', async () => {
      const first = { email: 'pat@example.test', failures: 1, lastFailureAt: T(0), lockedUntil: null };
      const second = { ...first, failures: 5, lockedUntil: T(-1) };
      await run((tx) => tx.signInAttempts.put(first));
      expect(await run((tx) => tx.signInAttempts.get('Pat@Example.test'))).toEqual(first);
      await run((tx) => tx.signInAttempts.put(second));
      expect(await run((tx) => tx.signInAttempts.get('pat@example.test'))).toEqual(second);
      await run((tx) => tx.signInAttempts.delete('PAT@example.test'));
      expect(await run((tx) => tx.signInAttempts.get('pat@example.test'))).toBeNull();
    });
  });
}
