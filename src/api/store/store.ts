import type { JobSender } from '@/api/jobs/queue';
import type { Account, AccountQuery, Subject } from '@/api/contract/accounts';
import type { AuditEvent, AuditQuery } from '@/api/contract/audit';
import type {
  ConsentAction,
  ConsentChannel,
  ConsentEvent,
  ConsentPurpose,
  ConsentQuery,
  Notice,
  ReviewReason,
} from '@/api/contract/consent';
import type { Page } from '@/api/contract/common';
import type { Breach, BreachStatus } from '@/api/contract/breaches';
import type { DeletionQuery, DeletionRequest } from '@/api/contract/deletions';
import type { Processor } from '@/api/contract/processors';
import type { SupportAccessQuery } from '@/api/contract/support-access';
import type { ErasurePlan } from '@/api/rules/erasure';
import type { PersonMatch } from '@/api/rules/person-search';
import type { ErasureCounts, ErasureListener } from './erasure';
import type { ThrottleClaim, ThrottleRule } from '@/api/rules/sign-in';
import type { ChainName } from '@/api/contract/ledger-chain';
import type { ChainAnchor, ChainHasher, ChainHead, ChainLink } from './chain';
import type {
  ApiTokenRecord,
  MachineRequestRecord,
  WebhookDeliveryRecord,
  WebhookRecord,
  ConnectorCredentialsRecord,
  ConsentReviewRecord,
  DpaDocumentRecord,
  MailMessageRecord,
  SessionRecord,
  SignInThrottleRecord,
  SupportAccessLinkRecord,
  SupportAccessRecord,
  SupportAccessSecretRecord,
  UserRecord,
} from './schemas';

/**
 * Past this many matching rows a store may leave a first page's `total` out rather than count on (the SQL
 * store does: counting a million events costs most of a second). Readers show "more than" the cap then.
 */
export const COUNT_CAP = 10_000;

/** The page size a store uses for a requested limit: 1 to 1000, and 50 for anything that is not a positive integer. */
export function pageSize(limit: number): number {
  return Number.isInteger(limit) && limit > 0 ? Math.min(limit, 1000) : 50;
}

/**
 * List queries as the store receives them: the contract's query minus what the service resolves first.
 * An email becomes subject ids, "overdue" a due-before instant, and calendar dates become instants in the
 * company's time zone: a store never reads a calendar date. `since` is inclusive, `before` exclusive.
 */
export type ConsentListQuery = Omit<ConsentQuery, 'email' | 'from' | 'to'> & {
  subjectIds?: string[];
  /** Events that occurred at or after this instant... */
  since?: string;
  /** ...and before this one. */
  before?: string;
};
export type AuditListQuery = Omit<AuditQuery, 'from' | 'to'> & { since?: string; before?: string };
export type DeletionListQuery = Omit<DeletionQuery, 'dueWithinDays' | 'overdue' | 'held'> & {
  dueBefore?: string;
  held?: boolean;
  /** Requests that still run against their deadline (not completed or rejected). */
  openOnly?: boolean;
  /** Only requests that erase a whole account (not one person's erasure requests). */
  wholeAccount?: boolean;
};
export type SupportAccessListQuery = Omit<SupportAccessQuery, 'endingWithinHours' | 'from' | 'to'> & {
  /** Requests created at or after `createdSince` and before `createdBefore` (instants). */
  createdSince?: string;
  createdBefore?: string;
  /** Grants that end after `grantEndsAfter` and no later than `grantEndsBefore` (instants). */
  grantEndsAfter?: string;
  grantEndsBefore?: string;
};

/** A person's current consent for one purpose (the newest event), kept by the store as events arrive. */
export type ConsentStateRecord = { event: ConsentEvent; grantChannel: ConsentChannel | null };
export type ReviewQueueQuery = {
  reason?: ReviewReason;
  purpose?: ConsentPurpose;
  /** Notice hash now in use, per purpose. */
  latestNotice: Partial<Record<ConsentPurpose, string>>;
  /** Marketing grants before this instant are stale. */
  staleBefore: string;
  cursor?: string;
  limit: number;
};
export type BreachListQuery = {
  status?: BreachStatus[];
  /** A case-insensitive part of the title, or the exact id. */
  q?: string;
  cursor?: string;
  limit: number;
};
/** A person whose consent was granted at some instant of a window (api/rules/breaches grantedDuring). */
export type ConsentedPerson = { subjectId: string; accountId: string | null };

export type PersonSearchQuery = { match: PersonMatch; cursor?: string; limit: number };

export type ConsentStateQuery = { purpose?: ConsentPurpose; state?: ConsentAction; cursor?: string; limit: number };
export type MonthlyCount = { month: string; purpose: ConsentPurpose; action: ConsentAction; count: number };

/**
 * One unit of work. Reads see the transaction's own writes; a transaction that throws keeps none of them.
 *
 * Writes refuse with the errors of ./errors, the same on every store: `insert` with UniqueViolationError
 * (a key or a uniqueness rule taken) or NotFoundError (a record it refers to is missing); `update` writes
 * only when the stored version equals `expectedVersion`, checked in the statement that writes, so of two
 * concurrent writers with the same version exactly one succeeds and the other gets VersionConflictError
 * (NotFoundError when there is no such record).
 *
 * Lists are pages in a fixed order, resumed with the opaque `nextCursor` of the page before (a cursor the
 * store did not give out is a 400). The first page carries `total`, the rows the filters match, unless
 * counting them would pass COUNT_CAP; later pages need not. Strings order by UTF-16 code unit (SQL:
 * COLLATE "C"), instants are ISO 8601 in UTC with milliseconds. src/testing/store-suite pins all of it.
 */
export interface Tx {
  /** Jobs sent with this transaction: they exist once it commits, and never if it rolls back. */
  jobs: JobSender;
  users: {
    get(id: string): Promise<UserRecord | null>;
    /** Case-insensitive. */
    getByEmail(email: string): Promise<UserRecord | null>;
    /** Refuses an email another user has (rule `user_email`, case-insensitive). */
    insert(user: UserRecord): Promise<void>;
    /** By email, then id. */
    list(): Promise<UserRecord[]>;
    /** Replaces a user by id (NotFoundError when absent); refuses an email another user has. Take `locks` first. */
    update(user: UserRecord): Promise<void>;
  };
  sessions: {
    get(tokenHash: string): Promise<SessionRecord | null>;
    /** Refuses a token hash or an id already there (rule `key`). */
    insert(session: SessionRecord): Promise<void>;
    delete(tokenHash: string): Promise<void>;
    /** Moves lastSeenAt forward (never back); nothing when there is no such session. */
    touch(tokenHash: string, lastSeenAt: string): Promise<void>;
    /** One user's sessions, newest first (createdAt, then id, both descending). */
    listByUser(userId: string): Promise<SessionRecord[]>;
    /** Ends one of a user's sessions by its id; false when that user has none with that id. */
    deleteById(userId: string, id: string): Promise<boolean>;
    /** Ends all of a user's sessions; answers how many there were. */
    deleteByUser(userId: string): Promise<number>;
    /** Removes sessions that ended: expired at `now`, or last seen before `idleBefore`. Answers how many. */
    prune(now: string, idleBefore: string): Promise<number>;
  };
  signInThrottle: {
    /**
     * Counts one sign-in attempt against `key` before its password is checked, in ONE atomic step (a single
     * INSERT ... ON CONFLICT DO UPDATE in SQL), so of any number of concurrent attempts on any number of
     * instances, exactly as many go ahead as the rule lets through: while the counter holds attempts back
     * the answer is `allowed: false` with the instant to retry and nothing changes; otherwise the counter
     * moves as api/rules/sign-in `claimed` says and the answer is the attempt's failure number.
     */
    claim(key: string, rule: ThrottleRule, now: string): Promise<ThrottleClaim>;
    /** Takes one counted attempt back (its password was right), as `released` says; nothing when absent. */
    release(key: string, rule: ThrottleRule): Promise<void>;
    get(key: string): Promise<SignInThrottleRecord | null>;
    delete(key: string): Promise<void>;
    /** Removes counters with no attempt since `before` and no hold past it. Answers how many. */
    prune(before: string): Promise<number>;
  };
  knownAddresses: {
    /** Whether the user signed in from `address` at or after `since`. */
    has(userId: string, address: string, since: string): Promise<boolean>;
    /** Records a successful sign-in from `address` at `at` (an upsert). */
    remember(userId: string, address: string, at: string): Promise<void>;
  };
  accounts: {
    get(id: string): Promise<Account | null>;
    /** By name, then id; `q` is a case-insensitive part of the name or the exact id. */
    list(query: AccountQuery): Promise<Page<Account>>;
    insert(account: Account): Promise<void>;
    /**
     * Marks an active account cancelled at `cancelledAt`; answers false when it is not active (or unknown).
     * Conditional, so of two concurrent cancellations exactly one succeeds.
     */
    markCancelled(id: string, cancelledAt: string): Promise<boolean>;
  };
  subjects: {
    get(id: string): Promise<Subject | null>;
    /** The subjects of these ids that exist, by id (one read for a page of an export). */
    getMany(ids: readonly string[]): Promise<Subject[]>;
    /** Exact, case-insensitive match on the email address; by id. */
    findByEmail(email: string): Promise<Subject[]>;
    /** People whose data was erased, by the keyed hash of their email kept instead; by id. */
    findByEmailHash(emailHash: string): Promise<Subject[]>;
    /** By id. */
    listByAccount(accountId: string): Promise<Subject[]>;
    insert(subject: Subject): Promise<void>;
    /** People that `match` finds (api/rules/person-search `personMatches`), by id; served by an index on every store. */
    search(query: PersonSearchQuery): Promise<Page<Subject>>;
  };
  processors: {
    get(id: string): Promise<Processor | null>;
    /** All of them, ordered by name then id: the registry is tens of records, filtered by the rules. */
    list(): Promise<Processor[]>;
    /** Insert and update refuse a name another processor that is not retired has (rule `processor_name`). */
    insert(processor: Processor): Promise<void>;
    update(processor: Processor, expectedVersion: number): Promise<void>;
  };
  /** Each processor's encrypted connector credentials (one record per processor, or none). */
  connectorCredentials: {
    get(processorId: string): Promise<ConnectorCredentialsRecord | null>;
    /** Writes or replaces the processor's record; NotFoundError when there is no such processor. */
    put(record: ConnectorCredentialsRecord): Promise<void>;
    /** Removes the processor's record; answers whether there was one. */
    delete(processorId: string): Promise<boolean>;
  };
  /** Each processor's signed DPA document (one or none), bytes and all. */
  dpaDocuments: {
    get(processorId: string): Promise<DpaDocumentRecord | null>;
    /** What is known of the document, without reading its bytes. */
    info(processorId: string): Promise<Omit<DpaDocumentRecord, 'content'> | null>;
    /** Writes or replaces the processor's document; NotFoundError when there is no such processor. */
    put(record: DpaDocumentRecord): Promise<void>;
    /** Answers whether there was one. */
    delete(processorId: string): Promise<boolean>;
  };
  notices: {
    get(hash: string): Promise<Notice | null>;
    /** The newest notice (by publishedAt, then hash) of each purpose. */
    latest(): Promise<Notice[]>;
    insert(notice: Notice): Promise<void>;
  };
  consentEvents: {
    get(id: string): Promise<ConsentEvent | null>;
    /** Newest first (occurredAt, then id, both descending). An empty `subjectIds` matches nothing. */
    list(query: ConsentListQuery): Promise<Page<ConsentEvent>>;
    /** Oldest first. */
    listBySubject(subjectId: string): Promise<ConsentEvent[]>;
    /** The newest `limit` events of the people of one account, newest first. */
    listByAccount(accountId: string, limit: number): Promise<ConsentEvent[]>;
    /** Events in [from, to) per calendar month (labelled YYYY-MM in `timeZone`), purpose and action. */
    countByMonth(from: string, to: string, timeZone: string): Promise<MonthlyCount[]>;
    /** Events with `action` per purpose in [from, to). */
    countByPurpose(action: ConsentAction, from: string, to: string): Promise<Partial<Record<ConsentPurpose, number>>>;
    /**
     * The people whose consent to any of `purposes` was granted at some instant of [from, to], as rules/breaches
     * `grantedDuring` decides it (the newest event at or before `from` is a grant, or a grant after `from` and
     * no later than `to`; ties by id). Each person once, by subject id.
     */
    grantedDuring(purposes: ConsentPurpose[], from: string, to: string): Promise<ConsentedPerson[]>;
    /** Appends an event and moves the subject's current state for its purpose when the event is newer. */
    insert(event: ConsentEvent): Promise<void>;
  };
  consentStates: {
    get(subjectId: string, purpose: ConsentPurpose): Promise<ConsentStateRecord | null>;
    /** Current consent per subject and purpose (the suppression list), ordered by subject id then purpose. */
    list(query: ConsentStateQuery): Promise<Page<ConsentStateRecord>>;
    /**
     * Current states that need a look (see rules/consent-review) and have no review of their event yet,
     * newest first (occurredAt, then event id, both descending).
     */
    reviewQueue(query: ReviewQueueQuery): Promise<Page<ConsentStateRecord>>;
  };
  consentReviews: {
    get(eventId: string): Promise<ConsentReviewRecord | null>;
    /** Newest review first (reviewedAt, then event id, both descending). */
    list(query: {
      reason?: ReviewReason;
      purpose?: ConsentPurpose;
      cursor?: string;
      limit: number;
    }): Promise<Page<ConsentReviewRecord & { event: ConsentEvent }>>;
    /** Refuses a second review of the same event (rule `consent_review`), and a review of no event. */
    insert(review: ConsentReviewRecord): Promise<void>;
  };
  supportAccess: {
    get(id: string): Promise<SupportAccessRecord | null>;
    /**
     * `newest` and `oldest` by createdAt then id; `ending` by grantEndsAt (none last), then id. `q` is a
     * case-insensitive part of the ticket reference or account name, or the exact id.
     */
    list(query: SupportAccessListQuery): Promise<Page<SupportAccessRecord>>;
    /** The open (pending or active) request of one agent for one account, if any. */
    findOpen(accountId: string, requesterId: string): Promise<SupportAccessRecord | null>;
    /** Pending requests past decideBy and active grants past grantEndsAt, as of `now`, by createdAt then id. */
    listLapsed(now: string): Promise<SupportAccessRecord[]>;
    /** Insert and update refuse a second open request of one agent for one account (rule `open_support_access`). */
    insert(request: SupportAccessRecord): Promise<void>;
    update(request: SupportAccessRecord, expectedVersion: number): Promise<void>;
    /** The open (pending or active) requests of an account, whoever asked, by createdAt then id. */
    listOpenForAccount(accountId: string): Promise<SupportAccessRecord[]>;
  };
  /** Login details of a request (see SupportAccessSecretRecord); a second put for a request replaces the first. */
  supportAccessSecrets: {
    get(requestId: string): Promise<SupportAccessSecretRecord | null>;
    put(record: SupportAccessSecretRecord): Promise<void>;
    /** Answers whether there was one. */
    delete(requestId: string): Promise<boolean>;
  };
  supportAccessLinks: {
    get(tokenHash: string): Promise<SupportAccessLinkRecord | null>;
    insert(link: SupportAccessLinkRecord): Promise<void>;
    /** Marks an unused link used; false when it was used already (two tabs, two instances: one wins). */
    markUsed(tokenHash: string, at: string): Promise<boolean>;
    /** Removes a request's links of `kind` (a new consent link replaces the old). */
    deleteForRequest(requestId: string, kind: SupportAccessLinkRecord['kind']): Promise<void>;
  };
  deletions: {
    get(id: string): Promise<DeletionRequest | null>;
    /** Soonest due first (dueAt, then id); `dueBefore` is strict. */
    list(query: DeletionListQuery): Promise<Page<DeletionRequest>>;
    /**
     * Insert and update refuse a second open request for one account, or for one person of a person's erasure
     * (rule `open_deletion`).
     */
    insert(request: DeletionRequest): Promise<void>;
    update(request: DeletionRequest, expectedVersion: number): Promise<void>;
  };
  /** The breach register (policy 5.6, GDPR Art. 33(5)): notifications and assessment live in the record. */
  breaches: {
    get(id: string): Promise<Breach | null>;
    /** Most recently discovered first (awareAt, then id, both descending). */
    list(query: BreachListQuery): Promise<Page<Breach>>;
    insert(breach: Breach): Promise<void>;
    update(breach: Breach, expectedVersion: number): Promise<void>;
  };
  erasure: {
    /**
     * Erases an account's personal data from every erasable table (rules/erasure): each record becomes what
     * `eraseRecord` makes of it, in this transaction. The one path that rewrites the consent ledger and the
     * audit trail, which refuse every other change (triggers in SQL); the caller writes its audit event in
     * the same transaction. Answers how many records of each table changed; `onRewrite` hears each record
     * rewritten, before and after (the caller proves the chained ones, services/erasure).
     */
    eraseAccount(plan: ErasurePlan, onRewrite?: ErasureListener): Promise<ErasureCounts>;
  };
  audit: {
    /** Newest first (at, then id, both descending); `action` is the exact action or a prefix ending at a dot. */
    list(query: AuditListQuery): Promise<Page<AuditEvent>>;
    insert(event: AuditEvent): Promise<void>;
  };
  mail: {
    get(id: string): Promise<MailMessageRecord | null>;
    /** Newest first (createdAt, then id, both descending). */
    list(query: { status?: MailMessageRecord['status']; cursor?: string; limit: number }): Promise<Page<MailMessageRecord>>;
    /** A second message with the same id (the same dedupe key) is a UniqueViolationError ('key'). */
    insert(message: MailMessageRecord): Promise<void>;
    update(message: MailMessageRecord, expectedVersion: number): Promise<void>;
  };
  /** Locks held until the transaction ends (SQL: an advisory lock), for budgets counted across instances. */
  locks: {
    /** Waits until no other transaction holds `key`, then holds it. */
    take(key: string): Promise<void>;
  };
  /**
   * The hash chains of the audit trail and the consent ledger (./chain). The store links every event that
   * `audit.insert` and `consentEvents.insert` wrote when the transaction commits, in commit order, one chain
   * head per chain taken just before the commit, so concurrent writers on many instances chain in one line.
   */
  chain: {
    /** Digests under this store's chain key, for checking links. */
    hasher: ChainHasher;
    head(chain: ChainName): Promise<ChainHead>;
    /** Links after `afterSeq`, oldest first, each with its event as stored now (null when the row is gone). */
    links(chain: ChainName, afterSeq: number, limit: number): Promise<{ link: ChainLink; record: unknown }[]>;
    /** The oldest event of the chain's table that has no link (written around the store), if any. */
    firstUnlinked(chain: ChainName): Promise<string | null>;
    anchor(anchor: ChainAnchor): Promise<void>;
    /** Newest first. */
    anchors(chain: ChainName, limit: number): Promise<ChainAnchor[]>;
  };
  settings: {
    /** A setting's value and version; null before its first write. Concurrent readers take turns (a row lock in SQL). */
    get(key: string): Promise<{ value: unknown; version: number } | null>;
    /**
     * Writes `value` as version `expectedVersion + 1` when the stored version is `expectedVersion` (0 for a
     * setting never written), in the writing statement; otherwise VersionConflictError.
     */
    put(key: string, value: unknown, expectedVersion: number): Promise<void>;
  };
  /** Machine clients' tokens, found by the SHA-256 of their secret. */
  apiTokens: {
    get(id: string): Promise<ApiTokenRecord | null>;
    getByHash(tokenHash: string): Promise<ApiTokenRecord | null>;
    /** Newest first (createdAt, then id, both descending). */
    list(): Promise<ApiTokenRecord[]>;
    /** Refuses an id or a token hash already there (rule `key`). */
    insert(token: ApiTokenRecord): Promise<void>;
    update(token: ApiTokenRecord, expectedVersion: number): Promise<void>;
    /** Moves lastUsedAt forward (never back) without a new version; nothing when there is no such token. */
    touch(id: string, at: string): Promise<void>;
  };
  /** Machine clients' reports by kind and the caller's own id (idempotency). */
  machineRequests: {
    get(key: string): Promise<MachineRequestRecord | null>;
    /** A second report under the same key is a UniqueViolationError ('key'), also across instances. */
    insert(record: MachineRequestRecord): Promise<void>;
  };
  /** Webhook endpoints other systems run. */
  webhooks: {
    get(id: string): Promise<WebhookRecord | null>;
    /** Newest first (createdAt, then id, both descending). */
    list(): Promise<WebhookRecord[]>;
    insert(webhook: WebhookRecord): Promise<void>;
    update(webhook: WebhookRecord, expectedVersion: number): Promise<void>;
  };
  /** One event for one endpoint; a second delivery with the same id is a UniqueViolationError ('key'). */
  webhookDeliveries: {
    get(id: string): Promise<WebhookDeliveryRecord | null>;
    /** The newest `limit` (createdAt, then id, both descending). */
    list(limit: number): Promise<WebhookDeliveryRecord[]>;
    insert(delivery: WebhookDeliveryRecord): Promise<void>;
    update(delivery: WebhookDeliveryRecord, expectedVersion: number): Promise<void>;
  };
}

export interface Store {
  /** Runs `work` in one transaction: all its writes land, or none do when it throws. */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Whether the database answers. */
  ping(): Promise<boolean>;
  /**
   * Whether the database takes a write: writes and commits a heartbeat (SQL), so a full disk or a read-only
   * database answers false while `ping` still answers true.
   */
  probeWrite(at: string): Promise<boolean>;
  /**
   * Rewrites the support-access secrets table so that destroyed rows leave no old page behind in the data
   * directory (SQL: VACUUM FULL and a checkpoint). Outside any transaction; nothing to do in memory.
   */
  compactSecrets(): Promise<void>;
  close(): Promise<void>;
}

/** The sender of a store that has no job queue: sending is a programming error, said plainly. */
export const noJobQueue: JobSender = {
  send: async (name) => {
    throw new Error(`No job queue is attached to this store, so the job ${name} cannot be sent`);
  },
};
