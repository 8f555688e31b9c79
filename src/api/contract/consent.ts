import { z } from 'zod';
import { calendarDate, cursorParam, id, instant, limitParam, requiredText, text } from './common';

export const consentPurposes = [
  'marketing_emails',
  'product_research',
  'testimonial_quote',
  'customer_story',
  'call_recording',
  'advertising_cookies',
  'analytics_cookies',
  'third_party_app_sharing',
] as const;
export const consentPurpose = z.enum(consentPurposes);
export type ConsentPurpose = z.infer<typeof consentPurpose>;
export const consentPurposeLabels: Record<ConsentPurpose, string> = {
  marketing_emails: 'Marketing emails and newsletter',
  product_research: 'Product research and surveys',
  testimonial_quote: 'Testimonial quote',
  customer_story: 'Published customer story',
  call_recording: 'Recorded sales or support calls',
  advertising_cookies: 'Advertising cookies',
  analytics_cookies: 'Analytics cookies',
  third_party_app_sharing: 'Sharing with a third-party app',
};

export const consentActions = ['granted', 'withdrawn'] as const;
export const consentAction = z.enum(consentActions);
export type ConsentAction = z.infer<typeof consentAction>;

export const consentChannels = [
  'sign_up_form',
  'account_settings',
  'email_link',
  'cookie_banner',
  'call',
  'support_conversation',
  'sales',
] as const;
export const consentChannel = z.enum(consentChannels);
export type ConsentChannel = z.infer<typeof consentChannel>;

export const evidence = z.object({
  userAgent: text(500).nullable(),
  /** SHA-256 of the IP address; the address itself is never stored. */
  ipHash: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
});
export type Evidence = z.infer<typeof evidence>;

export const recordedBy = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('subject') }),
  z.object({ kind: z.literal('staff'), userId: id, name: z.string() }),
]);
export type RecordedBy = z.infer<typeof recordedBy>;

/** The text of a consent notice as shown, stored once per version and referenced by its SHA-256. */
export const notice = z.object({
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  purpose: consentPurpose,
  version: z.string(),
  text: z.string(),
  publishedAt: instant,
});
export type Notice = z.infer<typeof notice>;

export const consentEvent = z.object({
  id,
  subjectId: id,
  accountId: id.nullable(),
  /** The subject's email at the time, for exact look-up; masked by the API unless revealed. */
  email: z.string().nullable(),
  purpose: consentPurpose,
  action: consentAction,
  occurredAt: instant,
  recordedAt: instant,
  channel: consentChannel,
  noticeVersion: z.string(),
  noticeHash: z.string(),
  evidence: evidence.nullable(),
  recordedBy,
  note: z.string().nullable(),
});
export type ConsentEvent = z.infer<typeof consentEvent>;

/** Staff record a grant or withdrawal on a person's behalf. */
export const recordConsent = z.object({
  subjectId: id,
  purpose: consentPurpose,
  action: consentAction,
  channel: consentChannel,
  note: requiredText(2000),
  /** When the person said it; defaults to now, and may not be in the future. */
  occurredAt: instant.optional(),
});
export type RecordConsent = z.infer<typeof recordConsent>;

export const consentQuery = z.object({
  purpose: consentPurpose.optional(),
  action: consentAction.optional(),
  channel: consentChannel.optional(),
  from: calendarDate.optional(),
  to: calendarDate.optional(),
  noticeVersion: text(50).optional(),
  email: z.email().max(254).optional(),
  subjectId: id.optional(),
  cursor: cursorParam,
  limit: limitParam,
});
export type ConsentQuery = z.infer<typeof consentQuery>;

export const consentStates = ['granted', 'withdrawn', 'never_asked'] as const;
export const validityPeriod = z.object({ from: instant, to: instant.nullable() });
export type ValidityPeriod = z.infer<typeof validityPeriod>;
export const purposeState = z.object({
  purpose: consentPurpose,
  state: z.enum(consentStates),
  since: instant.nullable(),
  periods: z.array(validityPeriod),
});
export type PurposeState = z.infer<typeof purposeState>;

export const subjectDetail = z.object({
  subject: z.object({
    id,
    kind: z.enum(['person', 'visitor']),
    accountId: id.nullable(),
    name: z.string().nullable(),
    email: z.string().nullable(),
  }),
  states: z.array(purposeState),
  events: z.array(consentEvent),
  notices: z.array(notice),
});
export type SubjectDetail = z.infer<typeof subjectDetail>;

/** A person's email in clear: answered only to a deliberate, audited request. */
export const revealedEmail = z.object({ subjectId: id, email: z.string().nullable() });
export type RevealedEmail = z.infer<typeof revealedEmail>;
