import type { Account, AccountQuery, Subject } from '@/api/contract/accounts';
import type { SessionRecord, UserRecord } from '@/api/store/schemas';
import { NotFoundError } from '@/api/store/errors';
import type { Tx } from '@/api/store/store';
import { accountsTable, sessionsTable, subjectsTable, usersTable } from '../tables';
import type { Sql } from './query';
import { containsPattern, escapeLike, idKey, stringKey, Where } from './query';

/** Users, their sessions, sign-in counters and known addresses; customer accounts and the people in them. */
export function peopleRepositories(
  sql: Sql,
): Pick<Tx, 'users' | 'sessions' | 'signInThrottle' | 'knownAddresses' | 'accounts' | 'subjects'> {
  const { q, one, many, write, insert, page } = sql;
  return {
    users: {
      get: (id) => one<UserRecord>('SELECT doc FROM users WHERE id = $1', [id]),
      getByEmail: (email) => one<UserRecord>('SELECT doc FROM users WHERE email = $1', [email.toLowerCase()]),
      insert: insert(usersTable, 'users'),
      list: () => many<UserRecord>('SELECT doc FROM users ORDER BY email, id'),
      async update(user) {
        const columns = usersTable.columns.filter((c) => c.name !== 'id');
        const sets = columns.map((c, i) => `${c.name} = $${i + 2}::${c.type}`).join(', ');
        const changed = await write(
          {
            sql: `UPDATE users SET ${sets}, doc = $${columns.length + 2}::jsonb WHERE id = $1`,
            params: [user.id, ...columns.map((c) => c.value(user)), JSON.stringify(user)],
          },
          'users',
        );
        if (changed !== 1) throw new NotFoundError('users');
      },
    },

    sessions: {
      get: (tokenHash) => one<SessionRecord>('SELECT doc FROM sessions WHERE token_hash = $1', [tokenHash]),
      insert: insert(sessionsTable, 'sessions'),
      async delete(tokenHash) {
        await q.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
      },
      async touch(tokenHash, lastSeenAt) {
        await q.query(
          `UPDATE sessions SET last_seen_at = $2::timestamptz, doc = jsonb_set(doc, '{lastSeenAt}', to_jsonb($3::text))
           WHERE token_hash = $1 AND last_seen_at < $2::timestamptz`,
          [tokenHash, lastSeenAt, lastSeenAt],
        );
      },
      listByUser: (userId) =>
        many<SessionRecord>('SELECT doc FROM sessions WHERE user_id = $1 ORDER BY created_at DESC, id DESC', [userId]),
      deleteById: async (userId, id) => (await q.query('DELETE FROM sessions WHERE user_id = $1 AND id = $2', [userId, id])).rowCount === 1,
      deleteByUser: async (userId) => (await q.query('DELETE FROM sessions WHERE user_id = $1', [userId])).rowCount,
      prune: async (now, idleBefore) =>
        (await q.query('DELETE FROM sessions WHERE expires_at <= $1::timestamptz OR last_seen_at < $2::timestamptz', [now, idleBefore]))
          .rowCount,
    },

    signInThrottle: {
      async claim(key, rule, now) {
        // One statement: the counter moves, or (while it holds attempts back) nothing does and no row comes
        // back. Concurrent claims on one key queue on its row, on any number of connections and instances.
        // The arithmetic is api/rules/sign-in `claimed`, which the MemoryStore runs as it stands.
        const failures = `CASE WHEN t.updated_at <= $5::timestamptz - make_interval(secs => $6) THEN 1 ELSE t.failures + 1 END`;
        const hold = (f: string) =>
          `CASE WHEN ${f} >= $2 THEN $5::timestamptz + make_interval(secs => LEAST($4::float8, $3::float8 * power(2::float8, LEAST(${f} - $2, 30)))) END`;
        const { rows } = await q.query<{ failures: number }>(
          `INSERT INTO sign_in_throttle AS t (key, failures, blocked_until, updated_at)
           VALUES ($1, 1, ${hold('1')}, $5::timestamptz)
           ON CONFLICT (key) DO UPDATE SET failures = ${failures}, blocked_until = ${hold(failures)}, updated_at = $5::timestamptz
           WHERE t.blocked_until IS NULL OR t.blocked_until <= $5::timestamptz
           RETURNING failures`,
          [key, rule.threshold, rule.baseSeconds, rule.maxSeconds, now, rule.windowSeconds],
        );
        const claimedRow = rows[0];
        if (claimedRow) return { allowed: true, failures: Number(claimedRow.failures) };
        const held = await this.get(key);
        return { allowed: false, retryAt: held?.blockedUntil ?? now };
      },
      async release(key, rule) {
        await q.query(
          `UPDATE sign_in_throttle SET failures = GREATEST(failures - 1, 0),
             blocked_until = CASE WHEN failures - 1 < $2 THEN NULL ELSE blocked_until END
           WHERE key = $1`,
          [key, rule.threshold],
        );
      },
      async get(key) {
        const { rows } = await q.query<{ key: string; failures: number; blocked_until: Date | string | null; updated_at: Date | string }>(
          'SELECT key, failures, blocked_until, updated_at FROM sign_in_throttle WHERE key = $1',
          [key],
        );
        const row = rows[0];
        if (!row) return null;
        return {
          key: row.key,
          failures: Number(row.failures),
          blockedUntil: row.blocked_until === null ? null : new Date(row.blocked_until).toISOString(),
          updatedAt: new Date(row.updated_at).toISOString(),
        };
      },
      async delete(key) {
        await q.query('DELETE FROM sign_in_throttle WHERE key = $1', [key]);
      },
      prune: async (before) =>
        (
          await q.query(
            'DELETE FROM sign_in_throttle WHERE updated_at < $1::timestamptz AND (blocked_until IS NULL OR blocked_until < $1::timestamptz)',
            [before],
          )
        ).rowCount,
    },

    knownAddresses: {
      has: async (userId, address, since) =>
        (
          await q.query('SELECT 1 FROM known_addresses WHERE user_id = $1 AND address = $2 AND last_success_at >= $3::timestamptz', [
            userId,
            address,
            since,
          ])
        ).rows.length > 0,
      async remember(userId, address, at) {
        await write(
          {
            sql: `INSERT INTO known_addresses (user_id, address, last_success_at) VALUES ($1, $2, $3::timestamptz)
                  ON CONFLICT (user_id, address) DO UPDATE SET last_success_at = GREATEST(known_addresses.last_success_at, excluded.last_success_at)`,
            params: [userId, address, at],
          },
          'knownAddresses',
        );
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
      getMany: (ids) => many<Subject>('SELECT doc FROM subjects WHERE id = ANY($1::text[]) ORDER BY id', [[...ids]]),
      findByEmail: (email) => many<Subject>('SELECT doc FROM subjects WHERE email = $1 ORDER BY id', [email.toLowerCase()]),
      findByEmailHash: (emailHash) =>
        many<Subject>("SELECT doc FROM subjects WHERE doc ? 'emailHash' AND doc->>'emailHash' = $1 ORDER BY id", [emailHash]),
      listByAccount: (accountId) => many<Subject>('SELECT doc FROM subjects WHERE account_id = $1 ORDER BY id', [accountId]),
      insert: insert(subjectsTable, 'subjects'),
      search(query) {
        // Each condition is one that migration 014's indexes answer (see api/rules/person-search).
        const w = new Where();
        const { match } = query;
        const emailStarts = (prefix: string) => `email LIKE ${w.param(`${escapeLike(prefix)}%`)}`;
        if (match.kind === 'domain') w.add(`email LIKE ${w.param(`%@${escapeLike(match.domain)}%`)}`);
        else if (match.kind === 'email') w.add(emailStarts(match.prefix));
        else {
          const words = match.words.map((word) => `name_search LIKE ${w.param(`% ${escapeLike(word)}%`)}`).join(' AND ');
          w.add(match.emailPrefix === null ? `(${words})` : `(${emailStarts(match.emailPrefix)} OR (${words}))`);
        }
        return page<Subject>('subjects', w, {
          order: 'id',
          limit: query.limit,
          cursor: query.cursor,
          resume(cursor) {
            w.add(`id > ${w.param(idKey(cursor))}`);
          },
          key: (s) => [s.id],
        });
      },
    },
  };
}
