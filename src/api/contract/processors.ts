import { z } from 'zod';
import { attentionReasons } from './attention-reasons';
import { actionsOf, calendarDate, country, id, instant, requiredText, text, version, webUrl } from './common';
import { consentPurpose } from './consent';
import { processorConnector } from './connectors';

export const processorCategories = [
  'help_desk',
  'chat',
  'payments',
  'billing_platform',
  'analytics',
  'advertising',
  'email_marketing',
  'file_storage',
  'video_calls',
  'telephony',
  'hosting',
  'backup',
  'operations',
  'other',
] as const;

export const dataCategories = [
  'email',
  'name',
  'payment_details',
  'billing_address',
  'phone_number',
  'ip_address',
  'usage_data',
  'cookie_identifiers',
  'call_recordings',
  'crm_contact_data',
  'support_messages',
  'account_content',
] as const;
export const dataCategory = z.enum(dataCategories);
export type DataCategory = z.infer<typeof dataCategory>;

export const dataSubjectTypes = ['customers', 'billing_representatives', 'website_visitors'] as const;
export const legalBases = ['contract', 'legitimate_interest', 'consent', 'legal_obligation'] as const;
/**
 * The Art. 46 safeguards a location may have on record. The EU-US Data Privacy Framework is not one of them:
 * it is an adequacy decision that covers certified organisations, recorded as the processor's `dpfParticipant`.
 */
export const transferMechanisms = ['scc', 'bcr', 'other_art46'] as const;
export const transferMechanism = z.enum(transferMechanisms);
export const processorStatuses = ['proposed', 'active', 'retired'] as const;
export const processorStatus = z.enum(processorStatuses);
export type ProcessorStatus = z.infer<typeof processorStatus>;
/** A third party (`processor`) or one of our own storage locations (`own_location`, policy 5.7). */
export const processorKinds = ['processor', 'own_location'] as const;
export const retentionTriggers = [
  'collection',
  'recording',
  'call_completed',
  'account_active',
  'account_cancelled',
  'consent_withdrawn',
  'backup_taken',
] as const;
export const dpaStatuses = ['signed', 'pending', 'none'] as const;

export const processorPurpose = z.object({
  purpose: requiredText(300),
  legalBasis: z.enum(legalBases),
  /** For consent-based purposes: the consent purpose whose withdrawal stops this processing. */
  consentPurpose: consentPurpose.nullable(),
});
export type ProcessorPurpose = z.infer<typeof processorPurpose>;

export const processorLocation = z.object({
  country,
  /** The safeguard on record for a transfer to this country; null when none is on record. */
  transferMechanism: transferMechanism.nullable(),
});
export type ProcessorLocation = z.infer<typeof processorLocation>;

export const retention = z.object({
  /** How long, counted from `trigger`; null with `account_active` / `call_completed` style rules. */
  amount: z.number().int().positive().max(100000).nullable(),
  unit: z.enum(['hours', 'days', 'months', 'years']).nullable(),
  trigger: z.enum(retentionTriggers),
  note: text(1000),
});
export type Retention = z.infer<typeof retention>;

export const dpa = z.object({
  status: z.enum(dpaStatuses),
  signedOn: calendarDate.nullable(),
  reference: text(200).nullable(),
  nextReview: calendarDate.nullable(),
  /** The last day the DPA is in force, when it has an end; absent on records written before it existed. */
  expiresOn: calendarDate.nullable().optional(),
});

/** The editable fields of a processor: the body of POST and PATCH. */
export const processorInput = z.object({
  kind: z.enum(processorKinds),
  name: requiredText(120),
  legalEntity: requiredText(200),
  category: z.enum(processorCategories),
  description: requiredText(2000),
  dataCategories: z.array(dataCategory).max(dataCategories.length),
  dataSubjects: z.array(z.enum(dataSubjectTypes)).max(dataSubjectTypes.length),
  purposes: z.array(processorPurpose).min(1, 'Add at least one purpose').max(20),
  locations: z.array(processorLocation).min(1, 'Add at least one location').max(30),
  dpa,
  privacyPolicyUrl: webUrl(500).nullable(),
  /**
   * The US organisation that receives the data and is certified under the EU-US Data Privacy Framework
   * ("Stripe, Inc."), or null when none is; absent on records written before it existed, read as null.
   */
  dpfParticipant: requiredText(200).nullable().optional(),
  retention: retention.nullable(),
  owner: requiredText(120),
  lastReviewedOn: calendarDate.nullable(),
  reviewCycleMonths: z.number().int().min(1).max(60),
});
export type ProcessorInput = z.infer<typeof processorInput>;

export const processor = processorInput.extend({
  id,
  version,
  status: processorStatus,
  /** End of the customer notice period that a new processor waits out before it may become active. */
  noticeEndsAt: instant.nullable(),
  /**
   * How its API erases a person's records (issue 15), or null when it has no connector. Set through its own
   * endpoints, never by PATCH; records written before connectors existed read as null.
   */
  connector: processorConnector.nullable().default(null),
  createdAt: instant,
  updatedAt: instant,
});
export type Processor = z.infer<typeof processor>;

export const updateProcessor = processorInput.partial().extend({
  status: processorStatus.optional(),
});
export type UpdateProcessor = z.infer<typeof updateProcessor>;

export { attentionReasons } from './attention-reasons';
export type { AttentionReason } from './attention-reasons';
export const attention = z.object({ reason: z.enum(attentionReasons), message: z.string() });
export type Attention = z.infer<typeof attention>;

/**
 * What the caller may do to a processor: edit its fields, activate it once proposed, retire it; configure,
 * clear and test its connector.
 */
const processorActionNames = ['edit', 'activate', 'retire', 'configureConnector', 'clearConnector', 'testConnector'] as const;
export type ProcessorActionName = (typeof processorActionNames)[number];

export const transferBases = ['eea', 'adequacy', 'safeguard', 'none'] as const;
/** Why a transfer to one location is lawful (or that it is not), with the law it rests on. */
export const transferAssessment = z.object({
  country,
  basis: z.enum(transferBases),
  /** True when a safeguard is needed and none is on record. */
  flagged: z.boolean(),
  /** One line: "United States: adequacy via the Data Privacy Framework; Stripe, Inc. is certified". */
  reasoning: z.string(),
  source: z.object({ title: z.string(), url: z.string(), date: calendarDate }).nullable(),
});
export type TransferAssessment = z.infer<typeof transferAssessment>;

/** A processor as the API answers it: the record plus what the rules say about it now. */
export const processorView = processor.extend({
  attention: z.array(attention),
  transfers: z.array(transferAssessment),
  nextReviewOn: calendarDate.nullable(),
  actions: actionsOf(processorActionNames),
});
export type ProcessorView = z.infer<typeof processorView>;

/** What of our customers' accounts a processor holds, in summary. */
export const processorDataSummary = z.object({
  holdsAccountData: z.boolean(),
  /** The account data categories it receives. */
  accountDataCategories: z.array(dataCategory),
  /** Accounts whose data it holds; null where the count was too large to make cheaply. */
  activeAccounts: z.number().int().nonnegative().nullable(),
  cancelledAccounts: z.number().int().nonnegative().nullable(),
  /** Consent purposes whose withdrawal stops some of its processing. */
  consentPurposes: z.array(consentPurpose),
});
export type ProcessorDataSummary = z.infer<typeof processorDataSummary>;

export const processorQuery = z.object({
  q: text(100).optional(),
  dataCategory: dataCategory.optional(),
  purpose: text(100).optional(),
  location: country.optional(),
  status: processorStatus.optional(),
  /** Processors that need attention: for any reason (`1`), or for the one named. */
  attention: z.enum(['1', 'true', ...attentionReasons]).optional(),
  kind: z.enum(processorKinds).optional(),
  /** Processors that process personal data on this consent: the ones that must stop when it is withdrawn. */
  consentPurpose: consentPurpose.optional(),
});
export type ProcessorQuery = z.infer<typeof processorQuery>;

/** The signed DPA as a PDF, kept in the database beside its processor (issue 18). */
export const DPA_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;
export const dpaDocumentInfo = z.object({
  fileName: z.string(),
  size: z.number().int().positive(),
  /** SHA-256 of the file, hex: what was signed can be compared with a copy. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  uploadedAt: instant,
  uploadedBy: z.string(),
});
const dpaDocumentActionNames = ['upload', 'remove', 'download'] as const;
export type DpaDocumentActionName = (typeof dpaDocumentActionNames)[number];
export const dpaDocumentView = z.object({
  processorId: id,
  document: dpaDocumentInfo.nullable(),
  actions: actionsOf(dpaDocumentActionNames),
});
export type DpaDocumentView = z.infer<typeof dpaDocumentView>;
/** The upload's query: the file's name as the uploader's computer had it (the body is the PDF itself). */
export const dpaDocumentUploadQuery = z.object({
  fileName: requiredText(200)
    .refine(
      (n) => ![...n].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f || c === '/' || c === '\\'),
      'Use a file name without slashes or control characters',
    )
    .refine((n) => /\.pdf$/i.test(n), 'Choose a PDF file (its name ends in .pdf)'),
});
