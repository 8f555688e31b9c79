import type { Actions } from '@/api/contract/common';
import type {
  ConsentChannel,
  ConsentEvent,
  ConsentPurpose,
  ConsentReview,
  ConsentReviewActionName,
  ReviewReason,
} from '@/api/contract/consent';
import { reviewReasons } from '@/api/contract/consent';
import { actionPermissions } from '@/api/contract/endpoints';
import type { Caller, Refusal } from './actions';
import { conflict, decideActions } from './actions';
import { addCalendarMonths, fromLocal, localParts } from './time';

/**
 * How much effort a channel asks of the person: withdrawing must be as easy as giving consent
 * (GDPR Art. 7(3)), so a withdrawal through a channel with more effort than the grant's needs a look.
 * Self-service online channels are the easiest; a conversation with support takes more; a call or a
 * salesperson the most.
 */
export const channelEffort: Record<ConsentChannel, number> = {
  sign_up_form: 1,
  account_settings: 1,
  email_link: 1,
  cookie_banner: 1,
  support_conversation: 2,
  call: 3,
  sales: 3,
};

/** Marketing consent older than this many calendar months should be refreshed. */
export const MARKETING_REFRESH_MONTHS = 24;

/**
 * The instant before which a marketing grant counts as stale, as of `now`: the start of the calendar day
 * 24 months back, in the company's time zone. A day's granularity keeps the queue steady through the day.
 */
export function staleMarketingBefore(now: Date, timeZone: string): string {
  const day = localParts(addCalendarMonths(now, -MARKETING_REFRESH_MONTHS, timeZone), timeZone);
  return fromLocal({ ...day, hour: 0, minute: 0, second: 0, ms: 0 }, timeZone).toISOString();
}

/** A person's current consent for one purpose: its newest event, and the channel of the last grant. */
export type CurrentConsent = { event: ConsentEvent; grantChannel: ConsentChannel | null };

export type ReviewContext = {
  /** The hash of the notice now in use, per purpose (none when a purpose never had a notice). */
  latestNotice: Partial<Record<ConsentPurpose, string>>;
  staleBefore: string;
};

/**
 * A grant the person gave themselves with nothing kept to prove it (Art. 7(1) asks the controller to show
 * consent was given). A withdrawal needs no proof: honouring one that was never meant costs nothing a
 * regulator would ask about, and asking for evidence would make withdrawing harder than giving (Art. 7(3)).
 */
export function hasNoEvidence(e: ConsentEvent): boolean {
  return e.action === 'granted' && e.recordedBy.kind === 'subject' && e.evidence === null;
}

/** Why a person's current consent needs a look; empty when it does not. */
export function reviewReasonsFor(current: CurrentConsent, context: ReviewContext): ReviewReason[] {
  const { event: e, grantChannel } = current;
  const reasons: Record<ReviewReason, boolean> = {
    no_evidence: hasNoEvidence(e),
    outdated_notice:
      e.action === 'granted' && context.latestNotice[e.purpose] !== undefined && e.noticeHash !== context.latestNotice[e.purpose],
    stale_marketing: e.action === 'granted' && e.purpose === 'marketing_emails' && e.occurredAt < context.staleBefore,
    harder_withdrawal: e.action === 'withdrawn' && grantChannel !== null && channelEffort[e.channel] > channelEffort[grantChannel],
  };
  return reviewReasons.filter((r) => reasons[r]);
}

/**
 * An event of the queue, as the review rule sees it: its review if one was made, why it was queued, and
 * whether it is still the person's current event for its purpose (a newer one takes it out of the queue;
 * only asked of an event not reviewed yet).
 */
export type ReviewFacts = { review: Pick<ConsentReview, 'reviewedBy'> | null; reasons: readonly ReviewReason[]; current?: boolean };

/** Why marking the event reviewed is refused, beyond the role's permission; null when allowed. */
export function markReviewedBlocker(item: ReviewFacts): Refusal | null {
  if (item.review) return conflict(`${item.review.reviewedBy.name} reviewed this event already`);
  if (item.current === false)
    return conflict('A newer event of this person and purpose has replaced this one, so it is no longer in the queue');
  return item.reasons.length === 0 ? conflict('This event does not need a review') : null;
}

export function consentReviewActions(item: ReviewFacts, caller: Caller): Actions<ConsentReviewActionName> {
  return decideActions(caller.role, actionPermissions.consentReview, () => markReviewedBlocker(item));
}
