import type { ConsentChannel, ConsentEvent } from '@/api/contract/consent';
import { consentChannels } from '@/api/contract/consent';
import { channelEffort } from '@/api/rules/consent-review';
import { NotFoundError } from '@/api/store/errors';
import type { ConsentReviewRecord } from '@/api/store/schemas';
import type { ConsentStateRecord, Tx } from '@/api/store/store';
import type { Sql } from './query';
import { newestFirst, stringKey, Where } from './query';

// The event is fetched for the page's rows only, so counting the matches reads consent_states alone.
const statesFrom = 'consent_states s';
const statesSelect = `jsonb_build_object('event', (SELECT e.doc FROM consent_events e WHERE e.id = s.event_id), 'grantChannel', s.grant_channel) AS doc`;

/** A channel's effort (rules/consent-review) as SQL; the channels are the contract's own words. */
function effort(column: string): string {
  const cases = consentChannels.map((c: ConsentChannel) => `WHEN '${c}' THEN ${channelEffort[c]}`).join(' ');
  return `(CASE ${column} ${cases} END)`;
}

/** The (withdrawal channel, grant channel) pairs where withdrawing took more effort than granting. */
const harderWithdrawals: [ConsentChannel, ConsentChannel][] = consentChannels.flatMap((channel) =>
  consentChannels
    .filter((grant) => channelEffort[channel] > channelEffort[grant])
    .map((grant): [ConsentChannel, ConsentChannel] => [channel, grant]),
);

/** Each person's current consent per purpose (kept by trigger, migration 002), the review queue and the reviews. */
export function consentStateRepositories(sql: Sql): Pick<Tx, 'consentStates' | 'consentReviews'> {
  const { q, one, write, page, mergedPage } = sql;

  /** The notices that are no longer the latest of their purpose, for the purposes `latest` names. */
  async function outdatedNotices(latest: [string, string][]): Promise<string[]> {
    if (latest.length === 0) return [];
    const { rows } = await q.query<{ hash: string }>(
      'SELECT hash FROM notices WHERE purpose = ANY($1::text[]) AND hash <> ALL($2::text[]) ORDER BY hash',
      [latest.map(([p]) => p), latest.map(([, h]) => h)],
    );
    return rows.map((r) => r.hash);
  }

  return {
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
          // Withdrawals need no evidence (rules/consent-review hasNoEvidence).
          no_evidence: () => "(s.no_evidence AND s.action = 'granted')",
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
        const written = await write(
          {
            sql: `INSERT INTO consent_reviews (event_id, purpose, reasons, reviewed_at, doc)
                  SELECT $1, purpose, $2::text[], $3::timestamptz, $4::jsonb FROM consent_events WHERE id = $1`,
            params: [review.eventId, review.reasons, review.reviewedAt, JSON.stringify(review)],
          },
          'consentReviews',
        );
        if (written === 0) throw new NotFoundError('consentEvents', 'There is no such consent event to review');
      },
    },
  };
}
