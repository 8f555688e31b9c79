import type { Account, AccountQuery, Subject } from '@/api/contract/accounts';
import type { AuditEvent, AuditQuery } from '@/api/contract/audit';
import type {
  ConsentAction,
  ConsentChannel,
  ConsentEvent,
  ConsentPurpose,
  ConsentQuery,
  ConsentReview,
  Notice,
  ReviewReason,
} from '@/api/contract/consent';
import type { Page } from '@/api/contract/common';
import type { DeletionQuery, DeletionRequest } from '@/api/contract/deletions';
import type { Processor } from '@/api/contract/processors';
import type { SupportAccessQuery, SupportAccessRequest } from '@/api/contract/support-access';
import type { User } from '@/api/contract/users';

export type UserRecord = User & { passwordHash: string; createdAt: string };
export type SessionRecord = { tokenHash: string; userId: string; createdAt: string; expiresAt: string };
export type SignInAttempts = { email: string; failures: number; lastFailureAt: string; lockedUntil: string | null };
/** The stored form of a support-access request: the API view plus the encrypted login details. */
export type SupportAccessRecord = Omit<SupportAccessRequest, 'hasCredentials'> & { credentials: string | null };

/**
 * List queries as the store receives them: the contract's query minus what the service resolves first
 * (an email becomes subject ids, "overdue" becomes a due-before instant).
 */
export type ConsentListQuery = Omit<ConsentQuery, 'email'> & { subjectIds?: string[] };
export type DeletionListQuery = Omit<DeletionQuery, 'dueWithinDays' | 'overdue' | 'held'> & {
  dueBefore?: string;
  held?: boolean;
  /** Requests that still run against their deadline (not completed or rejected). */
  openOnly?: boolean;
};
export type SupportAccessListQuery = Omit<SupportAccessQuery, 'endingWithinHours'> & {
  /** Grants that end after `grantEndsAfter` and no later than `grantEndsBefore` (instants). */
  grantEndsAfter?: string;
  grantEndsBefore?: string;
};

/** A person's current consent for one purpose (the newest event), kept by the store as events arrive. */
export type ConsentStateRecord = { event: ConsentEvent; grantChannel: ConsentChannel | null };
/** An officer's look at one event of the review queue, with the reasons it was queued for. */
export type ConsentReviewRecord = ConsentReview & { eventId: string; reasons: ReviewReason[] };
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
export type ConsentStateQuery = { purpose?: ConsentPurpose; state?: ConsentAction; cursor?: string; limit: number };
export type MonthlyCount = { month: string; purpose: ConsentPurpose; action: ConsentAction; count: number };

/**
 * One unit of work. Reads see the transaction's own writes. `update` methods write only when the stored
 * version equals `expectedVersion` and answer whether they did: that check happens inside the
 * transaction that writes, so of two concurrent writers with the same version exactly one succeeds.
 */
export interface Tx {
  users: {
    get(id: string): Promise<UserRecord | null>;
    getByEmail(email: string): Promise<UserRecord | null>;
    insert(user: UserRecord): Promise<void>;
    list(): Promise<UserRecord[]>;
  };
  sessions: {
    get(tokenHash: string): Promise<SessionRecord | null>;
    insert(session: SessionRecord): Promise<void>;
    delete(tokenHash: string): Promise<void>;
  };
  signInAttempts: {
    get(email: string): Promise<SignInAttempts | null>;
    put(attempts: SignInAttempts): Promise<void>;
    delete(email: string): Promise<void>;
  };
  accounts: {
    get(id: string): Promise<Account | null>;
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
    /** Exact, case-insensitive match on the email address. */
    findByEmail(email: string): Promise<Subject[]>;
    listByAccount(accountId: string): Promise<Subject[]>;
    insert(subject: Subject): Promise<void>;
  };
  processors: {
    get(id: string): Promise<Processor | null>;
    /** All of them, ordered by name: the registry is tens of records, filtered by the rules. */
    list(): Promise<Processor[]>;
    insert(processor: Processor): Promise<void>;
    update(processor: Processor, expectedVersion: number): Promise<boolean>;
  };
  notices: {
    get(hash: string): Promise<Notice | null>;
    /** The newest notice (by publishedAt) of each purpose. */
    latest(): Promise<Notice[]>;
    insert(notice: Notice): Promise<void>;
  };
  consentEvents: {
    get(id: string): Promise<ConsentEvent | null>;
    /** Newest first (occurredAt, then id, both descending). */
    list(query: ConsentListQuery): Promise<Page<ConsentEvent>>;
    /** Oldest first. */
    listBySubject(subjectId: string): Promise<ConsentEvent[]>;
    /** The newest `limit` events of the people of one account, newest first. */
    listByAccount(accountId: string, limit: number): Promise<ConsentEvent[]>;
    /** Events in [from, to) per calendar month (labelled YYYY-MM in `timeZone`), purpose and action. */
    countByMonth(from: string, to: string, timeZone: string): Promise<MonthlyCount[]>;
    /** Events with `action` per purpose in [from, to). */
    countByPurpose(action: ConsentAction, from: string, to: string): Promise<Partial<Record<ConsentPurpose, number>>>;
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
    /** Refuses (conflict) a second review of the same event. */
    insert(review: ConsentReviewRecord): Promise<void>;
  };
  supportAccess: {
    get(id: string): Promise<SupportAccessRecord | null>;
    list(query: SupportAccessListQuery): Promise<Page<SupportAccessRecord>>;
    /** The open (pending or active) request of one agent for one account, if any. */
    findOpen(accountId: string, requesterId: string): Promise<SupportAccessRecord | null>;
    /** Pending requests past decideBy and active grants past grantEndsAt, as of `now`. */
    listLapsed(now: string): Promise<SupportAccessRecord[]>;
    insert(request: SupportAccessRecord): Promise<void>;
    update(request: SupportAccessRecord, expectedVersion: number): Promise<boolean>;
  };
  deletions: {
    get(id: string): Promise<DeletionRequest | null>;
    /** Soonest due first (dueAt, then id). */
    list(query: DeletionListQuery): Promise<Page<DeletionRequest>>;
    insert(request: DeletionRequest): Promise<void>;
    update(request: DeletionRequest, expectedVersion: number): Promise<boolean>;
  };
  audit: {
    /** Newest first (at, then id, both descending). */
    list(query: AuditQuery): Promise<Page<AuditEvent>>;
    insert(event: AuditEvent): Promise<void>;
  };
  settings: {
    get(key: string): Promise<unknown>;
    set(key: string, value: unknown): Promise<void>;
  };
}

export interface Store {
  /** Runs `work` in one transaction: all its writes land, or none do when it throws. */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Whether the database answers. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
