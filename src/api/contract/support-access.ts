import { z } from 'zod';
import { actionsOf, csv, cursorParam, id, instant, limitParam, requiredText, text, version } from './common';

export const accessStatuses = [
  'pending', // asked; waiting for the customer's consent, then an officer's decision
  'active', // approved: the grant runs until grantEndsAt
  'denied',
  'declined', // the customer said no on the consent page
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

/**
 * How a customer consents to support access (policy 5.1): on the consent page we send them, or, as a
 * marked exception an officer other than the requester confirms, in the support conversation or by phone.
 * The marketing channels of the consent ledger are not channels for this.
 */
export const accessConsentChannels = ['consent_page', 'support_conversation', 'phone_call'] as const;
export const accessConsentChannel = z.enum(accessConsentChannels);
export type AccessConsentChannel = z.infer<typeof accessConsentChannel>;
export const accessConsentChannelLabels: Record<AccessConsentChannel, string> = {
  consent_page: 'On the consent page',
  support_conversation: 'In the support conversation',
  phone_call: 'By phone',
};

export const customerConsent = z.object({
  personId: id,
  personName: z.string(),
  givenAt: instant,
  channel: accessConsentChannel,
  /** Consent page: the name the customer typed. Agent-recorded: what the customer said, in their words. */
  quote: z.string(),
  /** The exact text the consent page showed, and its SHA-256 (null when the agent recorded the consent). */
  shownText: z.string().nullable(),
  shownTextHash: z.string().nullable(),
  /** SHA-256 of the customer's IP address; the address itself is never stored. */
  ipHash: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** The agent who recorded an exception; null when the customer consented on the page themself. */
  recordedBy: id.nullable(),
  recordedAt: instant,
  /** Why the agent recorded consent instead of the customer giving it on the page. */
  exceptionReason: z.string().nullable(),
  /** The officer (not the requester) who confirmed an agent-recorded consent; needed before approval. */
  confirmedBy: id.nullable(),
  confirmedByName: z.string().nullable(),
  confirmedAt: instant.nullable(),
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
  /** The account's owner asked to consent; the consent link is theirs alone. */
  consentOwner: z.object({ personId: id, personName: z.string() }).nullable(),
  /** The consent link's life: it works once, until `expiresAt` (the decision deadline). The token is kept only as a hash. */
  consentLink: z.object({ issuedAt: instant, expiresAt: instant, usedAt: instant.nullable(), emailed: z.boolean() }).nullable(),
  consent: customerConsent.nullable(),
  /** Every time the agent saw the login details. */
  reveals: z.array(z.object({ at: instant, byId: id, byName: z.string() })),
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
const supportAccessActionNames = [
  'consent',
  'confirmConsent',
  'issueConsentLink',
  'credentials',
  'cancel',
  'approve',
  'deny',
  'revoke',
  'withdrawConsent',
  'reveal',
] as const;
export type SupportAccessActionName = (typeof supportAccessActionNames)[number];

/**
 * A request as the API answers it: its status as of the answer (a pending request past its decision time
 * reads `expired`, a grant past its end `ended`; see rules/support-access) and the caller's actions.
 */
export const supportAccessRequestView = supportAccessRequest.extend({
  /** What a pending request waits for, in the words the status shows; null once decided or ended. */
  waitingFor: z.enum(['customer_consent', 'consent_confirmation', 'officer']).nullable(),
  /** The consent link, only in the answer that issued it (only its hash is stored): the agent copies it from there. */
  issuedConsentLink: z.string().optional(),
  actions: actionsOf(supportAccessActionNames),
});
export type SupportAccessRequestView = z.infer<typeof supportAccessRequestView>;

/**
 * A request as a list answers it (issue 21): what the queue, the grants and the history draw (account, ticket,
 * requester, status and what it waits for, when it was made and ends, scope), and the version. A list offers no
 * action, so it answers none; the reason, the consent, the timeline and the actions are the request's own answer.
 */
export const supportAccessListItem = supportAccessRequestView
  .pick({
    id: true,
    version: true,
    status: true,
    waitingFor: true,
    accountId: true,
    accountName: true,
    requesterId: true,
    requesterName: true,
    ticketRef: true,
    scope: true,
    durationHours: true,
    createdAt: true,
    decideBy: true,
    decidedAt: true,
    grantStartsAt: true,
    grantEndsAt: true,
    endedAt: true,
  })
  .extend({
    /** Whether the customer's consent is on record (a request waiting for a second officer's confirmation has it). */
    consentRecorded: z.boolean(),
  });
export type SupportAccessListItem = z.infer<typeof supportAccessListItem>;

export const createSupportAccess = z.object({
  accountId: id,
  ticketRef: requiredText(100),
  reason: requiredText(2000),
  scope: z.enum(accessScopes),
  durationHours: z.union(accessDurations.map((d) => z.literal(d))).default(24),
  /** The owner of the account who is asked to consent (the consent link is theirs). */
  ownerId: id,
});
export type CreateSupportAccess = z.input<typeof createSupportAccess>;

/** The exception: the agent records consent given in the support conversation or by phone, with why. */
export const recordCustomerConsent = z.object({
  givenAt: instant,
  channel: z.enum(['support_conversation', 'phone_call']),
  quote: requiredText(2000),
  reason: requiredText(2000),
});
export const attachCredentials = z.object({
  username: requiredText(200),
  password: requiredText(500),
});
export const decisionReason = z.object({ reason: requiredText(2000) });

export const accessWaitingLabels = {
  customer_consent: "Waiting for the customer's consent",
  consent_confirmation: 'Waiting for a second officer to confirm the consent',
  officer: 'Waiting for an officer',
} as const;

/** What the customer's consent page shows: who asks, why, for what, how long; the grant's life and reveals. */
export const publicAccessPage = z.object({
  kind: z.enum(['consent', 'status']),
  status: accessStatus,
  accountName: z.string(),
  personName: z.string(),
  requesterName: z.string(),
  ticketRef: z.string(),
  reason: z.string(),
  scope: z.enum(accessScopes),
  durationHours: z.number().int(),
  decideBy: instant,
  /** The exact text the page shows and the customer agrees to (its hash is kept with the consent). */
  consentText: z.string(),
  consentGivenAt: instant.nullable(),
  grantStartsAt: instant.nullable(),
  grantEndsAt: instant.nullable(),
  endedAt: instant.nullable(),
  endReason: z.string().nullable(),
  reveals: z.array(z.object({ at: instant, byName: z.string() })),
  canConsent: z.boolean(),
  canWithdraw: z.boolean(),
});
export type PublicAccessPage = z.infer<typeof publicAccessPage>;

export const publicConsent = z.object({
  /** The customer types their name, as it stands on the request, to agree. */
  typedName: requiredText(200),
  username: requiredText(200),
  password: requiredText(500),
});
export type PublicConsent = z.infer<typeof publicConsent>;
/** After consenting: the customer's own link to follow the grant and withdraw. */
export const publicConsentResult = z.object({ statusLink: z.string(), page: publicAccessPage });
export const emptyBody = z.object({}).strict();

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
