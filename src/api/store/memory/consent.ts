import { grantedDuring } from '@/api/rules/breach-scope';
import type { ConsentAction, ConsentEvent, ConsentPurpose, Notice } from '@/api/contract/consent';
import { reviewReasonsFor } from '@/api/rules/consent-review';
import { monthStarts } from '@/api/rules/time';
import type { ConsentReviewRecord } from '@/api/store/schemas';
import type { ConsentedPerson, ConsentStateRecord, MonthlyCount, Tx } from '@/api/store/store';
import type { HeldState } from './data';
import type { Ops } from './memory-store';
import { clone, eventsNewest, lowerBound, ordering, pageOf, statesNewest } from './paging';

const statesBySubject = ordering<ConsentStateRecord>((s) => [s.event.subjectId, s.event.purpose], [1, 1]);
const reviewsNewest = ordering<ConsentReviewRecord>((r) => [r.reviewedAt, r.eventId], [-1, -1]);

const asRecord = (s: HeldState): ConsentStateRecord => ({ event: s.event, grantChannel: s.grant?.channel ?? null });

/** The ledger, each person's current consent, the review queue and the reviews, and the notices they refer to. */
export function consentRepositories({
  data,
  guard,
  read,
  insert,
  chained,
}: Ops): Pick<Tx, 'notices' | 'consentEvents' | 'consentStates' | 'consentReviews'> {
  /** The ledger's events in [from, to), newest first (one binary search each way). */
  const between = (from: string, to: string): ConsentEvent[] =>
    data.events.slice(
      lowerBound(data.events, (e) => e.occurredAt < to),
      lowerBound(data.events, (e) => e.occurredAt < from),
    );

  return {
    notices: {
      get: async (hash) => read('notices', hash),
      latest: async () => {
        guard();
        const newest = new Map<ConsentPurpose, Notice>();
        for (const n of data.rows('notices')) {
          const seen = newest.get(n.purpose);
          if (!seen || n.publishedAt > seen.publishedAt || (n.publishedAt === seen.publishedAt && n.hash > seen.hash)) {
            newest.set(n.purpose, n);
          }
        }
        return [...newest.values()].map(clone);
      },
      insert: async (notice) => insert('notices', notice),
    },

    consentEvents: {
      get: async (id) => read('consentEvents', id),
      list: async (query) => {
        guard();
        const { subjectId, purpose, action, channel, noticeVersion, since, before } = query;
        const several = query.subjectIds ? new Set(query.subjectIds) : null;
        const matches = (e: ConsentEvent): boolean =>
          (subjectId === undefined || e.subjectId === subjectId) &&
          (several === null || several.has(e.subjectId)) &&
          (purpose === undefined || e.purpose === purpose) &&
          (action === undefined || e.action === action) &&
          (channel === undefined || e.channel === channel) &&
          (noticeVersion === undefined || e.noticeVersion === noticeVersion);
        // The ledger is newest first: an instant range is one stretch of it, found by binary search.
        const range = {
          start: before ? lowerBound(data.events, (e) => e.occurredAt < before) : 0,
          end: since ? lowerBound(data.events, (e) => e.occurredAt < since) : data.events.length,
        };
        return pageOf(data.events, eventsNewest, matches, query, { ...range, end: Math.max(range.start, range.end) });
      },
      listBySubject: async (subjectId) => {
        guard();
        return data.events
          .filter((e) => e.subjectId === subjectId)
          .reverse()
          .map(clone);
      },
      listByAccount: async (accountId, limit) => {
        guard();
        const found: ConsentEvent[] = [];
        for (const e of data.events) {
          if (found.length >= limit) break;
          if (e.accountId === accountId) found.push(clone(e));
        }
        return found;
      },
      countByMonth: async (from, to, timeZone) => {
        guard();
        const starts = monthStarts(from, to, timeZone);
        const counts = new Map<string, MonthlyCount>();
        for (const e of between(from, to)) {
          // The last month that starts at or before the event.
          const month = starts[lowerBound(starts, (m) => m.start > e.occurredAt) - 1]?.month;
          if (!month) continue;
          const key = `${month}|${e.purpose}|${e.action}`;
          const row = counts.get(key);
          if (row) row.count += 1;
          else counts.set(key, { month, purpose: e.purpose, action: e.action, count: 1 });
        }
        return [...counts.values()];
      },
      countByPurpose: async (action: ConsentAction, from, to) => {
        guard();
        const counts: Partial<Record<ConsentPurpose, number>> = {};
        for (const e of between(from, to)) if (e.action === action) counts[e.purpose] = (counts[e.purpose] ?? 0) + 1;
        return counts;
      },
      grantedDuring: async (purposes, from, to) => {
        guard();
        const wanted = new Set<string>(purposes);
        const bySubject = new Map<string, ConsentEvent[]>();
        for (const e of data.events) {
          if (!wanted.has(e.purpose) || e.occurredAt > to) continue;
          const key = `${e.subjectId}\u0000${e.purpose}`;
          const list = bySubject.get(key);
          if (list) list.push(e);
          else bySubject.set(key, [e]);
        }
        const people = new Map<string, ConsentedPerson>();
        for (const events of bySubject.values()) {
          const first = events[0];
          if (first && !people.has(first.subjectId) && grantedDuring(events, from, to)) {
            people.set(first.subjectId, { subjectId: first.subjectId, accountId: first.accountId });
          }
        }
        return [...people.values()].sort((a, b) => (a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0));
      },
      insert: async (event) => {
        insert('consentEvents', event);
        chained({ chain: 'consent', record: event });
      },
    },

    consentStates: {
      get: async (subjectId, purpose) => {
        guard();
        const held = data.state(subjectId, purpose);
        return held ? clone(asRecord(held)) : null;
      },
      list: async (query) => {
        guard();
        const rows = [...data.states.values()].map(asRecord).sort(statesBySubject.compare);
        const matches = (r: ConsentStateRecord): boolean =>
          (!query.purpose || r.event.purpose === query.purpose) && (!query.state || r.event.action === query.state);
        return pageOf(rows, statesBySubject, matches, query);
      },
      reviewQueue: async (query) => {
        guard();
        // The states that need a look are few: filter first, then sort only those.
        const queued: ConsentStateRecord[] = [];
        for (const held of data.states.values()) {
          const state = asRecord(held);
          if (query.purpose && state.event.purpose !== query.purpose) continue;
          if (data.get('consentReviews', state.event.id)) continue;
          const reasons = reviewReasonsFor(state, query);
          if (query.reason ? reasons.includes(query.reason) : reasons.length > 0) queued.push(state);
        }
        return pageOf(queued.sort(statesNewest.compare), statesNewest, () => true, query);
      },
    },

    consentReviews: {
      get: async (eventId) => read('consentReviews', eventId),
      list: async (query) => {
        guard();
        const eventOf = (r: ConsentReviewRecord): ConsentEvent => {
          const event = data.get('consentEvents', r.eventId);
          if (!event) throw new Error(`Review of a missing event ${r.eventId}`);
          return event;
        };
        const matches = (r: ConsentReviewRecord): boolean =>
          (!query.reason || r.reasons.includes(query.reason)) && (!query.purpose || eventOf(r).purpose === query.purpose);
        const page = pageOf(data.rows('consentReviews').sort(reviewsNewest.compare), reviewsNewest, matches, query);
        return { ...page, items: page.items.map((r) => ({ ...r, event: clone(eventOf(r)) })) };
      },
      insert: async (review) => insert('consentReviews', review),
    },
  };
}
