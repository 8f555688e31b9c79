import { z } from 'zod';
import { actionsOf, csv, cursorParam, id, instant, limitParam, text } from './common';

export const hostings = ['cloud', 'self_hosted'] as const;
export const accountStatuses = ['active', 'cancelled'] as const;
export const plans = ['trial', 'paid'] as const;

/** A customer account: the organisation that consent, access and deletion refer to. */
export const account = z.object({
  id,
  name: z.string(),
  hosting: z.enum(hostings),
  plan: z.enum(plans),
  status: z.enum(accountStatuses),
  /** Primary storage country of a cloud account (policy 5.7: USA or Canada); null when self-hosted. */
  primaryRegion: z.enum(['US', 'CA']).nullable(),
  createdAt: instant,
  cancelledAt: instant.nullable(),
  peopleCount: z.number().int().nonnegative(),
});
export type Account = z.infer<typeof account>;

/**
 * What the caller may do to an account: record its cancellation, or record an erasure request for it.
 * A list answers only `cancel`: whether an account already has an open deletion request is known per
 * account, so the list leaves it to the account's own answer.
 */
const accountActionNames = ['cancel', 'requestDeletion'] as const;
export type AccountActionName = (typeof accountActionNames)[number];
const accountListActionNames = ['cancel'] as const;
export const accountView = account.extend({ actions: actionsOf(accountListActionNames) });
export type AccountView = z.infer<typeof accountView>;

export const subjectKinds = ['person', 'visitor'] as const;
/** A data subject: a person at a customer account, or a website visitor known only by an id. */
export const subject = z.object({
  id,
  kind: z.enum(subjectKinds),
  accountId: id.nullable(),
  name: z.string().nullable(),
  /** Masked (j***@example.com) in API answers unless revealed. */
  email: z.string().nullable(),
  /**
   * Once their data is erased: HMAC-SHA256 of their normalised email under the server's secret, so the
   * pseudonymous consent record still matches when they give their email again.
   */
  emailHash: z.string().optional(),
  /** The person's role at their account; null for visitors. */
  accountRole: z.enum(['owner', 'member', 'billing']).nullable(),
});
export type Subject = z.infer<typeof subject>;

export const accountQuery = z.object({
  q: text(100).optional(),
  hosting: csv(z.enum(hostings)),
  status: csv(z.enum(accountStatuses)),
  cursor: cursorParam,
  limit: limitParam,
});
export type AccountQuery = z.infer<typeof accountQuery>;

/** The billing system (or an officer on its word) reports a cancellation: the 30-day clock starts. */
export const cancelAccount = z.object({ cancelledAt: instant.optional() });
export type CancelAccount = z.infer<typeof cancelAccount>;

export const accountDetail = z.object({ account, people: z.array(subject), actions: actionsOf(accountActionNames) });
export type AccountDetail = z.infer<typeof accountDetail>;

export const timelineKinds = ['account', 'consent_event', 'support_access_request', 'deletion_request', 'deletion_task', 'breach'] as const;
/** One thing that happened to an account, from any area, linked to its record. */
export const timelineItem = z.object({
  at: instant,
  kind: z.enum(timelineKinds),
  /** The record to link to: a consent event links to its subject. */
  recordType: z.enum(['account', 'subject', 'support_access_request', 'deletion_request', 'breach']),
  recordId: id,
  title: z.string(),
  detail: z.string().nullable(),
});
export type TimelineItem = z.infer<typeof timelineItem>;
export const accountTimeline = z.object({
  items: z.array(timelineItem),
  /** True when older items were left off (the newest 500 are answered). */
  truncated: z.boolean(),
});
export type AccountTimeline = z.infer<typeof accountTimeline>;
