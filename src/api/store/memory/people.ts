import type { Account } from '@/api/contract/accounts';
import type { UserRecord } from '@/api/store/schemas';
import type { Tx } from '@/api/store/store';
import type { Ops } from './memory-store';
import { clone, ordering, pageOf } from './paging';

const accountsByName = ordering<Account>((a) => [a.name, a.id], [1, 1]);
const usersByEmail = ordering<UserRecord>((u) => [u.email.toLowerCase(), u.id], [1, 1]);
const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Users, their sessions and sign-in attempts; customer accounts and the people in them. */
export function peopleRepositories({
  data,
  guard,
  read,
  insert,
  put,
  remove,
}: Ops): Pick<Tx, 'users' | 'sessions' | 'signInAttempts' | 'accounts' | 'subjects'> {
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
    },
    sessions: {
      get: async (tokenHash) => read('sessions', tokenHash),
      insert: async (session) => insert('sessions', session),
      delete: async (tokenHash) => remove('sessions', tokenHash),
    },
    signInAttempts: {
      get: async (email) => read('signInAttempts', email.toLowerCase()),
      put: async (attempts) => put('signInAttempts', attempts),
      delete: async (email) => remove('signInAttempts', email.toLowerCase()),
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
      findByEmail: async (email) => {
        guard();
        const wanted = email.toLowerCase();
        return data
          .rows('subjects')
          .filter((s) => s.email?.toLowerCase() === wanted)
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
    },
  };
}
