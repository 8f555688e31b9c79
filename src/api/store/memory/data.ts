import type { ConsentEvent } from '@/api/contract/consent';
import { NotFoundError, UniqueViolationError } from '@/api/store/errors';
import type { TableName, TableRecords } from '@/api/store/schemas';
import { eventsNewest, lowerBound } from './paging';
import { PersonIndex } from './person-index';

type Tables = { [K in TableName]: Map<string, TableRecords[K]> };

/** Each table's key, as SQL's primary keys (emails compare in lower case there). */
export const keyOf: { [K in TableName]: (record: TableRecords[K]) => string } = {
  users: (r) => r.id,
  sessions: (r) => r.tokenHash,
  signInThrottle: (r) => r.key,
  knownAddresses: (r) => `${r.userId}\u0000${r.address}`,
  accounts: (r) => r.id,
  subjects: (r) => r.id,
  processors: (r) => r.id,
  connectorCredentials: (r) => r.processorId,
  notices: (r) => r.hash,
  consentEvents: (r) => r.id,
  consentReviews: (r) => r.eventId,
  supportAccess: (r) => r.id,
  supportAccessSecrets: (r) => r.requestId,
  supportAccessLinks: (r) => r.tokenHash,
  deletions: (r) => r.id,
  mailMessages: (r) => r.id,
  audit: (r) => r.id,
  settings: (r) => r.key,
  breaches: (r) => r.id,
  chainLinks: (r) => `${r.chain}\u0000${r.seq}`,
  chainHeads: (r) => r.chain,
  chainAnchors: (r) => `${r.chain}\u0000${r.anchoredAt}`,
  apiTokens: (r) => r.id,
  machineRequests: (r) => r.key,
  webhooks: (r) => r.id,
  webhookDeliveries: (r) => r.id,
  dpaDocuments: (r) => r.processorId,
};

/** A person's current consent for one purpose: the newest event, and the newest grant (for its channel). */
export type HeldState = { event: ConsentEvent; grant: ConsentEvent | null };

const stateKey = (subjectId: string, purpose: string): string => `${subjectId}\u0000${purpose}`;
const newer = (a: ConsentEvent, than: ConsentEvent | null): boolean => than === null || eventsNewest.compare(a, than) < 0;

/**
 * What a MemoryStore holds: one map per table, plus the two things that plain scans of a map cannot give
 * fast enough at the demo's 100,000 events: the ledger kept newest first, and each person's current
 * consent per purpose (SQL keeps the same in consent_states, by trigger).
 */
export class MemoryData {
  readonly tables: Tables = {
    users: new Map(),
    sessions: new Map(),
    signInThrottle: new Map(),
    knownAddresses: new Map(),
    accounts: new Map(),
    subjects: new Map(),
    processors: new Map(),
    connectorCredentials: new Map(),
    notices: new Map(),
    consentEvents: new Map(),
    consentReviews: new Map(),
    supportAccess: new Map(),
    supportAccessSecrets: new Map(),
    supportAccessLinks: new Map(),
    deletions: new Map(),
    mailMessages: new Map(),
    audit: new Map(),
    settings: new Map(),
    breaches: new Map(),
    chainLinks: new Map(),
    chainHeads: new Map(),
    chainAnchors: new Map(),
    apiTokens: new Map(),
    machineRequests: new Map(),
    webhooks: new Map(),
    webhookDeliveries: new Map(),
    dpaDocuments: new Map(),
  };
  /** The ledger, newest first (occurredAt, then id, both descending). */
  readonly events: ConsentEvent[] = [];
  /**
   * Each person's current consent per purpose, folded from the ledger when first read (not when the store is
   * made: a store made from the demo's 50,000 events answers its first requests without it), then kept up to
   * date by each write.
   */
  private held: Map<string, HeldState> | null = null;
  private personIndex: PersonIndex | null = null;

  get states(): Map<string, HeldState> {
    return (this.held ??= this.fold());
  }

  /** The ledger is newest first: each key's first event is its newest, its first grant the newest grant. */
  private fold(): Map<string, HeldState> {
    const states = new Map<string, HeldState>();
    for (const e of this.events) {
      const key = stateKey(e.subjectId, e.purpose);
      const held = states.get(key);
      if (!held) states.set(key, { event: e, grant: e.action === 'granted' ? e : null });
      else if (held.grant === null && e.action === 'granted') held.grant = e;
    }
    return states;
  }

  /** The person-search index over the subjects as they stand (built again after subjects change). */
  people(): PersonIndex {
    return (this.personIndex ??= new PersonIndex(this.tables.subjects));
  }

  get<K extends TableName>(table: K, key: string): TableRecords[K] | undefined {
    const rows: Map<string, TableRecords[K]> = this.tables[table];
    return rows.get(key);
  }

  rows<K extends TableName>(table: K): TableRecords[K][] {
    const rows: Map<string, TableRecords[K]> = this.tables[table];
    return [...rows.values()];
  }

  /** Stores `record` under `key` (null removes it) and answers what was there. */
  write<K extends TableName>(table: K, key: string, record: TableRecords[K] | null): TableRecords[K] | undefined {
    const rows: Map<string, TableRecords[K]> = this.tables[table];
    const previous = rows.get(key);
    if (record === null) rows.delete(key);
    else rows.set(key, record);
    if (table === 'subjects') this.personIndex = null;
    if (table === 'consentEvents') {
      const [before, after] = [previous, record] as [ConsentEvent | undefined, ConsentEvent | null];
      if (before) this.removeEvent(before);
      if (after) this.addEvent(after);
    }
    return previous;
  }

  /** Loads many new events at once: one sort instead of one insertion each. */
  loadEvents(events: readonly ConsentEvent[]): void {
    for (const e of events) {
      this.tables.consentEvents.set(e.id, e);
      this.events.push(e);
    }
    this.events.sort(eventsNewest.compare);
    // Folded again from the whole ledger when next read.
    this.held = null;
  }

  private addEvent(e: ConsentEvent): void {
    this.events.splice(
      lowerBound(this.events, (x) => eventsNewest.compare(x, e) > 0),
      0,
      e,
    );
    this.track(e);
  }

  /** One new event in the states, once they have been folded (until then the fold will include it). */
  private track(e: ConsentEvent): void {
    const states = this.held;
    if (!states) return;
    const key = stateKey(e.subjectId, e.purpose);
    const held = states.get(key);
    const grant = e.action === 'granted' && newer(e, held?.grant ?? null) ? e : (held?.grant ?? null);
    states.set(key, { event: held && !newer(e, held.event) ? held.event : e, grant });
  }

  /** Only a rolled-back insert removes an event (the ledger is append-only): rare, so a scan will do. */
  private removeEvent(e: ConsentEvent): void {
    const at = this.events.indexOf(e);
    if (at >= 0) this.events.splice(at, 1);
    if (!this.held) return;
    const key = stateKey(e.subjectId, e.purpose);
    this.held.delete(key);
    for (const other of this.events) if (other.subjectId === e.subjectId && other.purpose === e.purpose) this.track(other);
  }

  state(subjectId: string, purpose: string): HeldState | undefined {
    return this.states.get(stateKey(subjectId, purpose));
  }

  /**
   * The rules SQL's constraints keep (migrations 001 and 004), for a record about to be written under `key`
   * as a new row (`inserting`) or over the one there: references must exist, unique rules must hold.
   */
  check<K extends TableName>(table: K, key: string, record: TableRecords[K], inserting: boolean): void {
    if (inserting && this.get(table, key) !== undefined)
      throw new UniqueViolationError(table === 'consentReviews' ? 'consent_review' : 'key', table);
    const t = this.tables;
    const needs = (target: TableName, id: string | null) => {
      if (id !== null && !this.get(target, id))
        throw new NotFoundError(target, `The ${target} record this ${table} record refers to does not exist`);
    };
    const clash = <T>(rows: Map<string, T>, same: (other: T) => boolean) =>
      [...rows.entries()].some(([k, other]) => k !== key && same(other));
    const entry = { table, record } as { [T in TableName]: { table: T; record: TableRecords[T] } }[TableName];
    switch (entry.table) {
      case 'users': {
        const email = entry.record.email.toLowerCase();
        if (clash(t.users, (u) => u.email.toLowerCase() === email)) throw new UniqueViolationError('user_email', table);
        break;
      }
      case 'sessions':
        needs('users', entry.record.userId);
        if (clash(t.sessions, (o) => o.id === entry.record.id)) throw new UniqueViolationError('key', table);
        break;
      case 'knownAddresses':
        needs('users', entry.record.userId);
        break;
      case 'subjects':
        needs('accounts', entry.record.accountId);
        break;
      case 'processors': {
        const p = entry.record;
        const name = p.name.toLowerCase();
        if (p.status !== 'retired' && clash(t.processors, (o) => o.status !== 'retired' && o.name.toLowerCase() === name)) {
          throw new UniqueViolationError('processor_name', table);
        }
        break;
      }
      case 'connectorCredentials':
      case 'dpaDocuments':
        needs('processors', entry.record.processorId);
        break;
      case 'supportAccessSecrets':
      case 'supportAccessLinks':
        needs('supportAccess', entry.record.requestId);
        break;
      case 'consentEvents':
        needs('subjects', entry.record.subjectId);
        needs('accounts', entry.record.accountId);
        break;
      case 'consentReviews':
        needs('consentEvents', entry.record.eventId);
        break;
      case 'apiTokens':
        if (clash(t.apiTokens, (o) => o.tokenHash === entry.record.tokenHash)) throw new UniqueViolationError('key', table);
        break;
      case 'supportAccess': {
        const r = entry.record;
        needs('accounts', r.accountId);
        const open = (s: string) => s === 'pending' || s === 'active';
        if (
          open(r.status) &&
          clash(t.supportAccess, (o) => open(o.status) && o.accountId === r.accountId && o.requesterId === r.requesterId)
        ) {
          throw new UniqueViolationError('open_support_access', table);
        }
        break;
      }
      case 'deletions': {
        const d = entry.record;
        if (d.accountId !== null) needs('accounts', d.accountId);
        const open = (s: string) => s !== 'completed' && s !== 'rejected';
        const same = (o: typeof d) => (d.person ? o.person?.subjectId === d.person.subjectId : !o.person && o.accountId === d.accountId);
        if (open(d.status) && clash(t.deletions, (o) => open(o.status) && same(o))) {
          throw new UniqueViolationError('open_deletion', table);
        }
        break;
      }
      default:
        break;
    }
  }
}
