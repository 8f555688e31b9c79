import type { Page } from '@/api/contract/common';
import type { ConsentAction, ConsentEvent, ConsentPurpose, Notice } from '@/api/contract/consent';
import { monthStarts } from '@/api/rules/time';
import type { ConsentListQuery, MonthlyCount, Tx } from '@/api/store/store';
import { pageSize } from '@/api/store/store';
import type { Queryable } from '../db';
import { consentEventsTable, noticesTable } from '../tables';
import type { Sql } from './query';
import { newestFirst, Where } from './query';

type Combination = { purpose: string; action: string; channel: string; notice_version: string; events: string | number };

/** The most index ranges one ledger page merges (combinations of the four filters the page covers). */
const maxMergedRanges = 200;

/** The consent ledger and the notices its events were given under. */
export function consentEventRepositories(sql: Sql): Pick<Tx, 'notices' | 'consentEvents'> {
  const { q, one, many, insert, page, mergedPage } = sql;

  /** Consent events newest first through consent_events_newest_idx (or the by-subject index), `w` holding the filters. */
  function pageByTime(w: Where, query: ConsentListQuery, total: number | undefined): Promise<Page<ConsentEvent>> {
    w.range('occurred_at', query.since, query.before);
    return page<ConsentEvent>('consent_events', w, {
      ...newestFirst(w, 'occurred_at', 'id'),
      limit: query.limit,
      cursor: query.cursor,
      key: (e) => [e.occurredAt, e.id],
      total,
    });
  }

  return {
    notices: {
      get: (hash) => one<Notice>('SELECT doc FROM notices WHERE hash = $1', [hash]),
      latest: () => many<Notice>('SELECT DISTINCT ON (purpose) doc FROM notices ORDER BY purpose, published_at DESC, hash DESC'),
      insert: insert(noticesTable, 'notices'),
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
          if (!combined && (query.since || query.before)) return pageByTime(w, query, undefined);
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
          if (!query.since && !query.before) total = rows.reduce((sum, r) => sum + Number(r.events), 0);
          // Hundreds of notice versions would make the statement too long to plan quickly: then read by time.
          if (combined && rows.length <= maxMergedRanges) {
            // Each combination the filters cover is one range of consent_events_combination_idx.
            const range = w.rangeConditions('occurred_at', query.since, query.before);
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
          `SELECT doc FROM consent_events WHERE account_id = $1 ORDER BY occurred_at DESC, id DESC LIMIT ${pageSize(limit)}`,
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
        const counts = await countIntervals(q, bounds);
        return counts.map((c): MonthlyCount => ({ month: labels[c.interval] ?? '', purpose: c.purpose, action: c.action, count: c.count }));
      },
      async countByPurpose(action, from, to) {
        const counts = await countIntervals(q, [from, to], action);
        return Object.fromEntries(counts.map((c) => [c.purpose, c.count]));
      },
      async grantedDuring(purposes, from, to) {
        // The newest event at or before `from` per person and purpose (ties by id), when it is a grant; and the
        // grants after `from`, no later than `to`.
        const { rows } = await q.query<{ subject_id: string; account_id: string | null }>(
          `SELECT subject_id, min(account_id) AS account_id FROM (
             SELECT subject_id, account_id FROM (
               SELECT DISTINCT ON (subject_id, purpose) subject_id, account_id, action FROM consent_events
               WHERE purpose = ANY($1::text[]) AND occurred_at <= $2::timestamptz
               ORDER BY subject_id, purpose, occurred_at DESC, id DESC
             ) at_start WHERE action = 'granted'
             UNION ALL
             SELECT subject_id, account_id FROM consent_events
             WHERE purpose = ANY($1::text[]) AND action = 'granted' AND occurred_at > $2::timestamptz AND occurred_at <= $3::timestamptz
           ) people GROUP BY subject_id ORDER BY subject_id`,
          [purposes, from, to],
        );
        return rows.map((r) => ({ subjectId: r.subject_id, accountId: r.account_id }));
      },
      insert: insert(consentEventsTable, 'consentEvents'),
    },
  };
}

/**
 * Events per purpose and action in each interval [bounds[i], bounds[i + 1]), bounds ascending. Whole UTC
 * days come from consent_event_days (migration 003); around each bound only the smaller part of its day
 * (at most 12 hours) is counted from the events, and moved across the bound: the days before or after it
 * counted that part for the wrong interval.
 */
async function countIntervals(
  q: Queryable,
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
