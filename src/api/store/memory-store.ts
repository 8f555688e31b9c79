import type { Account, AccountQuery, Subject } from '@/api/contract/accounts';
import type { AuditEvent, AuditQuery } from '@/api/contract/audit';
import type { Page } from '@/api/contract/common';
import type { ConsentAction, ConsentEvent, ConsentPurpose, Notice } from '@/api/contract/consent';
import type { DeletionRequest } from '@/api/contract/deletions';
import type { Processor } from '@/api/contract/processors';
import type { SeedData } from '@/demo/seed-data';
import { ApiError } from '@/api/errors';
import { reviewReasonsFor } from '@/api/rules/consent-review';
import { monthStarts } from '@/api/rules/time';
import { decodeCursor, encodeCursor } from './cursor';
import type {
  ConsentListQuery,
  ConsentReviewRecord,
  ConsentStateQuery,
  ConsentStateRecord,
  MonthlyCount,
  ReviewQueueQuery,
  DeletionListQuery,
  SessionRecord,
  SignInAttempts,
  Store,
  SupportAccessListQuery,
  SupportAccessRecord,
  Tx,
  UserRecord,
} from './store';

export type SettingRecord = { key: string; value: unknown };

/** Every table of the store and the record it holds. */
export type TableRecords = {
  users: UserRecord;
  sessions: SessionRecord;
  signInAttempts: SignInAttempts;
  accounts: Account;
  subjects: Subject;
  processors: Processor;
  notices: Notice;
  consentEvents: ConsentEvent;
  consentReviews: ConsentReviewRecord;
  supportAccess: SupportAccessRecord;
  deletions: DeletionRequest;
  audit: AuditEvent;
  settings: SettingRecord;
};
export type TableName = keyof TableRecords;

/** One committed write: the new record of a key, or its removal. Replaying them in order rebuilds the state. */
export type JournalEntry<K extends TableName = TableName> = {
  [P in K]: { table: P; op: 'put'; key: string; record: TableRecords[P] } | { table: P; op: 'delete'; key: string };
}[K];

export type CommitListener = (entries: readonly JournalEntry[]) => void;

type Key = readonly (string | number)[];
type Dir = 1 | -1;

/**
 * A sort order with its keyset: `compare` sorts records, `key` is what a cursor carries, `dirs` says
 * which way each part of the key runs. Strings compare by UTF-16 code unit (SQL: COLLATE "C").
 */
type Ordering<T> = {
  compare(a: T, b: T): number;
  key(r: T): Key;
  dirs: readonly Dir[];
  types: readonly ('string' | 'number')[];
};

function cmp(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareKeys(a: Key, b: Key, dirs: readonly Dir[]): number {
  for (let i = 0; i < dirs.length; i++) {
    const c = cmp(a[i] ?? '', b[i] ?? '') * (dirs[i] ?? 1);
    if (c !== 0) return c;
  }
  return 0;
}

/** First index whose row satisfies `pred`, for a predicate that is false and then true along `rows`. */
function lowerBound<T>(rows: readonly T[], pred: (r: T) => boolean): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pred(rows[mid] as T)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function readCursor<T>(cursor: string, ordering: Ordering<T>): Key {
  const key = decodeCursor(cursor, ordering.types.length);
  if (!key.every((part, i) => typeof part === ordering.types[i])) {
    throw new ApiError('bad_request', 'The cursor is not one this API gave out', { cursor: 'Invalid cursor' });
  }
  return key;
}

const newestFirst = <T extends { id: string }>(at: (r: T) => string): Ordering<T> => ({
  compare: (a, b) => cmp(at(b), at(a)) || cmp(b.id, a.id),
  key: (r) => [at(r), r.id],
  dirs: [-1, -1],
  types: ['string', 'string'],
});

const oldestFirst = <T extends { id: string }>(at: (r: T) => string): Ordering<T> => ({
  compare: (a, b) => cmp(at(a), at(b)) || cmp(a.id, b.id),
  key: (r) => [at(r), r.id],
  dirs: [1, 1],
  types: ['string', 'string'],
});

const eventsNewest = newestFirst<ConsentEvent>((e) => e.occurredAt);
const statesNewest: Ordering<ConsentStateRecord> = {
  compare: (a, b) => eventsNewest.compare(a.event, b.event),
  key: (r) => [r.event.occurredAt, r.event.id],
  dirs: [-1, -1],
  types: ['string', 'string'],
};
const statesBySubject: Ordering<ConsentStateRecord> = {
  compare: (a, b) => cmp(a.event.subjectId, b.event.subjectId) || cmp(a.event.purpose, b.event.purpose),
  key: (r) => [r.event.subjectId, r.event.purpose],
  dirs: [1, 1],
  types: ['string', 'string'],
};
const reviewsNewest: Ordering<ConsentReviewRecord> = {
  compare: (a, b) => cmp(b.reviewedAt, a.reviewedAt) || cmp(b.eventId, a.eventId),
  key: (r) => [r.reviewedAt, r.eventId],
  dirs: [-1, -1],
  types: ['string', 'string'],
};
const eventsOldest = oldestFirst<ConsentEvent>((e) => e.occurredAt);
const auditNewest = newestFirst<AuditEvent>((e) => e.at);
const accountsByName: Ordering<Account> = {
  compare: (a, b) => cmp(a.name, b.name) || cmp(a.id, b.id),
  key: (r) => [r.name, r.id],
  dirs: [1, 1],
  types: ['string', 'string'],
};
const processorsByName: Ordering<Processor> = {
  compare: (a, b) => cmp(a.name, b.name) || cmp(a.id, b.id),
  key: (r) => [r.name, r.id],
  dirs: [1, 1],
  types: ['string', 'string'],
};
const deletionsByDue = oldestFirst<DeletionRequest>((d) => d.dueAt);
const accessOrderings: Record<SupportAccessListQuery['sort'], Ordering<SupportAccessRecord>> = {
  newest: newestFirst((r) => r.createdAt),
  oldest: oldestFirst((r) => r.createdAt),
  ending: {
    compare: (a, b) =>
      cmp(a.grantEndsAt === null ? 1 : 0, b.grantEndsAt === null ? 1 : 0) ||
      cmp(a.grantEndsAt ?? '', b.grantEndsAt ?? '') ||
      cmp(a.id, b.id),
    key: (r) => [r.grantEndsAt === null ? 1 : 0, r.grantEndsAt ?? '', r.id],
    dirs: [1, 1, 1],
    types: ['number', 'string', 'string'],
  },
};

interface Index<T> {
  add(r: T): void;
  remove(r: T): void;
  addMany(rows: readonly T[]): void;
}

/** Rows kept in one order at all times: for the big, append-mostly tables (consent events, audit). */
class SortedIndex<T> implements Index<T> {
  rows: T[] = [];
  constructor(readonly ordering: Ordering<T>) {}
  add(r: T): void {
    const at = lowerBound(this.rows, (x) => this.ordering.compare(x, r) > 0);
    this.rows.splice(at, 0, r);
  }
  remove(r: T): void {
    const at = lowerBound(this.rows, (x) => this.ordering.compare(x, r) >= 0);
    if (this.rows[at] === r) this.rows.splice(at, 1);
  }
  addMany(rows: readonly T[]): void {
    for (const r of rows) this.rows.push(r);
    this.rows.sort(this.ordering.compare);
  }
}

/** Sorted copies made on first use and dropped on any write: for small tables read far more than written. */
class SortCache<T> implements Index<T> {
  private readonly cache = new Map<Ordering<T>, T[]>();
  constructor(private readonly source: () => Iterable<T>) {}
  add(): void {
    this.cache.clear();
  }
  remove(): void {
    this.cache.clear();
  }
  addMany(): void {
    this.cache.clear();
  }
  sorted(ordering: Ordering<T>): readonly T[] {
    let rows = this.cache.get(ordering);
    if (!rows) {
      rows = [...this.source()].sort(ordering.compare);
      this.cache.set(ordering, rows);
    }
    return rows;
  }
}

/**
 * Counts of matching rows by filter, dropped on any write to the table: paging through a large filtered
 * ledger counts it once, not once per page.
 */
class TotalsCache<T> implements Index<T> {
  private readonly totals = new Map<string, number>();
  add(): void {
    this.totals.clear();
  }
  remove(): void {
    this.totals.clear();
  }
  addMany(): void {
    this.totals.clear();
  }
  get(filters: object, count: () => number): number {
    const key = JSON.stringify(filters);
    let total = this.totals.get(key);
    if (total === undefined) {
      total = count();
      this.totals.set(key, total);
    }
    return total;
  }
}

/** Rows grouped by a derived key (events by subject, people by account or email). */
class GroupIndex<T> implements Index<T> {
  private readonly groups = new Map<string, T[]>();
  constructor(private readonly keyOf: (r: T) => string | null) {}
  add(r: T): void {
    const k = this.keyOf(r);
    if (k === null) return;
    const group = this.groups.get(k);
    if (group) group.push(r);
    else this.groups.set(k, [r]);
  }
  remove(r: T): void {
    const k = this.keyOf(r);
    if (k === null) return;
    const group = this.groups.get(k);
    const at = group ? group.indexOf(r) : -1;
    if (!group || at < 0) return;
    group.splice(at, 1);
    if (group.length === 0) this.groups.delete(k);
  }
  addMany(rows: readonly T[]): void {
    for (const r of rows) this.add(r);
  }
  get(k: string): readonly T[] {
    return this.groups.get(k) ?? [];
  }
}

/**
 * Events newest first, one list per combination of purpose, action, channel and notice version (as the SQL
 * store's combination index): a filter on those four is a merge of the lists it covers, and its total is
 * the sum of their lengths between the dates, whatever the filter's rarity.
 */
class CombinationIndex implements Index<ConsentEvent> {
  private readonly lists = new Map<string, SortedIndex<ConsentEvent>>();
  private static keyOf(e: ConsentEvent): string {
    return JSON.stringify([e.purpose, e.action, e.channel, e.noticeVersion]);
  }
  private list(e: ConsentEvent): SortedIndex<ConsentEvent> {
    const key = CombinationIndex.keyOf(e);
    let list = this.lists.get(key);
    if (!list) {
      list = new SortedIndex(eventsNewest);
      this.lists.set(key, list);
    }
    return list;
  }
  add(e: ConsentEvent): void {
    this.list(e).add(e);
  }
  remove(e: ConsentEvent): void {
    this.list(e).remove(e);
  }
  addMany(rows: readonly ConsentEvent[]): void {
    const groups = new Map<SortedIndex<ConsentEvent>, ConsentEvent[]>();
    for (const e of rows) {
      const list = this.list(e);
      const group = groups.get(list);
      if (group) group.push(e);
      else groups.set(list, [e]);
    }
    for (const [list, group] of groups) list.addMany(group);
  }
  /** The lists (each newest first) of the combinations that match the query's four filters. */
  matching(query: Pick<ConsentListQuery, 'purpose' | 'action' | 'channel' | 'noticeVersion'>): (readonly ConsentEvent[])[] {
    const found: (readonly ConsentEvent[])[] = [];
    for (const { rows } of this.lists.values()) {
      const e = rows[0];
      if (
        e &&
        (!query.purpose || e.purpose === query.purpose) &&
        (!query.action || e.action === query.action) &&
        (!query.channel || e.channel === query.channel) &&
        (!query.noticeVersion || e.noticeVersion === query.noticeVersion)
      ) {
        found.push(rows);
      }
    }
    return found;
  }
}

/**
 * Each subject's current consent per purpose: the newest event, and the channel of the newest grant.
 * Recomputed from the subject's events (which the by-subject index holds already, since it comes first).
 */
class ConsentStateIndex implements Index<ConsentEvent> {
  private readonly states = new Map<string, ConsentStateRecord>();
  private sortedCache = new Map<Ordering<ConsentStateRecord>, ConsentStateRecord[]>();
  constructor(private readonly eventsOf: (subjectId: string) => readonly ConsentEvent[]) {}
  private recompute(subjectId: string, purpose: ConsentPurpose): void {
    let newest: ConsentEvent | null = null;
    let grant: ConsentEvent | null = null;
    for (const e of this.eventsOf(subjectId)) {
      if (e.purpose !== purpose) continue;
      if (!newest || eventsNewest.compare(e, newest) < 0) newest = e;
      if (e.action === 'granted' && (!grant || eventsNewest.compare(e, grant) < 0)) grant = e;
    }
    const key = `${subjectId}\u0000${purpose}`;
    if (newest) this.states.set(key, { event: newest, grantChannel: grant?.channel ?? null });
    else this.states.delete(key);
    this.sortedCache.clear();
  }
  add(e: ConsentEvent): void {
    this.recompute(e.subjectId, e.purpose);
  }
  remove(e: ConsentEvent): void {
    this.recompute(e.subjectId, e.purpose);
  }
  addMany(rows: readonly ConsentEvent[]): void {
    const keys = new Map<string, [string, ConsentPurpose]>();
    for (const e of rows) keys.set(`${e.subjectId}\u0000${e.purpose}`, [e.subjectId, e.purpose]);
    for (const [subjectId, purpose] of keys.values()) this.recompute(subjectId, purpose);
  }
  get(subjectId: string, purpose: ConsentPurpose): ConsentStateRecord | undefined {
    return this.states.get(`${subjectId}\u0000${purpose}`);
  }
  sorted(ordering: Ordering<ConsentStateRecord>): readonly ConsentStateRecord[] {
    let rows = this.sortedCache.get(ordering);
    if (!rows) {
      rows = [...this.states.values()].sort(ordering.compare);
      this.sortedCache.set(ordering, rows);
    }
    return rows;
  }
}

class Table<T> {
  private readonly rows = new Map<string, T>();
  constructor(
    readonly keyOf: (r: T) => string,
    private readonly indexes: readonly Index<T>[] = [],
  ) {}
  get(key: string): T | undefined {
    return this.rows.get(key);
  }
  values(): IterableIterator<T> {
    return this.rows.values();
  }
  /** Stores the row, keeping the indexes in step; answers the row it replaced. */
  set(r: T): T | undefined {
    const key = this.keyOf(r);
    const previous = this.rows.get(key);
    if (previous !== undefined) for (const index of this.indexes) index.remove(previous);
    this.rows.set(key, r);
    for (const index of this.indexes) index.add(r);
    return previous;
  }
  remove(key: string): T | undefined {
    const previous = this.rows.get(key);
    if (previous === undefined) return undefined;
    this.rows.delete(key);
    for (const index of this.indexes) index.remove(previous);
    return previous;
  }
  /** Loads many new rows at once (seeding): indexes sort once instead of once per row. */
  load(rows: readonly T[]): void {
    const fresh: T[] = [];
    for (const r of rows) {
      const key = this.keyOf(r);
      if (this.rows.has(key)) this.set(r);
      else {
        this.rows.set(key, r);
        fresh.push(r);
      }
    }
    for (const index of this.indexes) index.addMany(fresh);
  }
}

type Tables = { [K in TableName]: Table<TableRecords[K]> };

type TxState = { open: boolean; undo: (() => void)[]; journal: JournalEntry[] };

const clone = <T>(value: T): T => structuredClone(value);

function pageOf<T>(
  rows: readonly T[],
  range: { start: number; end: number; after: number },
  matches: (r: T) => boolean,
  limit: number,
  ordering: Ordering<T>,
  totals?: { cache: TotalsCache<T>; filters: object },
): Page<T> {
  const items: T[] = [];
  let i = Math.max(range.start, range.after);
  const size = Math.max(1, limit);
  let more = false;
  for (; i < range.end; i++) {
    const r = rows[i] as T;
    if (!matches(r)) continue;
    if (items.length === size) {
      more = true;
      break;
    }
    items.push(r);
  }
  const count = (): number => {
    let total = 0;
    for (let j = range.start; j < range.end; j++) if (matches(rows[j] as T)) total++;
    return total;
  };
  const total = totals ? totals.cache.get(totals.filters, count) : count();
  const last = items.at(-1);
  return {
    items: items.map(clone),
    nextCursor: more && last !== undefined ? encodeCursor(ordering.key(last)) : null,
    total,
  };
}

/** Where a cursor leaves off in `rows` (sorted by `ordering`): the first row after the cursor's key. */
function afterCursor<T>(rows: readonly T[], ordering: Ordering<T>, cursor: string | undefined): number {
  if (!cursor) return 0;
  const key = readCursor(cursor, ordering);
  return lowerBound(rows, (r) => compareKeys(ordering.key(r), key, ordering.dirs) > 0);
}

/**
 * A page of events from several lists, each newest first (CombinationIndex): the dates and the cursor cut
 * each list by binary search, the total is the sum of what is left, and the page takes the newest head each time.
 */
function mergedPage(lists: readonly (readonly ConsentEvent[])[], query: ConsentListQuery): Page<ConsentEvent> {
  const { from, to } = query;
  const cursorKey = query.cursor ? readCursor(query.cursor, eventsNewest) : null;
  const ranges = lists.map((rows) => {
    const start = to ? lowerBound(rows, (e) => e.occurredAt < nextDayStart(to)) : 0;
    const end = from ? lowerBound(rows, (e) => e.occurredAt < dayStart(from)) : rows.length;
    const after = cursorKey ? lowerBound(rows, (e) => compareKeys(eventsNewest.key(e), cursorKey, eventsNewest.dirs) > 0) : 0;
    return { rows, next: Math.max(start, after), start, end: Math.max(start, end) };
  });
  const total = ranges.reduce((sum, r) => sum + (r.end - r.start), 0);
  const size = Math.max(1, query.limit);
  const items: ConsentEvent[] = [];
  let more = false;
  for (;;) {
    let best: (typeof ranges)[number] | undefined;
    for (const r of ranges) {
      if (r.next >= r.end) continue;
      if (!best || eventsNewest.compare(r.rows[r.next] as ConsentEvent, best.rows[best.next] as ConsentEvent) < 0) best = r;
    }
    if (!best) break;
    if (items.length === size) {
      more = true;
      break;
    }
    items.push(best.rows[best.next] as ConsentEvent);
    best.next++;
  }
  const last = items.at(-1);
  return { items: items.map(clone), nextCursor: more && last !== undefined ? encodeCursor(eventsNewest.key(last)) : null, total };
}

const dayStart = (date: string): string => `${date}T00:00:00.000Z`;
const nextDayStart = (date: string): string => new Date(Date.parse(dayStart(date)) + 86_400_000).toISOString();

/** `from`/`to` are inclusive UTC calendar dates. */
function inDateRange(at: string, from: string | undefined, to: string | undefined): boolean {
  if (from && at < dayStart(from)) return false;
  if (to && at >= nextDayStart(to)) return false;
  return true;
}

function anyOf<T>(values: readonly T[] | undefined): readonly T[] | null {
  return values && values.length > 0 ? values : null;
}

const OPEN_ACCESS = new Set(['pending', 'active']);
const CLOSED_DELETION = new Set(['completed', 'rejected']);

/**
 * The Store in memory: the browser demo and fast tests. Transactions run one at a time (an async
 * mutex) and undo their writes when they throw; records go in and come out as copies. Every committed
 * write is journaled, so the demo can persist its changes and replay them over a regenerated seed.
 */
export class MemoryStore implements Store {
  private readonly eventsByTime = new SortedIndex(eventsNewest);
  private readonly eventsBySubject = new GroupIndex<ConsentEvent>((e) => e.subjectId);
  private readonly eventTotals = new TotalsCache<ConsentEvent>();
  private readonly eventsByCombination = new CombinationIndex();
  private readonly eventsByAccount = new GroupIndex<ConsentEvent>((e) => e.accountId);
  private readonly consentStates = new ConsentStateIndex((subjectId) => this.eventsBySubject.get(subjectId));
  private readonly reviewsSorted = new SortCache<ConsentReviewRecord>(() => this.tables.consentReviews.values());
  /** Review-queue totals: dropped on any write to the events or the reviews. */
  private readonly queueTotals = new TotalsCache<ConsentStateRecord>();
  private readonly auditByTime = new SortedIndex(auditNewest);
  private readonly auditTotals = new TotalsCache<AuditEvent>();
  private readonly usersByEmail = new GroupIndex<UserRecord>((u) => u.email.toLowerCase());
  private readonly subjectsByEmail = new GroupIndex<Subject>((s) => s.email?.toLowerCase() ?? null);
  private readonly subjectsByAccount = new GroupIndex<Subject>((s) => s.accountId);
  // The caches read the tables only when asked, by which time the tables exist.
  private readonly accountsSorted = new SortCache<Account>(() => this.tables.accounts.values());
  private readonly accessSorted = new SortCache<SupportAccessRecord>(() => this.tables.supportAccess.values());
  private readonly deletionsSorted = new SortCache<DeletionRequest>(() => this.tables.deletions.values());
  private readonly processorsSorted = new SortCache<Processor>(() => this.tables.processors.values());
  private readonly tables: Tables = {
    users: new Table<UserRecord>((u) => u.id, [this.usersByEmail]),
    sessions: new Table<SessionRecord>((s) => s.tokenHash),
    signInAttempts: new Table<SignInAttempts>((a) => a.email),
    accounts: new Table<Account>((a) => a.id, [this.accountsSorted]),
    subjects: new Table<Subject>((s) => s.id, [this.subjectsByEmail, this.subjectsByAccount]),
    processors: new Table<Processor>((p) => p.id, [this.processorsSorted]),
    notices: new Table<Notice>((n) => n.hash),
    // The state index reads the by-subject index, so it comes after it.
    consentEvents: new Table<ConsentEvent>(
      (e) => e.id,
      [
        this.eventsByTime,
        this.eventsBySubject,
        this.eventTotals,
        this.eventsByCombination,
        this.eventsByAccount,
        this.consentStates,
        this.queueTotals,
      ],
    ),
    consentReviews: new Table<ConsentReviewRecord>((r) => r.eventId, [this.reviewsSorted, this.queueTotals]),
    supportAccess: new Table<SupportAccessRecord>((r) => r.id, [this.accessSorted]),
    deletions: new Table<DeletionRequest>((d) => d.id, [this.deletionsSorted]),
    audit: new Table<AuditEvent>((e) => e.id, [this.auditByTime, this.auditTotals]),
    settings: new Table<SettingRecord>((s) => s.key),
  };
  private readonly log: JournalEntry[] = [];
  private readonly listeners = new Set<CommitListener>();
  private tail: Promise<void> = Promise.resolve();
  private closed = false;

  /**
   * A store holding the seed. The seed's objects become the store's own (not copied: a million events
   * would take seconds to clone), so the caller must not change them afterwards.
   * `passwordHashes` maps each seed user's id to the hash of their password.
   */
  static fromSeed(seed: SeedData, passwordHashes: ReadonlyMap<string, string>): MemoryStore {
    const store = new MemoryStore();
    store.tables.users.load(
      seed.users.map((u) => {
        const passwordHash = passwordHashes.get(u.id);
        if (!passwordHash) throw new Error(`No password hash for seed user ${u.id}`);
        return { id: u.id, email: u.email, name: u.name, role: u.role, passwordHash, createdAt: seed.anchor };
      }),
    );
    store.tables.accounts.load(seed.accounts);
    store.tables.subjects.load(seed.subjects);
    store.tables.processors.load(seed.processors);
    store.tables.notices.load(seed.notices);
    store.tables.consentEvents.load(seed.consentEvents);
    store.tables.supportAccess.load(seed.supportAccess);
    store.tables.deletions.load(seed.deletions);
    return store;
  }

  /**
   * Replays writes journaled by an earlier store over the same seed (the demo after a reload). Call it
   * before the store serves requests; the replayed writes are not journaled again.
   */
  applyJournal<K extends TableName>(entries: readonly JournalEntry<K>[]): void {
    for (const entry of entries) this.replay(entry);
  }

  private replay<K extends TableName>(entry: JournalEntry<K>): void {
    const table: Table<TableRecords[K]> = this.tables[entry.table];
    if (entry.op === 'put') table.set(clone(entry.record));
    else table.remove(entry.key);
  }

  /** Every write committed since the store was made, oldest first. */
  journal(): JournalEntry[] {
    return clone(this.log);
  }

  /** Called after each transaction that wrote something commits, with its writes. Answers an unsubscribe. */
  onCommit(listener: CommitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async ping(): Promise<boolean> {
    return !this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
  }

  private async lock(): Promise<() => void> {
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.tail;
    this.tail = previous.then(() => held);
    await previous;
    return release;
  }

  async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('The store is closed');
    const release = await this.lock();
    const state: TxState = { open: true, undo: [], journal: [] };
    try {
      const result = await work(this.tx(state));
      state.open = false;
      if (state.journal.length > 0) this.commit(state.journal);
      return result;
    } catch (err) {
      state.open = false;
      for (let i = state.undo.length - 1; i >= 0; i--) state.undo[i]?.();
      throw err;
    } finally {
      release();
    }
  }

  private commit(entries: JournalEntry[]): void {
    this.log.push(...entries);
    if (this.listeners.size === 0) return;
    const copy = clone(entries);
    for (const listener of this.listeners) {
      try {
        listener(copy);
      } catch (err) {
        // The commit stands: a listener that fails (persistence) must not turn it into an error.
        console.error('A commit listener failed', err);
      }
    }
  }

  private write<K extends TableName>(state: TxState, name: K, key: string, record: TableRecords[K] | null): void {
    const table: Table<TableRecords[K]> = this.tables[name];
    const previous = record === null ? table.remove(key) : table.set(clone(record));
    if (record === null && previous === undefined) return;
    state.undo.push(() => {
      if (previous === undefined) table.remove(key);
      else table.set(previous);
    });
    const entry: JournalEntry<K> =
      record === null ? { table: name, op: 'delete', key } : { table: name, op: 'put', key, record: clone(record) };
    // A JournalEntry<K> is one of JournalEntry's members; TypeScript cannot follow a generic K that far.
    state.journal.push(entry as JournalEntry);
  }

  private tx(state: TxState): Tx {
    const t = this.tables;
    const guard = (): void => {
      if (!state.open) throw new Error('This transaction has ended: use the store inside its callback only');
    };
    const read = <K extends TableName>(name: K, key: string): TableRecords[K] | null => {
      guard();
      const table: Table<TableRecords[K]> = t[name];
      const row = table.get(key);
      return row === undefined ? null : clone(row);
    };
    const insert = <K extends TableName>(name: K, record: TableRecords[K]): void => {
      guard();
      const table: Table<TableRecords[K]> = t[name];
      const key = table.keyOf(record);
      if (table.get(key) !== undefined) throw new Error(`Duplicate key: ${name} ${key}`);
      this.write(state, name, key, record);
    };
    const put = <K extends TableName>(name: K, record: TableRecords[K]): void => {
      guard();
      const table: Table<TableRecords[K]> = t[name];
      this.write(state, name, table.keyOf(record), record);
    };
    const update = <K extends 'processors' | 'supportAccess' | 'deletions'>(
      name: K,
      record: TableRecords[K],
      expectedVersion: number,
    ): boolean => {
      guard();
      const table: Table<TableRecords[K]> = t[name];
      const key = table.keyOf(record);
      const current = table.get(key);
      if (current === undefined || current.version !== expectedVersion) return false;
      this.write(state, name, key, record);
      return true;
    };
    const remove = (name: TableName, key: string): void => {
      guard();
      this.write(state, name, key, null);
    };

    return {
      users: {
        get: async (id) => read('users', id),
        getByEmail: async (email) => {
          guard();
          const user = this.usersByEmail.get(email.toLowerCase())[0];
          return user ? clone(user) : null;
        },
        insert: async (user) => insert('users', user),
        list: async () => {
          guard();
          return [...t.users.values()].sort((a, b) => cmp(a.email, b.email) || cmp(a.id, b.id)).map(clone);
        },
      },
      sessions: {
        get: async (tokenHash) => read('sessions', tokenHash),
        insert: async (session) => insert('sessions', session),
        delete: async (tokenHash) => remove('sessions', tokenHash),
      },
      signInAttempts: {
        get: async (email) => read('signInAttempts', email),
        put: async (attempts) => put('signInAttempts', attempts),
        delete: async (email) => remove('signInAttempts', email),
      },
      accounts: {
        get: async (id) => read('accounts', id),
        list: async (query) => {
          guard();
          return this.listAccounts(query);
        },
        insert: async (account) => insert('accounts', account),
        markCancelled: async (id, cancelledAt) => {
          guard();
          const current = t.accounts.get(id);
          if (current === undefined || current.status !== 'active') return false;
          put('accounts', { ...current, status: 'cancelled', cancelledAt });
          return true;
        },
      },
      subjects: {
        get: async (id) => read('subjects', id),
        findByEmail: async (email) => {
          guard();
          return [...this.subjectsByEmail.get(email.toLowerCase())].sort((a, b) => cmp(a.id, b.id)).map(clone);
        },
        listByAccount: async (accountId) => {
          guard();
          return [...this.subjectsByAccount.get(accountId)].sort((a, b) => cmp(a.id, b.id)).map(clone);
        },
        insert: async (subject) => insert('subjects', subject),
      },
      processors: {
        get: async (id) => read('processors', id),
        list: async () => {
          guard();
          return this.processorsSorted.sorted(processorsByName).map(clone);
        },
        insert: async (processor) => insert('processors', processor),
        update: async (processor, expectedVersion) => update('processors', processor, expectedVersion),
      },
      notices: {
        get: async (hash) => read('notices', hash),
        latest: async () => {
          guard();
          const newest = new Map<ConsentPurpose, Notice>();
          for (const n of t.notices.values()) {
            const seen = newest.get(n.purpose);
            if (!seen || n.publishedAt > seen.publishedAt) newest.set(n.purpose, n);
          }
          return [...newest.values()].map(clone);
        },
        insert: async (notice) => insert('notices', notice),
      },
      consentEvents: {
        get: async (id) => read('consentEvents', id),
        list: async (query) => {
          guard();
          return this.listConsentEvents(query);
        },
        listBySubject: async (subjectId) => {
          guard();
          return [...this.eventsBySubject.get(subjectId)].sort(eventsOldest.compare).map(clone);
        },
        listByAccount: async (accountId, limit) => {
          guard();
          return [...this.eventsByAccount.get(accountId)].sort(eventsNewest.compare).slice(0, limit).map(clone);
        },
        countByMonth: async (from, to, timeZone) => {
          guard();
          return this.countByMonth(from, to, timeZone);
        },
        countByPurpose: async (action, from, to) => {
          guard();
          const rows = this.eventsByTime.rows;
          const counts: Partial<Record<ConsentPurpose, number>> = {};
          for (let i = lowerBound(rows, (e) => e.occurredAt < to); i < rows.length; i++) {
            const e = rows[i] as ConsentEvent;
            if (e.occurredAt < from) break;
            if (e.action === action) counts[e.purpose] = (counts[e.purpose] ?? 0) + 1;
          }
          return counts;
        },
        insert: async (event) => insert('consentEvents', event),
      },
      consentStates: {
        get: async (subjectId, purpose) => {
          guard();
          const state = this.consentStates.get(subjectId, purpose);
          return state ? clone(state) : null;
        },
        list: async (query) => {
          guard();
          return this.listConsentStates(query);
        },
        reviewQueue: async (query) => {
          guard();
          return this.reviewQueue(query);
        },
      },
      consentReviews: {
        get: async (eventId) => read('consentReviews', eventId),
        list: async (query) => {
          guard();
          const rows = this.reviewsSorted.sorted(reviewsNewest);
          const matches = (r: ConsentReviewRecord): boolean =>
            (!query.reason || r.reasons.includes(query.reason)) &&
            (!query.purpose || t.consentEvents.get(r.eventId)?.purpose === query.purpose);
          const after = afterCursor(rows, reviewsNewest, query.cursor);
          const page = pageOf(rows, { start: 0, end: rows.length, after }, matches, query.limit, reviewsNewest);
          return {
            ...page,
            items: page.items.map((r) => {
              const event = t.consentEvents.get(r.eventId);
              if (!event) throw new Error(`Review of a missing event ${r.eventId}`);
              return { ...r, event: clone(event) };
            }),
          };
        },
        insert: async (review) => {
          guard();
          if (t.consentReviews.get(review.eventId)) throw new ApiError('conflict', 'This event has been reviewed already');
          insert('consentReviews', review);
        },
      },
      supportAccess: {
        get: async (id) => read('supportAccess', id),
        list: async (query) => {
          guard();
          return this.listSupportAccess(query);
        },
        findOpen: async (accountId, requesterId) => {
          guard();
          const open = this.accessSorted
            .sorted(accessOrderings.newest)
            .find((r) => r.accountId === accountId && r.requesterId === requesterId && OPEN_ACCESS.has(r.status));
          return open ? clone(open) : null;
        },
        listLapsed: async (now) => {
          guard();
          return this.accessSorted
            .sorted(accessOrderings.oldest)
            .filter(
              (r) =>
                (r.status === 'pending' && r.decideBy <= now) || (r.status === 'active' && r.grantEndsAt !== null && r.grantEndsAt <= now),
            )
            .map(clone);
        },
        insert: async (request) => insert('supportAccess', request),
        update: async (request, expectedVersion) => update('supportAccess', request, expectedVersion),
      },
      deletions: {
        get: async (id) => read('deletions', id),
        list: async (query) => {
          guard();
          return this.listDeletions(query);
        },
        insert: async (request) => insert('deletions', request),
        update: async (request, expectedVersion) => update('deletions', request, expectedVersion),
      },
      audit: {
        list: async (query) => {
          guard();
          return this.listAudit(query);
        },
        insert: async (event) => insert('audit', event),
      },
      settings: {
        get: async (key) => read('settings', key)?.value ?? null,
        set: async (key, value) => put('settings', { key, value }),
      },
    };
  }

  private listAccounts(query: AccountQuery): Page<Account> {
    const rows = this.accountsSorted.sorted(accountsByName);
    const hosting = anyOf(query.hosting);
    const status = anyOf(query.status);
    const q = query.q?.trim().toLowerCase();
    const matches = (a: Account): boolean =>
      (!hosting || hosting.includes(a.hosting)) &&
      (!status || status.includes(a.status)) &&
      (!q || a.name.toLowerCase().includes(q) || a.id === query.q?.trim());
    const after = afterCursor(rows, accountsByName, query.cursor);
    return pageOf(rows, { start: 0, end: rows.length, after }, matches, query.limit, accountsByName);
  }

  private listConsentEvents(query: ConsentListQuery): Page<ConsentEvent> {
    const subjectIds = query.subjectIds ? new Set(query.subjectIds) : null;
    if (query.subjectId && subjectIds && !subjectIds.has(query.subjectId)) return { items: [], nextCursor: null, total: 0 };
    const subjects = query.subjectId ? [query.subjectId] : subjectIds ? [...subjectIds] : null;
    // A person's events come from their index; the whole ledger is kept newest first already.
    const { from, to } = query;
    if (!subjects && (query.purpose || query.action || query.channel || query.noticeVersion)) {
      return mergedPage(this.eventsByCombination.matching(query), query);
    }
    const rows = subjects ? subjects.flatMap((id) => this.eventsBySubject.get(id)).sort(eventsNewest.compare) : this.eventsByTime.rows;
    const start = to ? lowerBound(rows, (e) => e.occurredAt < nextDayStart(to)) : 0;
    const end = from ? lowerBound(rows, (e) => e.occurredAt < dayStart(from)) : rows.length;
    const matches = (e: ConsentEvent): boolean =>
      (!query.purpose || e.purpose === query.purpose) &&
      (!query.action || e.action === query.action) &&
      (!query.channel || e.channel === query.channel) &&
      (!query.noticeVersion || e.noticeVersion === query.noticeVersion);
    const after = afterCursor(rows, eventsNewest, query.cursor);
    const { cursor: _cursor, limit: _limit, ...filters } = query;
    return pageOf(rows, { start, end: Math.max(start, end), after }, matches, query.limit, eventsNewest, {
      cache: this.eventTotals,
      filters,
    });
  }

  private countByMonth(from: string, to: string, timeZone: string): MonthlyCount[] {
    const starts = monthStarts(from, to, timeZone);
    const counts = new Map<string, MonthlyCount>();
    const rows = this.eventsByTime.rows;
    for (let i = lowerBound(rows, (e) => e.occurredAt < to); i < rows.length; i++) {
      const e = rows[i] as ConsentEvent;
      if (e.occurredAt < from) break;
      // The last month that starts at or before the event.
      const at = lowerBound(starts, (m) => m.start > e.occurredAt) - 1;
      const month = starts[at]?.month;
      if (!month) continue;
      const key = `${month}|${e.purpose}|${e.action}`;
      const row = counts.get(key);
      if (row) row.count += 1;
      else counts.set(key, { month, purpose: e.purpose, action: e.action as ConsentAction, count: 1 });
    }
    return [...counts.values()];
  }

  private listConsentStates(query: ConsentStateQuery): Page<ConsentStateRecord> {
    const rows = this.consentStates.sorted(statesBySubject);
    const matches = (r: ConsentStateRecord): boolean =>
      (!query.purpose || r.event.purpose === query.purpose) && (!query.state || r.event.action === query.state);
    const after = afterCursor(rows, statesBySubject, query.cursor);
    return pageOf(rows, { start: 0, end: rows.length, after }, matches, query.limit, statesBySubject);
  }

  private reviewQueue(query: ReviewQueueQuery): Page<ConsentStateRecord> {
    const rows = this.consentStates.sorted(statesNewest);
    const reviews = this.tables.consentReviews;
    const matches = (r: ConsentStateRecord): boolean => {
      if (query.purpose && r.event.purpose !== query.purpose) return false;
      if (reviews.get(r.event.id)) return false;
      const reasons = reviewReasonsFor(r, query);
      return query.reason ? reasons.includes(query.reason) : reasons.length > 0;
    };
    const after = afterCursor(rows, statesNewest, query.cursor);
    const { cursor: _cursor, limit: _limit, ...filters } = query;
    return pageOf(rows, { start: 0, end: rows.length, after }, matches, query.limit, statesNewest, { cache: this.queueTotals, filters });
  }

  private listSupportAccess(query: SupportAccessListQuery): Page<SupportAccessRecord> {
    const ordering = accessOrderings[query.sort];
    const rows = this.accessSorted.sorted(ordering);
    const status = anyOf(query.status);
    const q = query.q?.trim().toLowerCase();
    const matches = (r: SupportAccessRecord): boolean =>
      (!status || status.includes(r.status)) &&
      (!query.requesterId || r.requesterId === query.requesterId) &&
      (!query.accountId || r.accountId === query.accountId) &&
      inDateRange(r.createdAt, query.from, query.to) &&
      (!q || r.ticketRef.toLowerCase().includes(q) || r.accountName.toLowerCase().includes(q) || r.id === query.q?.trim()) &&
      (!query.awaiting || (r.status === 'pending' && (r.consent === null) === (query.awaiting === 'consent'))) &&
      (!query.grantEndsAfter || (r.grantEndsAt !== null && r.grantEndsAt > query.grantEndsAfter)) &&
      (!query.grantEndsBefore || (r.grantEndsAt !== null && r.grantEndsAt <= query.grantEndsBefore));
    const after = afterCursor(rows, ordering, query.cursor);
    return pageOf(rows, { start: 0, end: rows.length, after }, matches, query.limit, ordering);
  }

  private listDeletions(query: DeletionListQuery): Page<DeletionRequest> {
    const rows = this.deletionsSorted.sorted(deletionsByDue);
    const status = anyOf(query.status);
    const matches = (d: DeletionRequest): boolean =>
      (!status || status.includes(d.status)) &&
      (!query.accountId || d.accountId === query.accountId) &&
      (!query.dueBefore || d.dueAt < query.dueBefore) &&
      (query.held === undefined || d.holds.length > 0 === query.held) &&
      (!query.openOnly || !CLOSED_DELETION.has(d.status));
    const after = afterCursor(rows, deletionsByDue, query.cursor);
    return pageOf(rows, { start: 0, end: rows.length, after }, matches, query.limit, deletionsByDue);
  }

  private listAudit(query: AuditQuery): Page<AuditEvent> {
    const rows = this.auditByTime.rows;
    const { from, to } = query;
    const start = to ? lowerBound(rows, (e) => e.at < nextDayStart(to)) : 0;
    const end = from ? lowerBound(rows, (e) => e.at < dayStart(from)) : rows.length;
    const action = query.action?.trim();
    const matches = (e: AuditEvent): boolean =>
      (!query.actorId || e.actorId === query.actorId) &&
      (!action || e.action === action || e.action.startsWith(`${action}.`)) &&
      (!query.recordType || e.recordType === query.recordType) &&
      (!query.recordId || e.recordId === query.recordId);
    const after = afterCursor(rows, auditNewest, query.cursor);
    const { cursor: _cursor, limit: _limit, ...filters } = query;
    return pageOf(rows, { start, end: Math.max(start, end), after }, matches, query.limit, auditNewest, {
      cache: this.auditTotals,
      filters,
    });
  }
}
