import type { AuditEvent } from '@/api/contract/audit';
import type { Breach } from '@/api/contract/breaches';
import type { Processor } from '@/api/contract/processors';
import { NotFoundError, VersionConflictError } from '@/api/store/errors';
import type {
  ApiTokenRecord,
  WebhookDeliveryRecord,
  WebhookRecord,
  MailMessageRecord,
  StoreSnapshot,
  TableName,
  TableRecords,
} from '@/api/store/schemas';
type ChainLinkRecord = TableRecords['chainLinks'];
import type { MemoryJobQueue } from '@/api/jobs/memory-queue';
import type { JobSender } from '@/api/jobs/queue';
import type { ErasableTable, ErasureCounts } from '@/api/store/erasure';
import { erasableTables, eraseRecord } from '@/api/store/erasure';
import type { Store, Tx } from '@/api/store/store';
import { noJobQueue } from '@/api/store/store';
import type { ChainName } from '@/api/contract/ledger-chain';
import type { ChainHasher, PendingLink } from '@/api/store/chain';
import { DEMO_CHAIN_KEY, extendChain, GENESIS, sealPending, webChainHasher } from '@/api/store/chain';
import { consentRepositories } from './consent';
import { keyOf, MemoryData } from './data';
import { auditNewest, clone, ordering, pageOf } from './paging';
import { peopleRepositories } from './people';
import { requestRepositories } from './requests';

/** One committed write: the new record of a key, or its removal. Replaying them in order rebuilds the state. */
export type JournalEntry<K extends TableName = TableName> = {
  [P in K]: { table: P; op: 'put'; key: string; record: TableRecords[P] } | { table: P; op: 'delete'; key: string };
}[K];

export type CommitListener = (entries: readonly JournalEntry[]) => void;

type Versioned =
  'processors' | 'supportAccess' | 'deletions' | 'mailMessages' | 'breaches' | 'apiTokens' | 'webhooks' | 'webhookDeliveries';

/** What the repositories of one transaction share: reads and writes that keep the undo log and the journal. */
export type Ops = {
  data: MemoryData;
  /** Throws once the transaction has ended. */
  guard: () => void;
  /** A copy of the record under `key`, or null. */
  read: <K extends TableName>(table: K, key: string) => TableRecords[K] | null;
  /** Adds a new record, checking its key, its references and the unique rules. */
  insert: <K extends TableName>(table: K, record: TableRecords[K]) => void;
  /** Adds or replaces, without checks (counters, touched sessions). */
  put: <K extends TableName>(table: K, record: TableRecords[K]) => void;
  /** Replaces a versioned record when the stored version is `expectedVersion`. */
  update: <K extends Versioned>(table: K, record: TableRecords[K], expectedVersion: number) => void;
  remove: (table: TableName, key: string) => void;
  /** An audit or consent event just inserted: it is linked into its chain when the transaction commits. */
  chained: (pending: PendingLink) => void;
};

/** Tables that take new records only (SQL's triggers say the same); the erasure alone rewrites them. */
const appendOnly: ReadonlySet<TableName> = new Set(['audit', 'consentEvents']);

type TxState = { open: boolean; undo: (() => void)[]; journal: JournalEntry[]; jobs: JobSender; pending: PendingLink[] };

export type MemoryStoreOptions = {
  /** The in-page job queue that jobs sent in a transaction join when it commits. */
  jobs?: MemoryJobQueue;
  /** The key of the consent events' email seals (api/store/chain); the demo's own when absent. */
  chainKey?: string;
};

const processorsByName = ordering<Processor>((p) => [p.name, p.id], [1, 1]);
const breachesNewest = ordering<Breach>((b) => [b.awareAt, b.id], [-1, -1]);
const mailNewest = ordering<MailMessageRecord>((m) => [m.createdAt, m.id], [-1, -1]);
const tokensNewest = ordering<ApiTokenRecord>((t) => [t.createdAt, t.id], [-1, -1]);
const webhooksNewest = ordering<WebhookRecord>((w) => [w.createdAt, w.id], [-1, -1]);
const deliveriesNewest = ordering<WebhookDeliveryRecord>((d) => [d.createdAt, d.id], [-1, -1]);

/**
 * The Store in memory: the browser demo and fast tests. Transactions run one at a time (an async mutex)
 * and undo their writes when they throw; records go in and come out as copies. Every committed write is
 * journaled, so the demo can persist its changes and replay them over a regenerated seed.
 */
export class MemoryStore implements Store {
  private readonly data = new MemoryData();
  private readonly log: JournalEntry[] = [];
  private readonly listeners = new Set<CommitListener>();
  private tail: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly jobQueue: MemoryJobQueue | undefined;
  private readonly hasher: ChainHasher;
  /** Events loaded from a snapshot: made again from the seed at each load, they precede the chains. */
  private readonly seeded = { audit: new Set<string>(), consent: new Set<string>() };
  /** The snapshot's events, whose ids join `seeded.consent` when the chains are first read (not at load). */
  private seededEvents: readonly { id: string }[] = [];

  constructor(options: MemoryStoreOptions = {}) {
    this.jobQueue = options.jobs;
    this.hasher = webChainHasher(options.chainKey ?? DEMO_CHAIN_KEY);
  }

  /**
   * Tests only: changes a stored audit or consent event in place, as someone with the database in hand could
   * (SQL's tests disable the append-only trigger for the same); `change` answering null removes it. Nothing is journaled or linked.
   */
  tamperForTests(chain: ChainName, id: string, change: (record: Record<string, unknown>) => Record<string, unknown> | null): void {
    const table = chain === 'audit' ? 'audit' : 'consentEvents';
    const current = this.data.get(table, id);
    if (current === undefined) throw new Error(`No ${table} record ${id}`);
    // The record's shape is the tester's business here: that is the point of tampering.
    this.data.write(table, id, change(clone(current) as Record<string, unknown>) as never);
  }

  /**
   * Tests and the demo's test clock only (`POST /api/test/find-in-rows`): the tables whose records, as JSON,
   * contain one of `needles` (ignoring case), and in how many records: the SQL store's scan of every row, here.
   */
  findInRows(needles: readonly string[]): { table: string; needle: string; rows: number }[] {
    const wanted = needles.map((n) => n.toLowerCase());
    const matches: { table: string; needle: string; rows: number }[] = [];
    for (const [table, records] of Object.entries(this.data.tables)) {
      const counts = new Map<string, number>();
      for (const record of records.values()) {
        const text = JSON.stringify(record).toLowerCase();
        for (const n of wanted) if (text.includes(n)) counts.set(n, (counts.get(n) ?? 0) + 1);
      }
      for (const [needle, rows] of counts) matches.push({ table, needle, rows });
    }
    return matches;
  }

  /**
   * A store holding `snapshot`. Its objects become the store's own (not copied: a million events would take
   * seconds to clone), so the caller must not change them afterwards.
   */
  static fromSnapshot(snapshot: StoreSnapshot, options: MemoryStoreOptions = {}): MemoryStore {
    const store = new MemoryStore(options);
    const load = <K extends TableName>(table: K, rows: readonly TableRecords[K][]) => {
      for (const r of rows) store.data.write(table, keyOf[table](r), r);
    };
    load('users', snapshot.users);
    load('accounts', snapshot.accounts);
    load('subjects', snapshot.subjects);
    load('processors', snapshot.processors);
    load('connectorCredentials', snapshot.connectorCredentials);
    load('notices', snapshot.notices);
    store.data.loadEvents(snapshot.consentEvents);
    store.seededEvents = snapshot.consentEvents;
    load('supportAccess', snapshot.supportAccess);
    load('deletions', snapshot.deletions);
    load('breaches', snapshot.breaches ?? []);
    return store;
  }

  /**
   * Replays writes journaled by an earlier store over the same snapshot (the demo after a reload). Call it
   * before the store serves requests; the replayed writes are not journaled again.
   */
  applyJournal<K extends TableName>(entries: readonly JournalEntry<K>[]): void {
    for (const entry of entries) this.data.write<K>(entry.table, entry.key, entry.op === 'put' ? clone(entry.record) : null);
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

  /** Nothing here reaches a disk: a write works while the store is open. */
  async probeWrite(): Promise<boolean> {
    return !this.closed;
  }

  /** A removed record is gone from the maps at once; there is no older page of it to rewrite. */
  async compactSecrets(): Promise<void> {}

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
    const jobs = this.jobQueue?.transaction();
    const state: TxState = { open: true, undo: [], journal: [], jobs: jobs?.sender ?? noJobQueue, pending: [] };
    try {
      const result = await work(this.tx(state));
      await this.link(state);
      state.open = false;
      if (state.journal.length > 0) this.commit(state.journal);
      jobs?.commit();
      return result;
    } catch (err) {
      state.open = false;
      for (let i = state.undo.length - 1; i >= 0; i--) state.undo[i]?.();
      jobs?.rollback();
      throw err;
    } finally {
      release();
    }
  }

  /** Links the transaction's new events into their chains, in the order they were written. */
  private async link(state: TxState): Promise<void> {
    for (const chain of ['audit', 'consent'] as const) {
      const pending = state.pending.filter((p) => p.chain === chain);
      if (pending.length === 0) continue;
      const sealed = await Promise.all(pending.map((p) => sealPending(this.hasher, p)));
      const head = this.data.get('chainHeads', chain) ?? { chain, seq: 0, hash: GENESIS };
      const extended = await extendChain(this.hasher, head, sealed, new Date().toISOString());
      for (const link of extended.links) this.write(state, 'chainLinks', keyOf.chainLinks(link), link);
      this.write(state, 'chainHeads', chain, extended.head);
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

  private write<K extends TableName>(state: TxState, table: K, key: string, record: TableRecords[K] | null): void {
    const stored = record === null ? null : clone(record);
    const previous = this.data.write(table, key, stored);
    if (record === null && previous === undefined) return;
    state.undo.push(() => this.data.write(table, key, previous ?? null));
    // A JournalEntry<K> is one of JournalEntry's members; TypeScript cannot follow a generic K that far.
    state.journal.push((stored === null ? { table, op: 'delete', key } : { table, op: 'put', key, record: clone(stored) }) as JournalEntry);
  }

  private tx(state: TxState): Tx {
    const data = this.data;
    const guard = (): void => {
      if (!state.open) throw new Error('This transaction has ended: use the store inside its callback only');
    };
    const ops: Ops = {
      data,
      guard,
      read: (table, key) => {
        guard();
        const row = data.get(table, key);
        return row === undefined ? null : clone(row);
      },
      insert: (table, record) => {
        guard();
        const key = keyOf[table](record);
        data.check(table, key, record, true);
        this.write(state, table, key, record);
      },
      put: (table, record) => {
        guard();
        const key = keyOf[table](record);
        if (appendOnly.has(table) && data.get(table, key) !== undefined) throw new Error(`${table} is append-only: a change was refused`);
        this.write(state, table, key, record);
      },
      update: (table, record, expectedVersion) => {
        guard();
        const key = keyOf[table](record);
        const current = data.get(table, key);
        if (current === undefined) throw new NotFoundError(table);
        if (current.version !== expectedVersion) throw new VersionConflictError(table);
        data.check(table, key, record, false);
        this.write(state, table, key, record);
      },
      remove: (table, key) => {
        guard();
        this.write(state, table, key, null);
      },
      chained: (pending) => {
        state.pending.push(pending);
      },
    };

    const jobs: JobSender = {
      send: (name, data, options) => {
        guard();
        return state.jobs.send(name, data, options);
      },
    };
    return {
      jobs,
      ...peopleRepositories(ops),
      ...consentRepositories(ops),
      ...requestRepositories(ops),
      processors: {
        get: async (id) => ops.read('processors', id),
        list: async () => {
          guard();
          return data.rows('processors').sort(processorsByName.compare).map(clone);
        },
        insert: async (processor) => ops.insert('processors', processor),
        update: async (processor, expectedVersion) => ops.update('processors', processor, expectedVersion),
      },
      connectorCredentials: {
        get: async (processorId) => ops.read('connectorCredentials', processorId),
        put: async (record) => {
          guard();
          data.check('connectorCredentials', record.processorId, record, false);
          ops.put('connectorCredentials', record);
        },
        delete: async (processorId) => {
          const had = ops.read('connectorCredentials', processorId) !== null;
          ops.remove('connectorCredentials', processorId);
          return had;
        },
      },
      dpaDocuments: {
        get: async (processorId) => ops.read('dpaDocuments', processorId),
        info: async (processorId) => {
          guard();
          const held = data.get('dpaDocuments', processorId);
          if (!held) return null;
          const { content: _bytes, ...info } = held;
          return clone(info);
        },
        put: async (record) => {
          guard();
          data.check('dpaDocuments', record.processorId, record, false);
          ops.put('dpaDocuments', record);
        },
        delete: async (processorId) => {
          const had = ops.read('dpaDocuments', processorId) !== null;
          ops.remove('dpaDocuments', processorId);
          return had;
        },
      },
      breaches: {
        get: async (id) => ops.read('breaches', id),
        list: async (query) => {
          guard();
          const q = query.q?.trim();
          const lower = q?.toLowerCase();
          const matches = (b: Breach): boolean =>
            (!query.status?.length || query.status.includes(b.status)) && (!lower || b.title.toLowerCase().includes(lower) || b.id === q);
          return pageOf(data.rows('breaches').sort(breachesNewest.compare), breachesNewest, matches, query);
        },
        insert: async (breach) => ops.insert('breaches', breach),
        update: async (breach, expectedVersion) => ops.update('breaches', breach, expectedVersion),
      },
      erasure: {
        eraseAccount: async (plan, onRewrite) => {
          guard();
          const counts: ErasureCounts = {};
          const eraseIn = <K extends ErasableTable>(table: K) => {
            for (const record of data.rows(table)) {
              const next = eraseRecord(table, record, plan);
              if (next === null) continue;
              // The one rewrite of the append-only tables: the record keeps its key, only its content changes.
              this.write(state, table, keyOf[table](record), next);
              onRewrite?.(table, record, next);
              counts[table] = (counts[table] ?? 0) + 1;
            }
          };
          for (const table of erasableTables) eraseIn(table);
          return counts;
        },
      },
      audit: {
        list: async (query) => {
          guard();
          const action = query.action?.trim();
          const matches = (e: AuditEvent): boolean =>
            (!query.actorId || e.actorId === query.actorId) &&
            (!action || e.action === action || e.action.startsWith(`${action}.`)) &&
            (!query.recordType || e.recordType === query.recordType) &&
            (!query.recordId || e.recordId === query.recordId) &&
            (!query.since || e.at >= query.since) &&
            (!query.before || e.at < query.before);
          return pageOf(data.rows('audit').sort(auditNewest.compare), auditNewest, matches, query);
        },
        insert: async (event) => {
          ops.insert('audit', event);
          ops.chained({ chain: 'audit', record: event });
        },
      },
      // Transactions here run one at a time already.
      locks: { take: async () => guard() },
      chain: {
        hasher: this.hasher,
        head: async (chain) => ops.read('chainHeads', chain) ?? { chain, seq: 0, hash: GENESIS },
        links: async (chain, afterSeq, limit) => {
          guard();
          const out: { link: ChainLinkRecord; record: unknown }[] = [];
          for (let seq = afterSeq + 1; out.length < limit; seq++) {
            const link = data.get('chainLinks', `${chain}\u0000${seq}`);
            if (!link) break;
            out.push({ link: clone(link), record: ops.read(chain === 'audit' ? 'audit' : 'consentEvents', link.eventId) });
          }
          return out;
        },
        firstUnlinked: async (chain) => {
          guard();
          const linked = new Set(
            data
              .rows('chainLinks')
              .filter((l) => l.chain === chain)
              .map((l) => l.eventId),
          );
          if (chain === 'consent' && this.seededEvents.length > 0) {
            for (const e of this.seededEvents) this.seeded.consent.add(e.id);
            this.seededEvents = [];
          }
          const seeded = this.seeded[chain];
          const rows =
            chain === 'audit'
              ? data.rows('audit').map((e) => ({ id: e.id, at: e.at }))
              : data.events.map((e) => ({ id: e.id, at: e.occurredAt }));
          const unlinked = rows.filter((r) => !linked.has(r.id) && !seeded.has(r.id));
          unlinked.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
          return unlinked[0]?.id ?? null;
        },
        anchor: async (anchor) => ops.insert('chainAnchors', anchor),
        anchors: async (chain, limit) => {
          guard();
          return data
            .rows('chainAnchors')
            .filter((a) => a.chain === chain)
            .sort((a, b) => (a.anchoredAt < b.anchoredAt ? 1 : a.anchoredAt > b.anchoredAt ? -1 : 0))
            .slice(0, limit)
            .map(clone);
        },
      },
      mail: {
        get: async (id) => ops.read('mailMessages', id),
        list: async (query) =>
          pageOf(data.rows('mailMessages').sort(mailNewest.compare), mailNewest, (m) => !query.status || m.status === query.status, query),
        insert: async (message) => ops.insert('mailMessages', message),
        update: async (message, expectedVersion) => ops.update('mailMessages', message, expectedVersion),
      },
      settings: {
        get: async (key) => {
          const setting = ops.read('settings', key);
          return setting && { value: setting.value, version: setting.version };
        },
        put: async (key, value, expectedVersion) => {
          guard();
          if ((data.get('settings', key)?.version ?? 0) !== expectedVersion) throw new VersionConflictError('settings');
          ops.put('settings', { key, value: value ?? null, version: expectedVersion + 1 });
        },
      },
      apiTokens: {
        get: async (id) => ops.read('apiTokens', id),
        getByHash: async (tokenHash) => {
          guard();
          const found = data.rows('apiTokens').find((t) => t.tokenHash === tokenHash);
          return found ? clone(found) : null;
        },
        list: async () => {
          guard();
          return data.rows('apiTokens').sort(tokensNewest.compare).map(clone);
        },
        insert: async (token) => ops.insert('apiTokens', token),
        update: async (token, expectedVersion) => ops.update('apiTokens', token, expectedVersion),
        touch: async (id, at) => {
          const token = ops.read('apiTokens', id);
          if (token && (token.lastUsedAt === null || token.lastUsedAt < at)) ops.put('apiTokens', { ...token, lastUsedAt: at });
        },
      },
      machineRequests: {
        get: async (key) => ops.read('machineRequests', key),
        insert: async (record) => ops.insert('machineRequests', record),
      },
      webhooks: {
        get: async (id) => ops.read('webhooks', id),
        list: async () => {
          guard();
          return data.rows('webhooks').sort(webhooksNewest.compare).map(clone);
        },
        insert: async (webhook) => ops.insert('webhooks', webhook),
        update: async (webhook, expectedVersion) => ops.update('webhooks', webhook, expectedVersion),
      },
      webhookDeliveries: {
        get: async (id) => ops.read('webhookDeliveries', id),
        list: async (limit) => {
          guard();
          return data.rows('webhookDeliveries').sort(deliveriesNewest.compare).slice(0, limit).map(clone);
        },
        insert: async (delivery) => ops.insert('webhookDeliveries', delivery),
        update: async (delivery, expectedVersion) => ops.update('webhookDeliveries', delivery, expectedVersion),
      },
    };
  }
}
