import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '@/api/store/cursor';
import { makeAccount, makeSession } from '@/testing/fixtures';
import type { StoreMaker } from './data';
import { collect, fixtures, ids, load, sortBy, storeFor, T } from './data';

/** Accounts and the people in them; users, sessions, sign-in counters and known addresses. */
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
      expect(ids(await run((tx) => tx.subjects.getMany(['sub_09', 'sub_nope', 'sub_02', 'sub_09'])))).toEqual(['sub_02', 'sub_09']);
      expect(await run((tx) => tx.subjects.getMany([]))).toEqual([]);
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

  describe('users, sessions, sign-in counters and known addresses', () => {
    it('finds users by email ignoring case, and lists them by email (in lower case), then id', async () => {
      expect((await run((tx) => tx.users.getByEmail('Officer@Demo.Test')))?.id).toBe('usr_1');
      expect(await run((tx) => tx.users.getByEmail('AUDITOR@demo.test'))).toEqual(data.users[2]);
      expect(await run((tx) => tx.users.getByEmail('nobody@demo.test'))).toBeNull();
      expect(await run((tx) => tx.users.get('usr_2'))).toEqual(data.users[1]);
      expect(await run((tx) => tx.users.get('nobody'))).toBeNull();
      expect(ids(await run((tx) => tx.users.list()))).toEqual(['usr_2', 'usr_3', 'usr_1']);
    });

    it('stores, finds and deletes sessions; deleting one that is not there does nothing', async () => {
      const session = makeSession({ tokenHash: 'tok_new', userId: 'usr_2', createdAt: T(0), expiresAt: T(-12) });
      await run((tx) => tx.sessions.insert(session));
      expect(await run((tx) => tx.sessions.get('tok_new'))).toEqual(session);
      await run((tx) => tx.sessions.delete('tok_new'));
      expect(await run((tx) => tx.sessions.get('tok_new'))).toBeNull();
      await run((tx) => tx.sessions.delete('tok_never'));
    });

    it('keeps a user’s sessions: touch moves last-seen forward only, list newest first, end one, all, or the ended', async () => {
      const at = (id: string, createdAt: string, expiresAt: string) =>
        makeSession({ tokenHash: `tok_${id}`, id: `ses_${id}`, userId: 'usr_3', createdAt, expiresAt });
      await run(async (tx) => {
        await tx.sessions.insert(at('a', T(3), T(-20)));
        await tx.sessions.insert(at('b', T(2), T(-20)));
        await tx.sessions.insert(at('c', T(1), T(-5)));
      });
      await expect(run((tx) => tx.sessions.insert(at('a', T(0), T(-12))))).rejects.toMatchObject({ name: 'UniqueViolationError' });
      await expect(
        run((tx) =>
          tx.sessions.insert(makeSession({ tokenHash: 'tok_other', id: 'ses_a', userId: 'usr_3', createdAt: T(0), expiresAt: T(-1) })),
        ),
      ).rejects.toMatchObject({ name: 'UniqueViolationError' });
      expect((await run((tx) => tx.sessions.listByUser('usr_3'))).map((s) => s.id)).toEqual(['ses_c', 'ses_b', 'ses_a']);
      await run((tx) => tx.sessions.touch('tok_a', T(0)));
      await run((tx) => tx.sessions.touch('tok_a', T(2)));
      await run((tx) => tx.sessions.touch('tok_none', T(0)));
      expect((await run((tx) => tx.sessions.get('tok_a')))?.lastSeenAt).toBe(T(0));
      expect(await run((tx) => tx.sessions.deleteById('usr_2', 'ses_a'))).toBe(false);
      expect(await run((tx) => tx.sessions.deleteById('usr_3', 'ses_b'))).toBe(true);
      expect(await run((tx) => tx.sessions.get('tok_b'))).toBeNull();
      // Ended: c is past its lifetime by T(-6); a, seen at T(0), is not idle by T(1).
      expect(await run((tx) => tx.sessions.prune(T(-6), T(1)))).toBe(1);
      expect((await run((tx) => tx.sessions.listByUser('usr_3'))).map((s) => s.id)).toEqual(['ses_a']);
      expect(await run((tx) => tx.sessions.deleteByUser('usr_3'))).toBe(1);
      expect(await run((tx) => tx.sessions.listByUser('usr_3'))).toEqual([]);
    });

    it('counts sign-in attempts per key: holds past the threshold, doubling, starts over after a quiet window', async () => {
      const rule = { threshold: 2, baseSeconds: 10, maxSeconds: 25, windowSeconds: 3600 };
      const at = (seconds: number) => new Date(Date.parse(T(0)) + seconds * 1000).toISOString();
      const claim = (seconds: number) => run((tx) => tx.signInThrottle.claim('k', rule, at(seconds)));
      expect(await claim(0)).toEqual({ allowed: true, failures: 1 });
      expect(await claim(1)).toEqual({ allowed: true, failures: 2 });
      expect(await claim(2)).toEqual({ allowed: false, retryAt: at(11) });
      expect(await claim(11)).toEqual({ allowed: true, failures: 3 });
      expect(await run((tx) => tx.signInThrottle.get('k'))).toEqual({ key: 'k', failures: 3, blockedUntil: at(31), updatedAt: at(11) });
      expect(await claim(31)).toEqual({ allowed: true, failures: 4 });
      // Capped at 25 seconds.
      expect((await run((tx) => tx.signInThrottle.get('k')))?.blockedUntil).toBe(at(56));
      await run((tx) => tx.signInThrottle.release('k', rule));
      expect(await run((tx) => tx.signInThrottle.get('k'))).toMatchObject({ failures: 3, blockedUntil: at(56) });
      await run((tx) => tx.signInThrottle.release('k', rule));
      expect(await run((tx) => tx.signInThrottle.get('k'))).toMatchObject({ failures: 2, blockedUntil: at(56) });
      await run((tx) => tx.signInThrottle.release('k', rule));
      expect(await run((tx) => tx.signInThrottle.get('k'))).toMatchObject({ failures: 1, blockedUntil: null });
      expect(await claim(40)).toEqual({ allowed: true, failures: 2 });
      expect(await claim(40 + 3600 + 60)).toEqual({ allowed: true, failures: 1 });
      // Quiet since before the cut-off and not held past it: pruned; the held one stays.
      await run((tx) => tx.signInThrottle.claim('held', { ...rule, threshold: 1 }, at(0)));
      expect(await run((tx) => tx.signInThrottle.prune(at(5)))).toBe(0);
      expect(await run((tx) => tx.signInThrottle.prune(at(20)))).toBe(1);
      expect(await run((tx) => tx.signInThrottle.get('held'))).toBeNull();
      await run((tx) => tx.signInThrottle.delete('k'));
      expect(await run((tx) => tx.signInThrottle.get('k'))).toBeNull();
    });

    it('remembers the addresses a user signed in from, and since when', async () => {
      expect(await run((tx) => tx.knownAddresses.has('usr_2', '192.0.2.1', T(10)))).toBe(false);
      await run((tx) => tx.knownAddresses.remember('usr_2', '192.0.2.1', T(5)));
      await run((tx) => tx.knownAddresses.remember('usr_2', '192.0.2.1', T(8)));
      expect(await run((tx) => tx.knownAddresses.has('usr_2', '192.0.2.1', T(6)))).toBe(true);
      expect(await run((tx) => tx.knownAddresses.has('usr_2', '192.0.2.1', T(4)))).toBe(false);
      expect(await run((tx) => tx.knownAddresses.has('usr_3', '192.0.2.1', T(10)))).toBe(false);
      await expect(run((tx) => tx.knownAddresses.remember('usr_ghost', '192.0.2.1', T(0)))).rejects.toMatchObject({
        name: 'NotFoundError',
      });
    });
  });
}
