import { z } from 'zod';
import { actionsOf, csv, cursorParam, id, instant, limitParam, requiredText, text, version } from './common';
import { consentChannel } from './consent';

export const accessStatuses = [
  'pending', // asked; waiting for the customer's consent and an officer's decision
  'active', // approved: the grant runs until grantEndsAt
  'denied',
  'expired', // not decided within 12 hours
  'revoked', // ended early by an officer
  'withdrawn', // the customer withdrew consent
  'ended', // the grant ran its time
  'cancelled', // the requester dropped it before a decision
] as const;
export const accessStatus = z.enum(accessStatuses);
export type AccessStatus = z.infer<typeof accessStatus>;
export const accessScopes = ['read', 'read_write'] as const;
export const accessDurations = [1, 4, 24, 72] as const;

export const customerConsent = z.object({
  personId: id,
  personName: z.string(),
  givenAt: instant,
  channel: consentChannel,
  quote: z.string(),
  recordedBy: id,
  recordedAt: instant,
});
export type CustomerConsent = z.infer<typeof customerConsent>;

export const timelineEntry = z.object({
  at: instant,
  actorId: id.nullable(),
  actorName: z.string(),
  action: z.string(),
  note: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof timelineEntry>;

export const supportAccessRequest = z.object({
  id,
  version,
  status: accessStatus,
  accountId: id,
  accountName: z.string(),
  requesterId: id,
  requesterName: z.string(),
  ticketRef: z.string(),
  reason: z.string(),
  scope: z.enum(accessScopes),
  durationHours: z.number().int(),
  createdAt: instant,
  /** A pending request expires at this instant (12 hours after it was made). */
  decideBy: instant,
  consent: customerConsent.nullable(),
  /** Whether login details are stored; they themselves never leave the server except through `reveal`. */
  hasCredentials: z.boolean(),
  decidedBy: id.nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: instant.nullable(),
  denialReason: z.string().nullable(),
  grantStartsAt: instant.nullable(),
  grantEndsAt: instant.nullable(),
  endedAt: instant.nullable(),
  endReason: z.string().nullable(),
  timeline: z.array(timelineEntry),
});
export type SupportAccessRequest = z.infer<typeof supportAccessRequest>;

/** What the caller may do to a request now; each is one endpoint of the contract. */
const supportAccessActionNames = ['consent', 'credentials', 'cancel', 'approve', 'deny', 'revoke', 'withdrawConsent', 'reveal'] as const;
export type SupportAccessActionName = (typeof supportAccessActionNames)[number];

/**
 * A request as the API answers it: its status as of the answer (a pending request past its decision time
 * reads `expired`, a grant past its end `ended`; see rules/support-access) and the caller's actions.
 */
export const supportAccessRequestView = supportAccessRequest.extend({ actions: actionsOf(supportAccessActionNames) });
export type SupportAccessRequestView = z.infer<typeof supportAccessRequestView>;

export const createSupportAccess = z.object({
  accountId: id,
  ticketRef: requiredText(100),
  reason: requiredText(2000),
  scope: z.enum(accessScopes),
  durationHours: z.union(accessDurations.map((d) => z.literal(d))).default(24),
});
export type CreateSupportAccess = z.input<typeof createSupportAccess>;

export const recordCustomerConsent = z.object({
  personId: id,
  givenAt: instant,
  channel: consentChannel,
  quote: requiredText(2000),
});
export const attachCredentials = z.object({
  username: requiredText(200),
  password: requiredText(500),
});
export const decisionReason = z.object({ reason: requiredText(2000) });
export const approveAccess = z.object({}).strict();

export const revealedCredentials = z.object({ username: z.string(), password: z.string(), grantEndsAt: instant });

export const supportAccessQuery = z.object({
  status: csv(accessStatus),
  requesterId: id.optional(),
  accountId: id.optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  sort: z.enum(['newest', 'oldest', 'ending']).default('newest'),
  cursor: cursorParam,
  limit: limitParam,
  q: text(100).optional(),
  /** Pending requests still waiting for the customer's consent, or consented and waiting for an officer. */
  awaiting: z.enum(['consent', 'approval']).optional(),
  /** Active grants that end within this many hours from now. */
  endingWithinHours: z.coerce.number().int().min(1).max(168).optional(),
});
export type SupportAccessQuery = z.infer<typeof supportAccessQuery>;
