import { z } from 'zod';
import { account, subject } from '@/api/contract/accounts';
import type { Account, Subject } from '@/api/contract/accounts';
import { auditEvent } from '@/api/contract/audit';
import { breach } from '@/api/contract/breaches';
import type { Breach } from '@/api/contract/breaches';
import { id, instant, role } from '@/api/contract/common';
import { tokenScope } from '@/api/contract/api-tokens';
import { webhookDelivery, webhookView } from '@/api/contract/webhooks';
import { connectorVendor } from '@/api/contract/connectors';
import { consentEvent, consentReview, notice, reviewReason } from '@/api/contract/consent';
import type { ConsentEvent, Notice } from '@/api/contract/consent';
import { deletionRequest } from '@/api/contract/deletions';
import { outboxMessage } from '@/api/contract/mail';
import type { DeletionRequest } from '@/api/contract/deletions';
import { processor } from '@/api/contract/processors';
import type { Processor } from '@/api/contract/processors';
import { supportAccessRequest } from '@/api/contract/support-access';
import { user } from '@/api/contract/users';
import { chainName } from '@/api/contract/ledger-chain';

/**
 * The shape of every record a store keeps, once: the store types are inferred from these schemas, the demo
 * checks what it reads back from the browser's storage with them, and server/tables.ts maps them to columns.
 * Most are the contract's own resources; the others add what the API never answers (hashes, secrets).
 */
/**
 * Two-factor sign-in (TOTP, RFC 6238): `secret` is the base32 secret encrypted with the server key (bound to
 * the user), `lastStep` the time step of the last code accepted (a code of that step or before is refused:
 * no replay), `recoveryHashes` the SHA-256 of each recovery code not used yet. `pendingSecret` is a secret
 * being enrolled, in force only once a first code confirms it.
 */
const userMfa = z.object({
  secret: z.string().nullable(),
  enrolledAt: instant.nullable(),
  lastStep: z.number().int().nonnegative(),
  recoveryHashes: z.array(z.string()),
  pendingSecret: z.string().nullable(),
});
export type UserMfa = z.infer<typeof userMfa>;

/**
 * A console user. `passwordHash` is empty for one made by a first single sign-on (they have no password);
 * `status` `pending` (such a user, until an officer confirms their role) cannot sign in. Both, and `mfa`,
 * are absent from records written before them (active, no two-factor).
 */
const userRecord = user.extend({
  passwordHash: z.string(),
  createdAt: instant,
  status: z.enum(['active', 'pending']).optional(),
  mfa: userMfa.optional(),
});
export type UserRecord = z.infer<typeof userRecord>;

/**
 * A signed-in session, found by the SHA-256 of its token (the token itself is never stored); `id` names it
 * to its owner (the list of their sessions) without giving the token's hash away. It ends at `expiresAt`
 * whatever happens, and earlier when `lastSeenAt` is older than the idle timeout.
 */
const sessionRecord = z.object({
  id: z.string(),
  tokenHash: z.string(),
  userId: z.string(),
  createdAt: instant,
  lastSeenAt: instant,
  expiresAt: instant,
  /** Where it was signed in from, and with what (the User-Agent, shortened): for its owner to recognise it. */
  address: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** How it was signed in: a password (and a code, with two-factor), or the identity provider. Absent: password. */
  method: z.enum(['password', 'sso']).optional(),
});
export type SessionRecord = z.infer<typeof sessionRecord>;

/** One sign-in throttling counter (api/rules/sign-in): counted attempts, and until when the next must wait. */
const signInThrottleRecord = z.object({
  key: z.string(),
  failures: z.number().int().nonnegative(),
  blockedUntil: instant.nullable(),
  updatedAt: instant,
});
export type SignInThrottleRecord = z.infer<typeof signInThrottleRecord>;

/** An address a user signed in from, and when last: attempts from it run against a counter of their own. */
const knownAddressRecord = z.object({ userId: z.string(), address: z.string(), lastSuccessAt: instant });

/** A support-access request as stored; its login details live apart, in supportAccessSecrets. */
const supportAccessRecord = supportAccessRequest;
export type SupportAccessRecord = z.infer<typeof supportAccessRecord>;

/**
 * One request's login details, crypto-shredded: `sealed` is encrypted with a data key of this request's own,
 * and `wrappedKey` is that data key encrypted with the server's key. Destroying the row destroys the data
 * key, so no copy of `sealed` left anywhere (old pages, WAL, a backup) can be read, even with the server key.
 */
const supportAccessSecretRecord = z.object({ requestId: z.string(), wrappedKey: z.string(), sealed: z.string(), createdAt: instant });
export type SupportAccessSecretRecord = z.infer<typeof supportAccessSecretRecord>;

/**
 * A link sent to a customer for one request: `consent` works once, until the decision deadline; `status`
 * (given after consenting) shows the grant and lets them withdraw. Only the token's SHA-256 is kept.
 */
const supportAccessLinkRecord = z.object({
  tokenHash: z.string(),
  requestId: z.string(),
  kind: z.enum(['consent', 'status']),
  personId: z.string(),
  expiresAt: instant,
  usedAt: instant.nullable(),
});
export type SupportAccessLinkRecord = z.infer<typeof supportAccessLinkRecord>;

/** An officer's look at one event of the review queue, with the reasons it was queued for. */
const consentReviewRecord = consentReview.extend({ eventId: z.string(), reasons: z.array(reviewReason) });
export type ConsentReviewRecord = z.infer<typeof consentReviewRecord>;

/**
 * A message of the outbox as stored: its dedupe key decides its id (one message per event, however often the
 * sending code runs), and a message that carries a secret keeps only a digest of its text once delivered.
 */
const mailMessageRecord = outboxMessage.extend({
  version: z.number().int().positive(),
  dedupeKey: z.string(),
  sensitive: z.boolean(),
  /** SHA-256 of the text, kept when the text is removed after delivery. */
  textDigest: z.string().nullable(),
  /** The mail server's id of the delivered message. */
  transportId: z.string().nullable(),
});
export type MailMessageRecord = z.infer<typeof mailMessageRecord>;

/**
 * A processor's connector credentials: `sealed` is their JSON encrypted with the server's key (AES-GCM,
 * api/services/crypto), bound to the processor and vendor. Kept apart from the processor, so that no list,
 * export or history, which read processors, can carry them.
 */
const connectorCredentialsRecord = z.object({ processorId: z.string(), vendor: connectorVendor, sealed: z.string(), updatedAt: instant });
export type ConnectorCredentialsRecord = z.infer<typeof connectorCredentialsRecord>;

/** A setting's value and its version: 0 before the first write, one more with each. */
const settingRecord = z.object({ key: z.string(), value: z.unknown(), version: z.number().int().positive() });

const hash64 = z.string().regex(/^[0-9a-f]{64}$/);
/** One event's link in its hash chain (api/store/chain). */
const chainLinkRecord = z.object({
  chain: chainName,
  seq: z.number().int().positive(),
  eventId: z.string(),
  emailSeal: hash64.nullable(),
  contentHash: hash64,
  prevHash: hash64,
  hash: hash64,
  linkedAt: instant,
});
const chainHeadRecord = z.object({ chain: chainName, seq: z.number().int().nonnegative(), hash: hash64 });
const chainAnchorRecord = z.object({ chain: chainName, seq: z.number().int().nonnegative(), hash: hash64, anchoredAt: instant });

/** A machine client's token: only the SHA-256 of its secret is kept (the secret is shown once). */
const apiTokenRecord = z.object({
  id,
  name: z.string(),
  scope: z.array(tokenScope),
  tokenHash: hash64,
  prefix: z.string(),
  createdAt: instant,
  createdBy: z.object({ id, name: z.string(), role }),
  expiresAt: instant,
  revokedAt: instant.nullable(),
  lastUsedAt: instant.nullable(),
  version: z.number().int().nonnegative(),
});
export type ApiTokenRecord = z.infer<typeof apiTokenRecord>;

/**
 * A machine client's report, kept under its kind and the caller's own id: a repeat with the same body
 * answers `answer` again, one with another body is refused. `answer` holds ids and instants only.
 */
const machineRequestRecord = z.object({
  key: z.string(),
  bodyHash: hash64,
  answer: z.record(z.string(), z.unknown()),
  tokenId: z.string().nullable(),
  createdAt: instant,
});
export type MachineRequestRecord = z.infer<typeof machineRequestRecord>;

/** A webhook endpoint: `sealedSecret` is its signing secret encrypted with the server's key. */
const webhookRecord = webhookView.omit({ actions: true }).extend({ sealedSecret: z.string(), version: z.number().int().nonnegative() });
export type WebhookRecord = z.infer<typeof webhookRecord>;
/** One event for one endpoint; `payload` is the exact body that is signed and sent. */
const webhookDeliveryRecord = webhookDelivery.extend({ payload: z.string(), version: z.number().int().nonnegative() });
export type WebhookDeliveryRecord = z.infer<typeof webhookDeliveryRecord>;
/**
 * A processor's signed DPA document (issue 18): the PDF's bytes and what is known of it. One per processor;
 * the SQL store keeps the bytes in a bytea column, never in the JSON document.
 */
const dpaDocumentRecord = z.object({
  processorId: z.string(),
  fileName: z.string(),
  size: z.number().int().positive(),
  sha256: hash64,
  uploadedAt: instant,
  uploadedBy: z.object({ userId: z.string(), name: z.string() }),
  content: z.instanceof(Uint8Array),
});
export type DpaDocumentRecord = z.infer<typeof dpaDocumentRecord>;

const schemas = {
  users: userRecord,
  sessions: sessionRecord,
  signInThrottle: signInThrottleRecord,
  knownAddresses: knownAddressRecord,
  accounts: account,
  subjects: subject,
  processors: processor,
  connectorCredentials: connectorCredentialsRecord,
  notices: notice,
  consentEvents: consentEvent,
  consentReviews: consentReviewRecord,
  supportAccess: supportAccessRecord,
  supportAccessSecrets: supportAccessSecretRecord,
  supportAccessLinks: supportAccessLinkRecord,
  deletions: deletionRequest,
  mailMessages: mailMessageRecord,
  audit: auditEvent,
  settings: settingRecord,
  breaches: breach,
  chainLinks: chainLinkRecord,
  chainHeads: chainHeadRecord,
  chainAnchors: chainAnchorRecord,
  apiTokens: apiTokenRecord,
  machineRequests: machineRequestRecord,
  webhooks: webhookRecord,
  webhookDeliveries: webhookDeliveryRecord,
  dpaDocuments: dpaDocumentRecord,
} as const;
export type TableName = keyof typeof schemas;
export type TableRecords = { [K in TableName]: z.output<(typeof schemas)[K]> };
/** Every table of a store and the schema of the record it holds. */
export const recordSchemas: { [K in TableName]: z.ZodType<TableRecords[K]> } = schemas;

/**
 * What a store can be made from in one go (the demo's seed, converted by src/demo): every collection the
 * seed fills, with password hashes instead of passwords.
 */
export type StoreSnapshot = {
  users: UserRecord[];
  accounts: Account[];
  subjects: Subject[];
  processors: Processor[];
  connectorCredentials: ConnectorCredentialsRecord[];
  notices: Notice[];
  consentEvents: ConsentEvent[];
  supportAccess: SupportAccessRecord[];
  deletions: DeletionRequest[];
  /** Records written before the breach register existed have none. */
  breaches?: Breach[];
};
