import type { Account, Subject } from '@/api/contract/accounts';
import { claimed, released } from '@/api/rules/sign-in';
import type { SessionRecord, UserRecord } from '@/api/store/schemas';
import type { Tx } from '@/api/store/store';
import { NotFoundError } from '@/api/store/errors';
import type { Ops } from './memory-store';
import { clone, ordering, pageOf } from './paging';

const accountsByName = ordering<Account>((a) => [a.name, a.id], [1, 1]);
const usersByEmail = ordering<UserRecord>((u) => [u.email.toLowerCase(), u.id], [1, 1]);
const sessionsNewest = ordering<SessionRecord>((s) => [s.createdAt, s.id], [-1, -1]);
const subjectsById = ordering<Subject>((s) => [s.id], [1]);
const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Users, their sessions, sign-in counters and known addresses; customer accounts and the people in them. */
export function peopleRepositories({
  data,
  guard,
  read,
  insert,
  put,
  remove,
}: Ops): Pick<Tx, 'users' | 'sessions' | 'signInThrottle' | 'knownAddresses' | 'accounts' | 'subjects'> {
  return {
    users: {
      get: async (id) => read('users', id),
      getByEmail: async (email) => {
        guard();
        const wanted = email.toLowerCase();
        const user = data.rows('users').find((u) => u.email.toLowerCase() === wanted);
        return user ? clone(user) : null;
      },
      insert: async (user) => insert('users', user),
      list: async () => {
        guard();
        return data.rows('users').sort(usersByEmail.compare).map(clone);
      },
      update: async (user) => {
        guard();
        if (read('users', user.id) === null) throw new NotFoundError('users');
        data.check('users', user.id, user, false);
        put('users', user);
      },
    },
    sessions: {
      get: async (tokenHash) => read('sessions', tokenHash),
      insert: async (session) => insert('sessions', session),
      delete: async (tokenHash) => remove('sessions', tokenHash),
      touch: async (tokenHash, lastSeenAt) => {
        const current = read('sessions', tokenHash);
        if (current && current.lastSeenAt < lastSeenAt) put('sessions', { ...current, lastSeenAt });
      },
      listByUser: async (userId) => {
        guard();
        return data
          .rows('sessions')
          .filter((s) => s.userId === userId)
          .sort(sessionsNewest.compare)
          .map(clone);
      },
      deleteById: async (userId, id) => {
        guard();
        const found = data.rows('sessions').find((s) => s.userId === userId && s.id === id);
        if (found) remove('sessions', found.tokenHash);
        return found !== undefined;
      },
      deleteByUser: async (userId) => {
        guard();
        const mine = data.rows('sessions').filter((s) => s.userId === userId);
        for (const s of mine) remove('sessions', s.tokenHash);
        return mine.length;
      },
      prune: async (now, idleBefore) => {
        guard();
        const ended = data.rows('sessions').filter((s) => s.expiresAt <= now || s.lastSeenAt < idleBefore);
        for (const s of ended) remove('sessions', s.tokenHash);
        return ended.length;
      },
    },
    signInThrottle: {
      // Transactions take turns on this store, so reading and writing in one is the atomic step.
      claim: async (key, rule, now) => {
        const current = read('signInThrottle', key);
        const next = claimed(current, key, rule, new Date(now));
        if (!next) return { allowed: false, retryAt: current?.blockedUntil ?? now };
        put('signInThrottle', next);
        return { allowed: true, failures: next.failures };
      },
      release: async (key, rule) => {
        const current = read('signInThrottle', key);
        if (current) put('signInThrottle', released(current, rule));
      },
      get: async (key) => read('signInThrottle', key),
      delete: async (key) => remove('signInThrottle', key),
      prune: async (before) => {
        guard();
        const stale = data.rows('signInThrottle').filter((c) => c.updatedAt < before && (!c.blockedUntil || c.blockedUntil < before));
        for (const c of stale) remove('signInThrottle', c.key);
        return stale.length;
      },
    },
    knownAddresses: {
      has: async (userId, address, since) => {
        const known = read('knownAddresses', `${userId}\u0000${address}`);
        return known !== null && known.lastSuccessAt >= since;
      },
      remember: async (userId, address, at) => {
        const current = read('knownAddresses', `${userId}\u0000${address}`);
        if (current) put('knownAddresses', { ...current, lastSuccessAt: at > current.lastSuccessAt ? at : current.lastSuccessAt });
        else insert('knownAddresses', { userId, address, lastSuccessAt: at });
      },
    },
    accounts: {
      get: async (id) => read('accounts', id),
      list: async (query) => {
        guard();
        const q = query.q?.trim();
        const lower = q?.toLowerCase();
        const matches = (a: Account): boolean =>
          (!query.hosting?.length || query.hosting.includes(a.hosting)) &&
          (!query.status?.length || query.status.includes(a.status)) &&
          (!lower || a.name.toLowerCase().includes(lower) || a.id === q);
        return pageOf(data.rows('accounts').sort(accountsByName.compare), accountsByName, matches, query);
      },
      insert: async (account) => insert('accounts', account),
      markCancelled: async (id, cancelledAt) => {
        const current = read('accounts', id);
        if (current === null || current.status !== 'active') return false;
        put('accounts', { ...current, status: 'cancelled', cancelledAt });
        return true;
      },
    },
    subjects: {
      get: async (id) => read('subjects', id),
      getMany: async (ids) =>
        [...new Set(ids)]
          .map((id) => read('subjects', id))
          .filter((s) => s !== null)
          .sort(byId),
      findByEmail: async (email) => {
        guard();
        const wanted = email.toLowerCase();
        return data
          .rows('subjects')
          .filter((s) => s.email?.toLowerCase() === wanted)
          .sort(byId)
          .map(clone);
      },
      findByEmailHash: async (emailHash) => {
        guard();
        return data
          .rows('subjects')
          .filter((s) => s.emailHash === emailHash)
          .sort(byId)
          .map(clone);
      },
      listByAccount: async (accountId) => {
        guard();
        return data
          .rows('subjects')
          .filter((s) => s.accountId === accountId)
          .sort(byId)
          .map(clone);
      },
      insert: async (subject) => insert('subjects', subject),
      search: async (query) => {
        guard();
        const found = data
          .people()
          .find(query.match)
          .map((id) => data.get('subjects', id))
          .filter((s) => s !== undefined);
        return pageOf(found, subjectsById, () => true, query);
      },
    },
  };
}
