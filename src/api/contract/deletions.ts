import { z } from 'zod';
import { actionsOf, calendarDate, csv, cursorParam, id, instant, limitParam, requiredText, version } from './common';
import { connectorVendor, erasureVerification, evidenceCall } from './connectors';
import { timelineEntry } from './support-access';

export const deletionStatuses = ['pending_review', 'approved', 'in_progress', 'completed', 'rejected'] as const;
export const deletionStatus = z.enum(deletionStatuses);
export type DeletionStatus = z.infer<typeof deletionStatus>;
export const deletionOrigins = ['cancellation', 'erasure_request'] as const;
export const taskOutcomes = ['deleted', 'not_applicable', 'retained_under_hold'] as const;
export const taskKinds = ['storage', 'backup', 'processor'] as const;

/**
 * Whom a person's erasure request (Art. 17) is about: a person of a customer account or a newsletter
 * subscriber, found by their email, or a website visitor, found by their visitor id.
 */
export const erasurePersonKinds = ['account_person', 'newsletter_subscriber', 'website_visitor'] as const;
export type ErasurePersonKind = (typeof erasurePersonKinds)[number];
/** How the person's identity was verified before their data is erased. */
export const identityCheckMethods = ['signed_in_account', 'reply_from_email', 'visitor_cookie', 'document_check', 'other'] as const;
export const identityCheck = z.object({
  method: z.enum(identityCheckMethods),
  /** What was checked, in words (never a copy of an identity document). */
  detail: requiredText(1000),
});
/** The person a person's erasure request is about, and the identity check on record. */
export const erasurePerson = z.object({
  kind: z.enum(erasurePersonKinds),
  subjectId: id,
  identifiedBy: z.enum(['email', 'visitor_id']),
  identityCheck: identityCheck.extend({ verifiedBy: id, verifiedByName: z.string(), at: instant }),
});

export const legalHold = z.object({
  id,
  system: z.string(),
  data: z.string(),
  legalReason: z.string(),
  until: calendarDate,
  createdBy: id,
  createdAt: instant,
});
export type LegalHold = z.infer<typeof legalHold>;

/**
 * Where a task's connector job stands (issue 15): queued, running, retrying (at `nextAttemptAt`), done
 * (deleted and verified), or needs attention (its retries spent or the vendor refused; an officer retries
 * or resolves it by hand).
 */
export const connectorJobStates = ['queued', 'running', 'retrying', 'done', 'needs_attention'] as const;

/** What one person's erasure at the vendor showed: found, deleted, and the read that verified it. */
export const subjectEvidence = z.object({
  /** The console's person id (pseudonymous; never the email). */
  subjectId: id,
  found: z.number().int(),
  deletedIds: z.array(z.string()),
  alreadyGoneIds: z.array(z.string()),
  verification: erasureVerification,
});

/** A task's connector run: its job's state, its attempts, the vendor's last answer and the evidence. */
export const connectorRun = z.object({
  vendor: connectorVendor,
  state: z.enum(connectorJobStates),
  attempts: z.number().int(),
  /** When a retrying job tries again (the vendor's Retry-After or the backoff). */
  nextAttemptAt: instant.nullable(),
  /** The vendor's answer (or why the job cannot run) on the last retry or failure. */
  lastAnswer: z.string().nullable(),
  lastStatus: z.number().int().nullable(),
  /** Vendor ids deleted so far, per person: a retry never deletes them again. */
  deletedIds: z.record(z.string(), z.array(z.string())),
  /** Every call to the vendor, across attempts (no credentials, no email). */
  calls: z.array(evidenceCall),
  evidence: z.array(subjectEvidence).nullable(),
  updatedAt: instant,
});
export type ConnectorRun = z.infer<typeof connectorRun>;

export const deletionTask = z.object({
  id,
  /** The processor (or own storage location) id from the registry. */
  systemId: id,
  systemName: z.string(),
  kind: z.enum(taskKinds),
  outcome: z.enum(taskOutcomes).nullable(),
  resolvedBy: id.nullable(),
  resolvedAt: instant.nullable(),
  reference: z.string().nullable(),
  /** Art. 19: when the recipient was told of the erasure. */
  notifiedAt: instant.nullable(),
  /** The offsite backup's task is done when the backup still holding the data rolls off on this date. */
  rollOffOn: calendarDate.nullable(),
  /** At a processor with a configured connector: the job that deletes through the vendor's API. */
  connector: connectorRun.nullable().default(null),
});
export type DeletionTask = z.infer<typeof deletionTask>;

/**
 * Who issues a certificate: the controller (company, address, contact) as the deployment configured it when the
 * request completed, and the officer who completed it with their role. Requests completed before the issuer was
 * stored have only `company` and `officer` (see `deletionCertificate` in services/deletions.ts).
 */
export const certificateIssuer = z.object({
  company: z.string(),
  officer: z.string(),
  officerRole: z.string().optional(),
  address: z.string().optional(),
  email: z.string().optional(),
  contact: z.string().optional(),
  url: z.string().optional(),
});
export type CertificateIssuer = z.infer<typeof certificateIssuer>;

/** The certificate of deletion: what was cleared where, by whom, and what was kept and why. */
export const certificateContent = z.object({
  certificateId: z.string(),
  requestId: id,
  issuedAt: instant,
  /** The account erased, or (for a person's erasure) the person's account, if any, and who they are. */
  account: z.object({ id: id.nullable(), name: z.string() }),
  person: z
    .object({ kind: z.enum(erasurePersonKinds), subjectId: id })
    .nullable()
    .default(null),
  origin: z.enum(deletionOrigins),
  receivedAt: instant,
  dueAt: instant,
  completedAt: instant,
  onTime: z.boolean(),
  approvedBy: z.string(),
  approvedAt: instant,
  systems: z.array(
    z.object({
      system: z.string(),
      kind: z.enum(taskKinds),
      outcome: z.enum(taskOutcomes),
      resolvedAt: instant,
      resolvedBy: z.string(),
      reference: z.string().nullable(),
      recipientNotifiedAt: instant.nullable(),
      rollOffOn: calendarDate.nullable(),
      /** A connector's evidence: per person, what was found, deleted and the read that verified it. */
      evidence: z.array(subjectEvidence).nullable().default(null),
    }),
  ),
  exceptions: z.array(legalHold),
  backupRollOffOn: calendarDate.nullable(),
  /** Who issues it: the company, and the officer who completed the request. */
  issuer: certificateIssuer,
  /** What the certificate states, in words: deleted where, kept under which hold until when. */
  statement: z.string(),
});
export type CertificateContent = z.infer<typeof certificateContent>;

export const deletionCertificate = certificateContent.extend({
  /** Ed25519 over the canonical JSON of everything above (services/certificate-signing). */
  signature: z.object({ algorithm: z.literal('Ed25519'), keyId: z.string(), publicKey: z.string(), value: z.string() }),
});
export type DeletionCertificate = z.infer<typeof deletionCertificate>;
export const deletionRequest = z.object({
  id,
  version,
  status: deletionStatus,
  /** The account erased, or the account of the person erased (null for a subscriber or visitor without one). */
  accountId: id.nullable(),
  /** The account's name; for a person's erasure, who it is about ("Website visitor sub_…"), typed to approve. */
  accountName: z.string(),
  origin: z.enum(deletionOrigins),
  /** A person's erasure request: that person alone is erased, not the account. */
  person: erasurePerson.nullable().default(null),
  /** Cancellation time, or when the erasure request was received. */
  receivedAt: instant,
  dueAt: instant,
  extension: z.object({ until: instant, reason: z.string(), by: id, at: instant }).nullable(),
  createdBy: id.nullable(),
  createdByName: z.string(),
  /**
   * Officers who recorded what opened or joined this request (the erasure request, the account's
   * cancellation): none of them may approve it (four eyes).
   */
  recordedBy: z.array(id).default([]),
  /** A request the system opened has no officer behind it, so two officers approve it: this is the first. */
  firstApproval: z.object({ by: id, name: z.string(), at: instant }).nullable().default(null),
  approvedBy: id.nullable(),
  approvedByName: z.string().nullable(),
  approvedAt: instant.nullable(),
  rejectionReason: z.string().nullable(),
  completedAt: instant.nullable(),
  holds: z.array(legalHold),
  tasks: z.array(deletionTask),
  timeline: z.array(timelineEntry),
  createdAt: instant,
  /**
   * What the certificate states, fixed at completion (issuer included) and signed on each download: a later change
   * of the controller's configuration, a user's name or the time zone changes no issued certificate. Null before
   * completion and on requests completed before it was kept.
   */
  certificate: certificateContent.nullable().optional(),
});
export type DeletionRequest = z.infer<typeof deletionRequest>;

/** What the caller may do to a deletion request now; each is one endpoint of the contract. */
const deletionActionNames = [
  'approve',
  'reject',
  'extend',
  'hold',
  'resolveTask',
  'complete',
  'retryTask',
  'editHold',
  'removeHold',
] as const;
export type DeletionActionName = (typeof deletionActionNames)[number];

/** A deletion request as the API answers it: the record and the caller's actions. */
export const deletionRequestView = deletionRequest.omit({ certificate: true }).extend({
  actions: actionsOf(deletionActionNames),
  /** For each open task: why an officer cannot resolve it by hand now (a backup before its roll-off, a running job), or null. */
  taskRefusals: z.record(z.string(), z.string().nullable()).default({}),
  /**
   * On a single request's answer, while it is open: the tasks approval would create (before approval, so the
   * officer does not approve blind) and the legal holds the registry's retention rules propose.
   */
  plan: z
    .object({
      tasks: z.array(deletionTask),
      proposedHolds: z.array(z.object({ system: z.string(), data: z.string(), legalReason: z.string(), until: calendarDate })),
    })
    .optional(),
});
export type DeletionRequestView = z.infer<typeof deletionRequestView>;

/**
 * A deletion request as a list answers it (issue 21): what the list page draws (name, status, deadline, origin),
 * the version an approval sends as If-Match, and the one action a list offers (approving several at once). The
 * tasks, holds, timeline and the other actions are the request's own answer (`getDeletion`): a page of whole
 * requests weighed 7 KB a row.
 */
export const deletionListItem = deletionRequest
  .pick({
    id: true,
    version: true,
    status: true,
    accountId: true,
    accountName: true,
    origin: true,
    receivedAt: true,
    dueAt: true,
    extension: true,
    approvedAt: true,
    completedAt: true,
    createdAt: true,
  })
  .extend({ actions: actionsOf(['approve']) });
export type DeletionListItem = z.infer<typeof deletionListItem>;

export const createDeletion = z.object({
  accountId: id,
  origin: z.literal('erasure_request'),
  receivedAt: instant,
  note: requiredText(2000),
});
export type CreateDeletion = z.infer<typeof createDeletion>;

/**
 * An officer records a person's erasure request (Art. 17): who (a person of an account or a newsletter subscriber by
 * email, a website visitor by visitor id) and how their identity was verified; verified by the caller.
 */
export const createPersonErasure = z.object({
  personKind: z.enum(erasurePersonKinds),
  email: z.string().trim().toLowerCase().email('Enter an email address').max(320).optional(),
  visitorId: id.optional(),
  /**
   * When people of several accounts share the email: the account whose person the request erases (one request per
   * account, so that each has its own four eyes, tasks and certificate). Without it such a request is refused.
   */
  accountId: id.optional(),
  receivedAt: instant,
  note: requiredText(2000),
  identityCheck,
});
export type CreatePersonErasure = z.infer<typeof createPersonErasure>;

export const approveDeletion = z.object({ confirmAccountName: requiredText(200) });
export const rejectDeletion = z.object({ reason: requiredText(2000) });
export const extendDeletion = z.object({ reason: requiredText(2000), months: z.union([z.literal(1), z.literal(2)]) });
export const addHold = z.object({
  system: requiredText(200),
  data: requiredText(500),
  legalReason: requiredText(1000),
  until: calendarDate,
});
export const resolveTask = z.object({
  taskId: id,
  outcome: z.enum(taskOutcomes),
  reference: requiredText(500),
  notified: z.boolean().default(false),
});

/** A legal hold changed (any of its fields) or removed, until the request completes; each change audited. */
export const editHold = addHold.extend({ holdId: id });
export const removeHold = z.object({ holdId: id, reason: requiredText(1000) });

/** An officer sends a task whose connector needs attention to its vendor again. */
export const retryTask = z.object({ taskId: id });

/** Several approvals at once; each is confirmed by its account name and succeeds or fails on its own. */
export const bulkApproveDeletions = z.object({
  items: z
    .array(z.object({ id, version, confirmAccountName: requiredText(200) }))
    .min(1, 'Choose at least one request')
    .max(100, 'At most 100 at once'),
});
export type BulkApproveDeletions = z.infer<typeof bulkApproveDeletions>;
export const bulkApproveResult = z.object({
  results: z.array(
    z.object({
      id,
      ok: z.boolean(),
      /** The HTTP status this approval alone would have had, and why it failed. */
      status: z.number().int(),
      error: z.string().nullable(),
      request: deletionRequestView.nullable(),
    }),
  ),
});
export type BulkApproveResult = z.infer<typeof bulkApproveResult>;

/** The public key certificates of deletion are signed with, as the issuer publishes it. */
export const certificateKey = z.object({ algorithm: z.literal('Ed25519'), keyId: z.string(), publicKey: z.string() });

export const deletionQuery = z.object({
  status: csv(deletionStatus),
  dueWithinDays: z.coerce.number().int().min(0).max(365).optional(),
  overdue: z.enum(['1', 'true']).optional(),
  held: z.enum(['1', 'true']).optional(),
  accountId: id.optional(),
  cursor: cursorParam,
  limit: limitParam,
});
export type DeletionQuery = z.infer<typeof deletionQuery>;
