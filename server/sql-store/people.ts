import type { Account, AccountQuery, Subject } from '@/api/contract/accounts';
import type { SessionRecord, SignInAttempts, UserRecord } from '@/api/store/schemas';
import type { Tx } from '@/api/store/store';
import { accountsTable, sessionsTable, signInAttemptsTable, subjectsTable, upsertStatement, usersTable } from '../tables';
import type { Sql } from './query';
import { containsPattern, stringKey, Where } from './query';

/** Users, their sessions and sign-in attempts; customer accounts and the people in them. */
export function peopleRepositories(sql: Sql): Pick<Tx, 'users' | 'sessions' | 'signInAttempts' | 'accounts' | 'subjects'> {
  const { q, one, many, write, insert, page } = sql;
  return {
    users: {
      get: (id) => one<UserRecord>('SELECT doc FROM users WHERE id = $1', [id]),
      getByEmail: (email) => one<UserRecord>('SELECT doc FROM users WHERE email = $1', [email.toLowerCase()]),
      insert: insert(usersTable, 'users'),
      list: () => many<UserRecord>('SELECT doc FROM users ORDER BY email, id'),
    },

    sessions: {
      get: (tokenHash) => one<SessionRecord>('SELECT doc FROM sessions WHERE token_hash = $1', [tokenHash]),
      insert: insert(sessionsTable, 'sessions'),
      async delete(tokenHash) {
        await q.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
      },
    },

    signInAttempts: {
      // FOR UPDATE: concurrent sign-ins for one email take turns, so no failure goes uncounted.
      get: (email) => one<SignInAttempts>('SELECT doc FROM sign_in_attempts WHERE email = $1 FOR UPDATE', [email.toLowerCase()]),
      async put(attempts) {
        await write(upsertStatement(signInAttemptsTable, attempts), 'signInAttempts');
      },
      async delete(email) {
        await q.query('DELETE FROM sign_in_attempts WHERE email = $1', [email.toLowerCase()]);
      },
    },

    accounts: {
      get: (id) => one<Account>('SELECT doc FROM accounts WHERE id = $1', [id]),
      list(query: AccountQuery) {
        const w = new Where();
        if (query.q) {
          w.add(`(name_lower LIKE ${w.param(containsPattern(query.q))} OR id = ${w.param(query.q)})`);
        }
        if (query.hosting?.length) w.add(`hosting = ANY(${w.param(query.hosting)}::text[])`);
        if (query.status?.length) w.add(`status = ANY(${w.param(query.status)}::text[])`);
        return page<Account>('accounts', w, {
          order: 'name, id',
          limit: query.limit,
          cursor: query.cursor,
          resume(cursor) {
            const [name, id] = stringKey(cursor);
            w.add(`(name, id) > (${w.param(name)}, ${w.param(id)})`);
          },
          key: (a) => [a.name, a.id],
        });
      },
      insert: insert(accountsTable, 'accounts'),
      markCancelled: async (id, cancelledAt) =>
        (await write(
          {
            sql: `UPDATE accounts SET status = 'cancelled', doc = doc || jsonb_build_object('status', 'cancelled', 'cancelledAt', $2::text)
                  WHERE id = $1 AND status = 'active'`,
            params: [id, cancelledAt],
          },
          'accounts',
        )) === 1,
    },

    subjects: {
      get: (id) => one<Subject>('SELECT doc FROM subjects WHERE id = $1', [id]),
      findByEmail: (email) => many<Subject>('SELECT doc FROM subjects WHERE email = $1 ORDER BY id', [email.toLowerCase()]),
      listByAccount: (accountId) => many<Subject>('SELECT doc FROM subjects WHERE account_id = $1 ORDER BY id', [accountId]),
      insert: insert(subjectsTable, 'subjects'),
    },
  };
}
