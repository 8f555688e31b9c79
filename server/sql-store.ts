import type { Account, AccountQuery, Subject } from '@/api/contract/accounts';
import type { AuditEvent, AuditQuery } from '@/api/contract/audit';
import type { Page } from '@/api/contract/common';
import type { ConsentAction, ConsentChannel, ConsentEvent, ConsentPurpose, Notice } from '@/api/contract/consent';
import { consentChannels } from '@/api/contract/consent';
import { channelEffort } from '@/api/rules/consent-review';
import { monthStarts } from '@/api/rules/time';
import type { DeletionRequest } from '@/api/contract/deletions';
import type { Processor } from '@/api/contract/processors';
import { ApiError } from '@/api/errors';
import { decodeCursor, encodeCursor } from '@/api/store/cursor';
import type {
  ConsentListQuery,
  ConsentReviewRecord,
  ConsentStateRecord,
  MonthlyCount,
  DeletionListQuery,
  SessionRecord,
  SignInAttempts,
  Store,
  SupportAccessListQuery,
  SupportAccessRecord,
  Tx,
  UserRecord,
} from '@/api/store/store';
import type { Db, Queryable } from './db';
import { sqlState, useSchemaStatement } from './db';
import type { Table } from './tables';
import {
  accountsTable,
  auditTable,
  consentEventsTable,
  deletionsTable,
  insertStatement,
  noticesTable,
  processorsTable,
  sessionsTable,
  signInAttemptsTable,
  subjectsTable,
  supportAccessTable,
  upsertStatement,
  usersTable,
  versionedUpdateStatement,
} from './tables';

export type SqlStoreOptions = {
  /** A schema other than `public` (tests give each store its own); migrate it with the same option. */
  schema?: string;
  /** Whether `close()` closes the database too (false when several stores share one). Defaults to true. */
  ownsDb?: boolean;
};

/** The Store over PostgreSQL, embedded (PGlite) or a server. Rows keep the record in `doc`. */
export class SqlStore implements Store {
  private readonly db: Db;
  private readonly options: SqlStoreOptions;

  constructor(db: Db, options: SqlStoreOptions = {}) {
    this.db = db;
    this.options = options;
  }

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const { schema } = this.options;
    return this.db.transaction(async (q) => {
      if (schema !== undefined) await q.query(useSchemaStatement(schema));
      return work(sqlTx(q));
    });
  }

  async ping(): Promise<boolean> {
    try {
      await this.db.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.options.ownsDb !== false) await this.db.close();
  }
}

type Doc<R> = { doc: R };

function docs<R>(rows: Doc<R>[]): R[] {
  return rows.map((row) => row.doc);
}

function sqlTx(q: Queryable): Tx {
  async function one<R>(sql: string, params: readonly unknown[]): Promise<R | null> {
    const { rows } = await q.query<Doc<R>>(sql, params);
    return rows[0]?.doc ?? null;
  }

  async function many<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    const { rows } = await q.query<Doc<R>>(sql, params);
    return docs(rows);
  }

  async function write(statement: { sql: string; params: readonly unknown[] }, what: string): Promise<number> {
    try {
      const { rowCount } = await q.query(statement.sql, statement.params);
      return rowCount;
    } catch (error) {
      if (sqlState(error) === '23505') throw new ApiError('conflict', `${what} already exists`);
      throw error;
    }
  }

  const insert =
    <R>(table: Table<R>, what: string) =>
    async (record: R) => {
      await write(insertStatement(table, record), what);
    };

  const update =
    <R>(table: Table<R>, what: string) =>
    async (record: R, expectedVersion: number) =>
      (await write(versionedUpdateStatement(table, record, expectedVersion), what)) === 1;

  /**
   * One page in `order`, resuming after `cursor` (`resume` adds the condition for it). The first page also
   * counts the rows that the filters match, up to `countCap`: the lists show "n of total" from the first
   * page, so later pages need not count again.
   */
  async function page<R>(
    table: string,
    w: Where,
    list: {
      /** The column (or expression named doc) that holds the record; `doc` by default. */
      select?: string;
      order: string;
      limit: number;
      cursor: string | undefined;
      resume: (cursor: string) => void;
      key: (record: R) => (string | number)[];
      /** The first page's total when the caller knows it already (counting is then skipped). */
      total?: number;
    },
  ): Promise<Page<R>> {
    let total: number | undefined;
    if (list.cursor) {
      list.resume(list.cursor);
    } else if (list.total !== undefined) {
      total = list.total;
    } else {
      // Counting a million consent events costs most of a second, so past the cap the total is left out
      // (the contract allows it; the client then shows how many it has loaded).
      const { rows } = await q.query<{ total: string | number }>(
        `SELECT count(*) AS total FROM (SELECT 1 FROM ${table} ${w.sql()} LIMIT ${countCap + 1}) AS matching`,
        w.params,
      );
      const counted = Number(rows[0]?.total ?? 0);
      total = counted > countCap ? undefined : counted;
    }
    const size = sqlLimit(list.limit);
    const items = await many<R>(
      `SELECT ${list.select ?? 'doc'} FROM ${table} ${w.sql()} ORDER BY ${list.order} LIMIT ${size + 1}`,
      w.params,
    );
    const more = items.length > size;
    if (more) items.length = size;
    const last = items[items.length - 1];
    const nextCursor = more && last !== undefined ? encodeCursor(list.key(last)) : null;
    return total === undefined ? { items, nextCursor } : { items, nextCursor, total };
  }

  /**
   * Events per purpose and action in each interval [bounds[i], bounds[i + 1]), bounds ascending. Whole UTC
   * days come from consent_event_days (migration 003); around each bound only the smaller part of its day
   * (at most 12 hours) is counted from the events, and moved across the bound: the days before or after it
   * counted that part for the wrong interval.
   */
  async function countIntervals(
    bounds: readonly string[],
    action?: ConsentAction,
  ): Promise<{ interval: number; purpose: ConsentPurpose; action: ConsentAction; count: number }[]> {
    if (bounds.length < 2) return [];
    const day = 86_400_000;
    const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const cuts = bounds.map((bound) => {
      const at = Date.parse(bound);
      const start = Math.floor(at / day) * day;
      // Days are split at `split`; `piece` is the part of the bound's day on the other side of the bound.
      return at - start <= day / 2
        ? { split: start, piece: [start, at] as const, sign: 1 }
        : { split: start + day, piece: [at, start + day] as const, sign: -1 };
    });
    const intervals = cuts.slice(0, -1).map((_, i) => i);
    const pieces = cuts.map((_, j) => j).filter((j) => cuts[j]!.piece[0] < cuts[j]!.piece[1]);
    const days = await q.query<{ i: number; purpose: ConsentPurpose; action: ConsentAction; count: string | number }>(
      `SELECT p.i, d.purpose, d.action, sum(d.events) AS count
       FROM unnest($1::int[], $2::date[], $3::date[]) AS p(i, lo, hi)
       JOIN consent_event_days d ON d.day >= p.lo AND d.day < p.hi${action ? ' AND d.action = $4' : ''}
       GROUP BY 1, 2, 3`,
      [intervals, intervals.map((i) => date(cuts[i]!.split)), intervals.map((i) => date(cuts[i + 1]!.split)), ...(action ? [action] : [])],
    );
    // One statement per piece, not a join on unnest: with the bounds as plain parameters the planner sees an
    // hour or two of events and reads them by time (consent_events_newest_idx).
    const edges = pieces.length
      ? await (async () => {
          const w = new Where();
          const statement = pieces
            .map((j) => {
              const [lo, hi] = cuts[j]!.piece;
              const conditions = [
                `occurred_at >= ${w.param(new Date(lo).toISOString())}::timestamptz`,
                `occurred_at < ${w.param(new Date(hi).toISOString())}::timestamptz`,
                ...(action ? [`action = ${w.param(action)}`] : []),
              ];
              return `SELECT ${j}::int AS j, purpose, action, count(*) AS count FROM consent_events WHERE ${conditions.join(' AND ')} GROUP BY purpose, action`;
            })
            .join(' UNION ALL ');
          return q.query<{ j: number; purpose: ConsentPurpose; action: ConsentAction; count: string | number }>(statement, w.params);
        })()
      : { rows: [] };
    const totals = new Map<string, { interval: number; purpose: ConsentPurpose; action: ConsentAction; count: number }>();
    const add = (interval: number, purpose: ConsentPurpose, act: ConsentAction, count: number) => {
      if (interval < 0 || interval >= intervals.length) return;
      const key = `${interval}|${purpose}|${act}`;
      const row = totals.get(key);
      if (row) row.count += count;
      else totals.set(key, { interval, purpose, action: act, count });
    };
    for (const r of days.rows) add(Number(r.i), r.purpose, r.action, Number(r.count));
    for (const r of edges.rows) {
      const j = Number(r.j);
      const moved = (cuts[j]?.sign ?? 0) * Number(r.count);
      add(j - 1, r.purpose, r.action, moved);
      add(j, r.purpose, r.action, -moved);
    }
    return [...totals.values()].filter((r) => r.count !== 0);
  }

  /** Consent events newest first through consent_events_newest_idx (or the by-subject index), `w` holding the filters. */
  function pageByTime(w: Where, query: ConsentListQuery, total: number | undefined): Promise<Page<ConsentEvent>> {
    w.dateRange('occurred_at', query.from, query.to);
    return page<ConsentEvent>('consent_events', w, {
      ...newestFirst(w, 'occurred_at', 'id'),
      limit: query.limit,
      cursor: query.cursor,
      key: (e) => [e.occurredAt, e.id],
      total,
    });
  }

  /** Newest first by an instant and an id: the page's order, and where a cursor resumes (just after its row). */
  function newestFirst(w: Where, at: string, id: string) {
    return {
      order: `${at} DESC, ${id} DESC`,
      resume(cursor: string) {
        const [instant, last] = instantKey(cursor);
        w.add(`(${at}, ${id}) < (${w.param(instant)}::timestamptz, ${w.param(last)})`);
      },
    };
  }

  /** The notices that are no longer the latest of their purpose, for the purposes `latest` names. */
  async function outdatedNotices(latest: [string, string][]): Promise<string[]> {
    if (latest.length === 0) return [];
    const { rows } = await q.query<{ hash: string }>(
      'SELECT hash FROM notices WHERE purpose = ANY($1::text[]) AND hash <> ALL($2::text[]) ORDER BY hash',
      [latest.map(([p]) => p), latest.map(([, h]) => h)],
    );
    return rows.map((r) => r.hash);
  }

  /**
   * A page in (at, id) order, newest first, of rows that fall into several ranges of one index, each range
   * already in that order (one branch's WHERE each; `w` holds their parameters). Each range gives at most a
   * page of keys, the newest page of those is kept, and only its rows are read whole: the time grows with the
   * number of ranges, not with how far back their rows lie. (The planner cannot merge ordered ranges of a
   * UNION whose branches have WHERE clauses, hence the LIMIT in every branch.) The first page counts matches
   * up to countCap unless `total` is given.
   */
  async function mergedPage<R>(
    w: Where,
    spec: {
      table: string;
      /** The ordering columns (instant, id); `columns` must include both. */
      at: string;
      id: string;
      columns: string;
      branches: string[];
      /** The record, from the page's rows as `s`. */
      select: string;
      limit: number;
      cursor: string | undefined;
      key: (record: R) => [string, string];
      total?: number;
    },
  ): Promise<Page<R>> {
    if (spec.branches.length === 0) return { items: [], nextCursor: null, total: 0 };
    let total = spec.total;
    if (total === undefined && !spec.cursor) {
      const { rows } = await q.query<{ total: string | number }>(
        `SELECT count(*) AS total FROM (SELECT 1 FROM (${spec.branches
          .map((b) => `SELECT 1 FROM ${spec.table} WHERE ${b}`)
          .join(' UNION ALL ')}) AS u LIMIT ${countCap + 1}) AS matching`,
        w.params,
      );
      const counted = Number(rows[0]?.total ?? 0);
      total = counted > countCap ? undefined : counted;
    }
    const order = `${spec.at} DESC, ${spec.id} DESC`;
    // Outside the branches the columns go by their bare names.
    const bare = (column: string) => column.slice(column.indexOf('.') + 1);
    const merged = `${bare(spec.at)} DESC, ${bare(spec.id)} DESC`;
    const after: string[] = [];
    if (spec.cursor) {
      const [at, id] = instantKey(spec.cursor);
      after.push(`(${spec.at}, ${spec.id}) < (${w.param(at)}::timestamptz, ${w.param(id)})`);
    }
    const size = sqlLimit(spec.limit);
    const ranges = spec.branches
      .map((b) => `(SELECT ${spec.columns} FROM ${spec.table} WHERE ${[b, ...after].join(' AND ')} ORDER BY ${order} LIMIT ${size + 1})`)
      .join(' UNION ALL ');
    const items = await many<R>(
      `SELECT ${spec.select} FROM (SELECT * FROM (${ranges}) AS u ORDER BY ${merged} LIMIT ${size + 1}) AS s ORDER BY ${merged}`,
      w.params,
    );
    const more = items.length > size;
    if (more) items.length = size;
    const last = items[items.length - 1];
    const nextCursor = more && last !== undefined ? encodeCursor(spec.key(last)) : null;
    return total === undefined || spec.cursor ? { items, nextCursor } : { items, nextCursor, total };
  }

  return {
    users: {
      get: (id) => one<UserRecord>('SELECT doc FROM users WHERE id = $1', [id]),
      getByEmail: (email) => one<UserRecord>('SELECT doc FROM users WHERE email = $1', [email.toLowerCase()]),
      insert: insert(usersTable, 'A user with this email address'),
      list: () => many<UserRecord>('SELECT doc FROM users ORDER BY email, id'),
    },

    sessions: {
      get: (tokenHash) => one<SessionRecord>('SELECT doc FROM sessions WHERE token_hash = $1', [tokenHash]),
      insert: insert(sessionsTable, 'This session'),
      async delete(tokenHash) {
        await q.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
      },
    },

    signInAttempts: {
      // FOR UPDATE: concurrent sign-ins for one email take turns, so no failure goes uncounted.
      get: (email) => one<SignInAttempts>('SELECT doc FROM sign_in_attempts WHERE email = $1 FOR UPDATE', [email.toLowerCase()]),
      async put(attempts) {
        const statement = upsertStatement(signInAttemptsTable, attempts);
        await q.query(statement.sql, statement.params);
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
      insert: insert(accountsTable, 'An account with this id'),
      markCancelled: async (id, cancelledAt) =>
        (await write(
          {
            sql: `UPDATE accounts SET status = 'cancelled', doc = doc || jsonb_build_object('status', 'cancelled', 'cancelledAt', $2::text)
                  WHERE id = $1 AND status = 'active'`,
            params: [id, cancelledAt],
          },
          'An account with this id',
        )) === 1,
    },

    subjects: {
      get: (id) => one<Subject>('SELECT doc FROM subjects WHERE id = $1', [id]),
      findByEmail: (email) => many<Subject>('SELECT doc FROM subjects WHERE email = $1 ORDER BY id', [email.toLowerCase()]),
      listByAccount: (accountId) => many<Subject>('SELECT doc FROM subjects WHERE account_id = $1 ORDER BY id', [accountId]),
      insert: insert(subjectsTable, 'A subject with this id'),
    },

    processors: {
      get: (id) => one<Processor>('SELECT doc FROM processors WHERE id = $1', [id]),
      list: () => many<Processor>('SELECT doc FROM processors ORDER BY name, id'),
      insert: insert(processorsTable, 'A processor with this id'),
      update: update(processorsTable, 'A processor with this id'),
    },

    notices: {
      get: (hash) => one<Notice>('SELECT doc FROM notices WHERE hash = $1', [hash]),
      latest: () => many<Notice>('SELECT DISTINCT ON (purpose) doc FROM notices ORDER BY purpose, published_at DESC, hash DESC'),
      insert: insert(noticesTable, 'This notice'),
    },

    consentEvents: {
      get: (id) => one<ConsentEvent>('SELECT doc FROM consent_events WHERE id = $1', [id]),
      async list(query: ConsentListQuery) {
        const w = new Where();
        const byPerson = query.subjectId !== undefined || query.subjectIds !== undefined;
        const combined = query.purpose || query.action || query.channel || query.noticeVersion;
        let total: number | undefined;
        if (byPerson) {
          // A person's events come from the by-subject index; the other filters sort through a few rows.
          if (query.subjectId) w.add(`subject_id = ${w.param(query.subjectId)}`);
          if (query.subjectIds) w.add(`subject_id = ANY(${w.param(query.subjectIds)}::text[])`);
          if (query.purpose) w.add(`purpose = ${w.param(query.purpose)}`);
          if (query.action) w.add(`action = ${w.param(query.action)}`);
          if (query.channel) w.add(`channel = ${w.param(query.channel)}`);
          if (query.noticeVersion) w.add(`notice_version = ${w.param(query.noticeVersion)}`);
        } else {
          // Which (purpose, action, channel, notice version) combinations the filter covers, and how many events
          // each holds (migration 003). Without a date range their sum is the exact total.
          if (!combined && (query.from || query.to)) return pageByTime(w, query, undefined);
          const c = new Where();
          if (query.purpose) c.add(`purpose = ${c.param(query.purpose)}`);
          if (query.action) c.add(`action = ${c.param(query.action)}`);
          if (query.channel) c.add(`channel = ${c.param(query.channel)}`);
          if (query.noticeVersion) c.add(`notice_version = ${c.param(query.noticeVersion)}`);
          c.add('events > 0');
          const { rows } = await q.query<Combination>(
            `SELECT purpose, action, channel, notice_version, events FROM consent_event_combinations ${c.sql()}
             ORDER BY purpose, action, channel, notice_version`,
            c.params,
          );
          if (!query.from && !query.to) total = rows.reduce((sum, r) => sum + Number(r.events), 0);
          // Hundreds of notice versions would make the statement too long to plan quickly: then read by time.
          if (combined && rows.length <= maxMergedRanges) {
            // Each combination the filters cover is one range of consent_events_combination_idx.
            const range = w.dateRangeConditions('occurred_at', query.from, query.to);
            return mergedPage<ConsentEvent>(w, {
              table: 'consent_events',
              at: 'occurred_at',
              id: 'id',
              columns: 'occurred_at, id',
              branches: rows.map((r) =>
                [
                  `purpose = ${w.param(r.purpose)}`,
                  `action = ${w.param(r.action)}`,
                  `channel = ${w.param(r.channel)}`,
                  `notice_version = ${w.param(r.notice_version)}`,
                  ...range,
                ].join(' AND '),
              ),
              select: '(SELECT e.doc FROM consent_events e WHERE e.id = s.id) AS doc',
              limit: query.limit,
              cursor: query.cursor,
              key: (e) => [e.occurredAt, e.id],
              total,
            });
          }
          if (query.purpose) w.add(`purpose = ${w.param(query.purpose)}`);
          if (query.action) w.add(`action = ${w.param(query.action)}`);
          if (query.channel) w.add(`channel = ${w.param(query.channel)}`);
          if (query.noticeVersion) w.add(`notice_version = ${w.param(query.noticeVersion)}`);
        }
        return pageByTime(w, query, total);
      },
      listBySubject: (subjectId) =>
        many<ConsentEvent>('SELECT doc FROM consent_events WHERE subject_id = $1 ORDER BY occurred_at, id', [subjectId]),
      listByAccount: (accountId, limit) =>
        many<ConsentEvent>(
          `SELECT doc FROM consent_events WHERE account_id = $1 ORDER BY occurred_at DESC, id DESC LIMIT ${sqlLimit(limit)}`,
          [accountId],
        ),
      async countByMonth(from, to, timeZone) {
        // Contiguous intervals [from, next month's start, ..., to), each labelled with its month.
        const starts = monthStarts(from, to, timeZone);
        const bounds = [from];
        const labels: string[] = [];
        for (const [i, m] of starts.entries()) {
          const next = starts[i + 1];
          if (next === undefined || m.start >= to) break;
          if (next.start <= from) continue;
          labels.push(m.month);
          bounds.push(next.start < to ? next.start : to);
          if (next.start >= to) break;
        }
        const counts = await countIntervals(bounds);
        return counts.map((c): MonthlyCount => ({ month: labels[c.interval] ?? '', purpose: c.purpose, action: c.action, count: c.count }));
      },
      async countByPurpose(action, from, to) {
        const counts = await countIntervals([from, to], action);
        return Object.fromEntries(counts.map((c) => [c.purpose, c.count]));
      },
      insert: insert(consentEventsTable, 'A consent event with this id'),
    },

    consentStates: {
      get: (subjectId, purpose) =>
        one<ConsentStateRecord>(
          `SELECT jsonb_build_object('event', e.doc, 'grantChannel', s.grant_channel) AS doc
           FROM consent_states s JOIN consent_events e ON e.id = s.event_id WHERE s.subject_id = $1 AND s.purpose = $2`,
          [subjectId, purpose],
        ),
      list(query) {
        const w = new Where();
        if (query.purpose) w.add(`s.purpose = ${w.param(query.purpose)}`);
        if (query.state) w.add(`s.action = ${w.param(query.state)}`);
        return page<ConsentStateRecord>(statesFrom, w, {
          select: statesSelect,
          order: 's.subject_id, s.purpose',
          limit: query.limit,
          cursor: query.cursor,
          resume(cursor) {
            const [subjectId, purpose] = stringKey(cursor);
            w.add(`(s.subject_id, s.purpose) > (${w.param(subjectId)}, ${w.param(purpose)})`);
          },
          key: (r) => [r.event.subjectId, r.event.purpose],
        });
      },
      async reviewQueue(query) {
        const w = new Where();
        if (query.purpose) w.add(`s.purpose = ${w.param(query.purpose)}`);
        w.add('NOT EXISTS (SELECT 1 FROM consent_reviews r WHERE r.event_id = s.event_id)');
        const latest = Object.entries(query.latestNotice);
        // Built only when used: each parameter must appear in the statement.
        const conditions = {
          no_evidence: () => 's.no_evidence',
          // Notice hashes are unique across purposes (they hash the text), so "not the latest of its purpose" is
          // "none of the latest".
          outdated_notice: () =>
            `(s.action = 'granted' AND s.purpose = ANY(${w.param(latest.map(([p]) => p))}::text[]) AND s.notice_hash <> ALL(${w.param(
              latest.map(([, h]) => h),
            )}::text[]))`,
          stale_marketing: () =>
            `(s.purpose = 'marketing_emails' AND s.action = 'granted' AND s.occurred_at < ${w.param(query.staleBefore)}::timestamptz)`,
          harder_withdrawal: () =>
            `(s.action = 'withdrawn' AND s.grant_channel IS NOT NULL AND ${effort('s.channel')} > ${effort('s.grant_channel')})`,
        };
        if (query.reason === 'outdated_notice' || query.reason === 'harder_withdrawal') {
          // These two reach far back: read them as ranges of their own indexes (migration 003), newest first.
          const unreviewed = [...w.conditionList()];
          const branches =
            query.reason === 'outdated_notice'
              ? (await outdatedNotices(latest)).map((hash) => `action = 'granted' AND notice_hash = ${w.param(hash)}`)
              : harderWithdrawals.map(
                  ([channel, grantChannel]) =>
                    `action = 'withdrawn' AND channel = ${w.param(channel)} AND grant_channel = ${w.param(grantChannel)}`,
                );
          return mergedPage<ConsentStateRecord>(w, {
            table: statesFrom,
            at: 's.occurred_at',
            id: 's.event_id',
            columns: 's.occurred_at, s.event_id, s.grant_channel',
            branches: branches.map((b) => [b, ...unreviewed].join(' AND ')),
            select: statesSelect,
            limit: query.limit,
            cursor: query.cursor,
            key: (r) => [r.event.occurredAt, r.event.id],
          });
        }
        w.add(
          query.reason
            ? conditions[query.reason]()
            : `(${Object.values(conditions)
                .map((c) => c())
                .join(' OR ')})`,
        );
        return page<ConsentStateRecord>(statesFrom, w, {
          select: statesSelect,
          ...newestFirst(w, 's.occurred_at', 's.event_id'),
          limit: query.limit,
          cursor: query.cursor,
          key: (r) => [r.event.occurredAt, r.event.id],
        });
      },
    },

    consentReviews: {
      get: (eventId) => one<ConsentReviewRecord>('SELECT doc FROM consent_reviews WHERE event_id = $1', [eventId]),
      list(query) {
        const w = new Where();
        if (query.purpose) w.add(`r.purpose = ${w.param(query.purpose)}`);
        if (query.reason) w.add(`${w.param(query.reason)} = ANY(r.reasons)`);
        return page<ConsentReviewRecord & { event: ConsentEvent }>('consent_reviews r JOIN consent_events e ON e.id = r.event_id', w, {
          select: `r.doc || jsonb_build_object('event', e.doc) AS doc`,
          ...newestFirst(w, 'r.reviewed_at', 'r.event_id'),
          limit: query.limit,
          cursor: query.cursor,
          key: (r) => [r.reviewedAt, r.eventId],
        });
      },
      async insert(review) {
        await write(
          {
            sql: `INSERT INTO consent_reviews (event_id, purpose, reasons, reviewed_at, doc)
                  SELECT $1, purpose, $2::text[], $3::timestamptz, $4::jsonb FROM consent_events WHERE id = $1`,
            params: [review.eventId, review.reasons, review.reviewedAt, JSON.stringify(review)],
          },
          'A review of this event',
        );
      },
    },

    supportAccess: {
      get: (id) => one<SupportAccessRecord>('SELECT doc FROM support_access_requests WHERE id = $1', [id]),
      list(query: SupportAccessListQuery) {
        const w = new Where();
        if (query.status?.length) w.add(`status = ANY(${w.param(query.status)}::text[])`);
        if (query.requesterId) w.add(`requester_id = ${w.param(query.requesterId)}`);
        if (query.accountId) w.add(`account_id = ${w.param(query.accountId)}`);
        w.dateRange('created_at', query.from, query.to);
        if (query.q) {
          const pattern = w.param(containsPattern(query.q));
          w.add(`(ticket_ref_lower LIKE ${pattern} OR account_name_lower LIKE ${pattern} OR id = ${w.param(query.q)})`);
        }
        if (query.awaiting) {
          w.add(`(status = 'pending' AND jsonb_typeof(doc->'consent') ${query.awaiting === 'consent' ? '=' : '<>'} 'null')`);
        }
        if (query.grantEndsAfter) w.add(`grant_ends_at > ${w.param(query.grantEndsAfter)}::timestamptz`);
        if (query.grantEndsBefore) w.add(`grant_ends_at <= ${w.param(query.grantEndsBefore)}::timestamptz`);
        if (query.sort === 'ending') {
          return page<SupportAccessRecord>('support_access_requests', w, {
            order: 'grant_ends_at ASC NULLS LAST, id ASC',
            limit: query.limit,
            cursor: query.cursor,
            // Requests without an end (never granted) come last; the cursor says which part the page ended in.
            resume(cursor) {
              const [withoutEnd, endsAt, id] = endingKey(cursor);
              if (withoutEnd === 1) {
                w.add(`(grant_ends_at IS NULL AND id > ${w.param(id)})`);
              } else {
                const after = `(grant_ends_at, id) > (${w.param(endsAt)}::timestamptz, ${w.param(id)})`;
                w.add(`(grant_ends_at IS NULL OR ${after})`);
              }
            },
            key: (r) => (r.grantEndsAt === null ? [1, '', r.id] : [0, r.grantEndsAt, r.id]),
          });
        }
        const newest = query.sort !== 'oldest';
        return page<SupportAccessRecord>('support_access_requests', w, {
          order: newest ? 'created_at DESC, id DESC' : 'created_at ASC, id ASC',
          limit: query.limit,
          cursor: query.cursor,
          resume(cursor) {
            const [at, id] = instantKey(cursor);
            w.add(`(created_at, id) ${newest ? '<' : '>'} (${w.param(at)}::timestamptz, ${w.param(id)})`);
          },
          key: (r) => [r.createdAt, r.id],
        });
      },
      findOpen: (accountId, requesterId) =>
        one<SupportAccessRecord>(
          `SELECT doc FROM support_access_requests
           WHERE account_id = $1 AND requester_id = $2 AND status IN ('pending', 'active')
           ORDER BY created_at DESC, id DESC LIMIT 1`,
          [accountId, requesterId],
        ),
      listLapsed: (now) =>
        many<SupportAccessRecord>(
          `SELECT doc FROM support_access_requests
           WHERE (status = 'pending' AND decide_by <= $1::timestamptz)
              OR (status = 'active' AND grant_ends_at <= $1::timestamptz)
           ORDER BY created_at, id`,
          [now],
        ),
      insert: insert(supportAccessTable, 'An open request by this agent for this account'),
      update: update(supportAccessTable, 'An open request by this agent for this account'),
    },

    deletions: {
      get: (id) => one<DeletionRequest>('SELECT doc FROM deletion_requests WHERE id = $1', [id]),
      list(query: DeletionListQuery) {
        const w = new Where();
        if (query.status?.length) w.add(`status = ANY(${w.param(query.status)}::text[])`);
        if (query.accountId) w.add(`account_id = ${w.param(query.accountId)}`);
        if (query.dueBefore) w.add(`due_at < ${w.param(query.dueBefore)}::timestamptz`);
        if (query.held !== undefined) w.add(`held = ${w.param(query.held)}`);
        if (query.openOnly) w.add(`status NOT IN ('completed', 'rejected')`);
        return page<DeletionRequest>('deletion_requests', w, {
          order: 'due_at, id',
          limit: query.limit,
          cursor: query.cursor,
          resume(cursor) {
            const [at, id] = instantKey(cursor);
            w.add(`(due_at, id) > (${w.param(at)}::timestamptz, ${w.param(id)})`);
          },
          key: (d) => [d.dueAt, d.id],
        });
      },
      insert: insert(deletionsTable, 'A deletion request with this id'),
      update: update(deletionsTable, 'A deletion request with this id'),
    },

    audit: {
      list(query: AuditQuery) {
        const w = new Where();
        if (query.actorId) w.add(`actor_id = ${w.param(query.actorId)}`);
        if (query.action) {
          // An action names itself and the actions under it: `deletion` finds `deletion.approve`.
          w.add(`(action = ${w.param(query.action)} OR action LIKE ${w.param(`${escapeLike(query.action)}.%`)})`);
        }
        if (query.recordType) w.add(`record_type = ${w.param(query.recordType)}`);
        if (query.recordId) w.add(`record_id = ${w.param(query.recordId)}`);
        w.dateRange('at', query.from, query.to);
        return page<AuditEvent>('audit_events', w, {
          ...newestFirst(w, 'at', 'id'),
          limit: query.limit,
          cursor: query.cursor,
          key: (e) => [e.at, e.id],
        });
      },
      insert: insert(auditTable, 'An audit event with this id'),
    },

    settings: {
      async get(key) {
        // FOR UPDATE: settings are read, checked against their version and written back in one transaction;
        // the row lock makes a concurrent writer wait and then read the new value.
        const { rows } = await q.query<{ value: unknown }>('SELECT value FROM settings WHERE key = $1 FOR UPDATE', [key]);
        return rows[0]?.value ?? null;
      },
      async set(key, value) {
        await q.query('INSERT INTO settings (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [
          key,
          JSON.stringify(value ?? null),
        ]);
      },
    },
  };
}

// The event is fetched for the page's rows only, so counting the matches reads consent_states alone.
const statesFrom = 'consent_states s';
const statesSelect = `jsonb_build_object('event', (SELECT e.doc FROM consent_events e WHERE e.id = s.event_id), 'grantChannel', s.grant_channel) AS doc`;

/** A channel's effort (rules/consent-review) as SQL; the channels are the contract's own words. */
function effort(column: string): string {
  const cases = consentChannels.map((c: ConsentChannel) => `WHEN '${c}' THEN ${channelEffort[c]}`).join(' ');
  return `(CASE ${column} ${cases} END)`;
}

type Combination = { purpose: string; action: string; channel: string; notice_version: string; events: string | number };

/** The (withdrawal channel, grant channel) pairs where withdrawing took more effort than granting. */
const harderWithdrawals: [ConsentChannel, ConsentChannel][] = consentChannels.flatMap((channel) =>
  consentChannels
    .filter((grant) => channelEffort[channel] > channelEffort[grant])
    .map((grant): [ConsentChannel, ConsentChannel] => [channel, grant]),
);

/** The most index ranges one ledger page merges (combinations of the four filters the page covers). */
const maxMergedRanges = 200;

/** Past this many matching rows a first page carries no total. */
const countCap = 10_000;

/** A WHERE clause built from conditions, each value a numbered parameter. */
class Where {
  readonly params: unknown[] = [];
  private readonly conditions: string[] = [];

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  add(condition: string): void {
    this.conditions.push(condition);
  }

  /** `from` and `to` are calendar dates in UTC, both inclusive: `to` means before the next day starts. */
  dateRange(column: string, from: string | undefined, to: string | undefined): void {
    for (const condition of this.dateRangeConditions(column, from, to)) this.add(condition);
  }

  /** dateRange's conditions, with their parameters, for a statement that places them itself. */
  dateRangeConditions(column: string, from: string | undefined, to: string | undefined): string[] {
    const conditions: string[] = [];
    if (from) conditions.push(`${column} >= ${this.param(startOfDay(from, 0))}::timestamptz`);
    if (to) conditions.push(`${column} < ${this.param(startOfDay(to, 1))}::timestamptz`);
    return conditions;
  }

  /** The conditions so far, for statements that place them themselves (with this Where's parameters). */
  conditionList(): readonly string[] {
    return this.conditions;
  }

  sql(): string {
    return this.conditions.length ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}

function startOfDay(date: string, plusDays: number): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new ApiError('validation_failed', 'Not a calendar date', { date: 'Use YYYY-MM-DD' });
  const [, y, m, d] = match;
  return new Date(Date.UTC(Number(y), Number(m) - 1, Number(d) + plusDays)).toISOString();
}

/** A LIKE pattern for a case-insensitive substring, with LIKE's own wildcards taken literally. */
function containsPattern(q: string): string {
  return `%${escapeLike(q.toLowerCase())}%`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function sqlLimit(limit: number): number {
  return Number.isInteger(limit) && limit > 0 ? Math.min(limit, 1000) : 50;
}

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

function parseInstant(value: string): string {
  if (!isoInstant.test(value) || Number.isNaN(Date.parse(value))) throw badCursor();
  return value;
}

function badCursor(): ApiError {
  return new ApiError('bad_request', 'The cursor is not one this API gave out', { cursor: 'Invalid cursor' });
}

/** Decodes a cursor and checks each part's type, so a forged cursor is a 400, never a database error. */
function stringKey(cursor: string): [string, string] {
  const [a, b] = decodeCursor(cursor, 2);
  if (typeof a !== 'string' || typeof b !== 'string') throw badCursor();
  return [a, b];
}

function instantKey(cursor: string): [string, string] {
  const [at, id] = stringKey(cursor);
  return [parseInstant(at), id];
}

function endingKey(cursor: string): [number, string, string] {
  const [withoutEnd, endsAt, id] = decodeCursor(cursor, 3);
  if ((withoutEnd !== 0 && withoutEnd !== 1) || typeof endsAt !== 'string' || typeof id !== 'string') throw badCursor();
  return [withoutEnd, withoutEnd === 1 ? endsAt : parseInstant(endsAt), id];
}
