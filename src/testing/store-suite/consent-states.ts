import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsentEvent, ReviewReason } from '@/api/contract/consent';
import { reviewReasons } from '@/api/contract/consent';
import type { ReviewContext } from '@/api/rules/consent-review';
import { reviewReasonsFor } from '@/api/rules/consent-review';
import { NotFoundError, UniqueViolationError } from '@/api/store/errors';
import type { ConsentStateRecord } from '@/api/store/store';
import { makeConsentEvent } from '@/testing/fixtures';
import type { StoreMaker } from './data';
import { fixtureEvent, fixtures, load, sortBy, storeFor, T } from './data';

type Current = { event: ConsentEvent; grant: ConsentEvent | null };

/** Each person's current consent per purpose, worked out from the events alone. */
function currentStates(events: readonly ConsentEvent[]): Current[] {
  const newer = (a: ConsentEvent, b: ConsentEvent | null) =>
    !b || a.occurredAt > b.occurredAt || (a.occurredAt === b.occurredAt && a.id > b.id);
  const states = new Map<string, Current>();
  for (const e of events) {
    const key = `${e.subjectId}|${e.purpose}`;
    const s = states.get(key) ?? { event: e, grant: null };
    if (newer(e, s.event)) s.event = e;
    if (e.action === 'granted' && newer(e, s.grant)) s.grant = e;
    states.set(key, s);
  }
  return [...states.values()];
}

const asRecord = (s: Current): ConsentStateRecord => ({ event: s.event, grantChannel: s.grant?.channel ?? null });
const eventIds = (rows: readonly ConsentStateRecord[]) => rows.map((r) => r.event.id);

/** Current consent (the suppression list), the review queue and the reviews. */
export function consentStateConformance(make: StoreMaker): void {
  describe('consent states, the review queue and reviews', () => {
    const data = fixtures();
    // A backdated withdrawal (older than the grant it follows), a newer grant after a withdrawal, and a
    // withdrawal by phone of a grant given in a cookie banner.
    const hard = { subjectId: 'sub_06', accountId: null, purpose: 'customer_story' as const };
    const late = [
      fixtureEvent('ce_backdated', 'sub_01', T(5000), 1),
      fixtureEvent('ce_regrant', 'sub_05', T(-1), 0),
      makeConsentEvent({ ...hard, id: 'ce_easy_grant', action: 'granted', channel: 'cookie_banner', occurredAt: T(10) }),
      makeConsentEvent({ ...hard, id: 'ce_hard_withdrawal', action: 'withdrawn', channel: 'call', occurredAt: T(5) }),
    ];
    const events = [...data.consentEvents, ...late];
    const { run } = storeFor(make, { beforeAll, afterAll }, async (s) => {
      await load(s, data);
      await s.transaction(async (tx) => {
        for (const e of late) await tx.consentEvents.insert(e);
      });
    });
    const context: ReviewContext = {
      latestNotice: { marketing_emails: 'd'.repeat(64), analytics_cookies: 'e'.repeat(64) },
      staleBefore: T(30),
    };

    it('keeps the newest event of each person and purpose, and the channel of their newest grant', async () => {
      const want = sortBy(currentStates(events).map(asRecord), (s) => [s.event.subjectId, s.event.purpose]);
      for (const limit of [1, 9, 500]) {
        const seen: ConsentStateRecord[] = [];
        let cursor: string | undefined;
        do {
          const page = await run((tx) => tx.consentStates.list({ limit, cursor }));
          if (!cursor) expect(page.total).toBe(want.length);
          seen.push(...page.items);
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(seen).toEqual(want);
      }
      const one = want.find((s) => s.event.subjectId === 'sub_01' && s.grantChannel !== null)!;
      expect(await run((tx) => tx.consentStates.get('sub_01', one.event.purpose))).toEqual(one);
      expect(await run((tx) => tx.consentStates.get('sub_v1', 'marketing_emails'))).toBeNull();
    });

    it('lists states by purpose and by state', async () => {
      const want = sortBy(
        currentStates(events)
          .map(asRecord)
          .filter((s) => s.event.purpose === 'marketing_emails' && s.event.action === 'withdrawn'),
        (s) => [s.event.subjectId, s.event.purpose],
      );
      expect(want.length).toBeGreaterThan(0);
      const page = await run((tx) => tx.consentStates.list({ limit: 500, purpose: 'marketing_emails', state: 'withdrawn' }));
      expect(page.items).toEqual(want);
    });

    it('queues the current states that need a look, for each reason and purpose, newest first, with totals', async () => {
      const queued = (reason?: ReviewReason, purpose?: string) =>
        sortBy(
          currentStates(events)
            .map(asRecord)
            .filter((s) => {
              const reasons = reviewReasonsFor(s, context);
              return (!purpose || s.event.purpose === purpose) && (reason ? reasons.includes(reason) : reasons.length > 0);
            }),
          (s) => [s.event.occurredAt, s.event.id],
        ).reverse();
      let seenAny = 0;
      for (const reason of [undefined, ...reviewReasons]) {
        for (const purpose of [undefined, 'marketing_emails', 'analytics_cookies'] as const) {
          const want = queued(reason, purpose);
          seenAny += want.length;
          const seen: ConsentStateRecord[] = [];
          let cursor: string | undefined;
          do {
            const page = await run((tx) => tx.consentStates.reviewQueue({ ...context, reason, purpose, cursor, limit: 4 }));
            if (!cursor) expect(page.total, `${reason} ${purpose}`).toBe(want.length);
            seen.push(...page.items);
            cursor = page.nextCursor ?? undefined;
          } while (cursor);
          expect(eventIds(seen), `${reason} ${purpose}`).toEqual(eventIds(want));
        }
        if (reason) expect(queued(reason).length, reason).toBeGreaterThan(0);
      }
      expect(seenAny).toBeGreaterThan(0);
    });

    it('keeps one review per event: a reviewed event leaves the queue and lists among the reviews, newest first', async () => {
      const queue = await run((tx) => tx.consentStates.reviewQueue({ ...context, limit: 3 }));
      const [first, second] = queue.items;
      if (!first || !second) throw new Error('the queue is too short');
      const review = (state: ConsentStateRecord, at: string) => ({
        eventId: state.event.id,
        reasons: reviewReasonsFor(state, context),
        reviewedAt: at,
        reviewedBy: { userId: 'usr_1', name: 'Officer' },
        note: 'Looked',
      });
      await run((tx) => tx.consentReviews.insert(review(first, T(0))));
      await run((tx) => tx.consentReviews.insert(review(second, T(-1))));
      await expect(run((tx) => tx.consentReviews.insert(review(first, T(-2))))).rejects.toMatchObject({ rule: 'consent_review' });
      await expect(run((tx) => tx.consentReviews.insert(review(first, T(-2))))).rejects.toBeInstanceOf(UniqueViolationError);
      await expect(run((tx) => tx.consentReviews.insert({ ...review(first, T(-2)), eventId: 'ce_nope' }))).rejects.toBeInstanceOf(
        NotFoundError,
      );
      expect(await run((tx) => tx.consentReviews.get(first.event.id))).toEqual(review(first, T(0)));
      expect(await run((tx) => tx.consentReviews.get('ce_nope'))).toBeNull();
      const after = await run((tx) => tx.consentStates.reviewQueue({ ...context, limit: 500 }));
      expect(eventIds(after.items)).not.toContain(first.event.id);
      expect(after.total).toBe((queue.total ?? 0) - 2);
      const reviews = await run((tx) => tx.consentReviews.list({ limit: 1 }));
      expect(reviews.items).toEqual([{ ...review(second, T(-1)), event: second.event }]);
      const rest = await run((tx) => tx.consentReviews.list({ limit: 1, cursor: reviews.nextCursor ?? undefined }));
      expect(rest.items.map((r) => r.eventId)).toEqual([first.event.id]);
      const reason = review(first, T(0)).reasons[0]!;
      const byReason = await run((tx) => tx.consentReviews.list({ limit: 10, reason, purpose: first.event.purpose }));
      expect(byReason.items.map((r) => r.eventId)).toContain(first.event.id);
      const otherPurpose = first.event.purpose === 'marketing_emails' ? 'product_research' : 'marketing_emails';
      expect((await run((tx) => tx.consentReviews.list({ limit: 10, purpose: otherPurpose }))).items.map((r) => r.eventId)).not.toContain(
        first.event.id,
      );
    });
  });
}
