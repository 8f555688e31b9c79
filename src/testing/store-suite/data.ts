import { expect } from 'vitest';
import type { Account, Subject } from '@/api/contract/accounts';
import type { AuditEvent, RecordType } from '@/api/contract/audit';
import type { Page } from '@/api/contract/common';
import type { ConsentAction, ConsentChannel, ConsentEvent, ConsentPurpose, Notice } from '@/api/contract/consent';
import type { DeletionRequest, DeletionStatus } from '@/api/contract/deletions';
import type { Processor } from '@/api/contract/processors';
import type { AccessStatus } from '@/api/contract/support-access';
import type { SupportAccessRecord, UserRecord } from '@/api/store/schemas';
import type { Store, Tx } from '@/api/store/store';
import {
  makeAccount,
  makeAudit,
  makeConsentEvent,
  makeDeletion,
  makeProcessor,
  makeSession,
  makeSupportAccess,
  makeUser,
} from '@/testing/fixtures';

/** A fresh, empty store of the kind under test, and how to dispose of it. */
/**
 * Changes (or, when `change` answers null, deletes) a stored audit or consent event behind the store's back,
 * as the database's owner could: SQL disables the append-only trigger around an UPDATE, the MemoryStore
 * has a test-only path. Only the hash-chain tests use it.
 */
export type Tamper = (
  chain: 'audit' | 'consent',
  id: string,
  change: (record: Record<string, unknown>) => Record<string, unknown> | null,
) => Promise<void>;

export type StoreMaker = () => Promise<{ store: Store; cleanup(): Promise<void>; tamper?: Tamper }>;

/**
 * A store of the kind under test for one describe block: made empty and loaded with `load` before its
 * tests, disposed of after. `run` is one transaction on it.
 */
export function storeFor(
  make: StoreMaker,
  hooks: { beforeAll(fn: () => Promise<void>): void; afterAll(fn: () => Promise<void>): void },
  load?: (store: Store) => Promise<void>,
) {
  let made: Awaited<ReturnType<StoreMaker>> | undefined;
  hooks.beforeAll(async () => {
    made = await make();
    if (load) await load(made.store);
  });
  hooks.afterAll(async () => {
    await made?.cleanup();
  });
  const store = (): Store => {
    if (!made) throw new Error('The store is made in beforeAll');
    return made.store;
  };
  return { store, run: <T>(work: (tx: Tx) => Promise<T>): Promise<T> => store().transaction(work) };
}

type Keyed = { id: string };
export const ids = (rows: readonly Keyed[]): string[] => rows.map((r) => r.id);

export function nth<T>(rows: readonly T[], i: number): T {
  const row = rows[i];
  if (row === undefined) throw new Error(`No fixture at ${i}`);
  return row;
}

/** Sorts by a key of strings and numbers, compared as the stores compare them (UTF-16 code units). */
export function sortBy<T>(rows: readonly T[], key: (r: T) => readonly (string | number)[]): T[] {
  return [...rows].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) {
      const x = ka[i] ?? '';
      const y = kb[i] ?? '';
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return 0;
  });
}

/** Follows cursors to the end, checking each page's size and the first page's `total` on the way. */
export async function collect<T extends Keyed>(
  fetch: (cursor: string | undefined) => Promise<Page<T>>,
  limit: number,
  expectedTotal?: number,
): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await fetch(cursor);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    if (page.total !== undefined && expectedTotal !== undefined) expect(page.total).toBe(expectedTotal);
    rows.push(...page.items);
    if (page.nextCursor === null) {
      if (expectedTotal !== undefined) expect(rows).toHaveLength(expectedTotal);
      expect(new Set(ids(rows)).size).toBe(rows.length);
      return rows;
    }
    expect(page.items).toHaveLength(limit);
    cursor = page.nextCursor;
  }
  throw new Error('Paging did not end');
}

const BASE = Date.parse('2026-03-10T12:00:00.000Z');
const HOUR = 3_600_000;
/** An instant `hours` before the base instant (2026-03-10 12:00 UTC). */
export const T = (hours: number): string => new Date(BASE - hours * HOUR).toISOString();
export const pad2 = (n: number): string => String(n).padStart(2, '0');

const accountNames = [
  'Acme',
  'acme',
  'Beta Labs',
  'Acme',
  'Zeta',
  'beta labs',
  'Émile & Co',
  'Delta',
  'ACME Holdings',
  'delta',
  'Gamma',
  'Omega Beta',
  'Zeta',
  'alpha',
  'Alpha',
  'Kappa',
  'Acme Two',
  'Sigma',
  'Tau',
  'Upsilon',
  'Phi',
  'Chi',
  'Psi',
];

export function fixtureAccount(n: number, name: string): Account {
  const cancelled = n % 5 === 0 || n % 7 === 0;
  return makeAccount({
    id: `acc_${pad2(n)}`,
    name,
    hosting: n % 3 === 0 ? 'self_hosted' : 'cloud',
    plan: n % 4 === 0 ? 'trial' : 'paid',
    status: cancelled ? 'cancelled' : 'active',
    primaryRegion: n % 3 === 0 ? null : n % 2 === 0 ? 'US' : 'CA',
    createdAt: T(1000 + n),
    cancelledAt: cancelled ? T(100 + n) : null,
    peopleCount: 2,
  });
}

export const purposes: ConsentPurpose[] = [
  'marketing_emails',
  'analytics_cookies',
  'call_recording',
  'advertising_cookies',
  'product_research',
];
export const channels: ConsentChannel[] = ['sign_up_form', 'cookie_banner', 'email_link', 'call', 'account_settings'];

/**
 * The notice an event was given under: each purpose has its own (a hash names one text, so one purpose), an
 * older and the newest for the two purposes with notices.
 */
function noticeHashOf(purpose: ConsentPurpose, i: number): string {
  if (purpose === 'marketing_emails') return (i % 6 === 0 ? 'c' : 'd').repeat(64);
  if (purpose === 'analytics_cookies') return (i % 4 === 0 ? '9' : 'e').repeat(64);
  return 'b'.repeat(64);
}

/** The `i`th event of the fixtures: purposes, actions, channels, notice versions and evidence cycle with `i`. */
export function fixtureEvent(id: string, subjectId: string, occurredAt: string, i: number): ConsentEvent {
  const action: ConsentAction = i % 3 === 1 ? 'withdrawn' : 'granted';
  return makeConsentEvent({
    id,
    subjectId,
    accountId: null,
    email: null,
    purpose: purposes[i % purposes.length] ?? 'marketing_emails',
    action,
    occurredAt,
    recordedAt: occurredAt,
    channel: channels[(i * 7) % channels.length] ?? 'call',
    noticeVersion: i % 4 === 0 ? 'v2' : 'v1',
    noticeHash: noticeHashOf(purposes[i % purposes.length] ?? 'marketing_emails', i),
    evidence: i % 2 === 0 ? null : { userAgent: 'Test', ipHash: 'b'.repeat(64) },
    recordedBy: i % 5 === 0 ? { kind: 'staff', userId: 'usr_1', name: 'Officer' } : { kind: 'subject' },
  });
}

const auditActions = ['session.sign_in', 'deletion.approve', 'deletion.reject', 'support_access.create', 'deletionx.other'];
const recordTypes: RecordType[] = ['session', 'deletion_request', 'deletion_request', 'support_access_request', 'processor'];

export function fixtureAudit(id: string, at: string, i: number): AuditEvent {
  return makeAudit({
    id,
    at,
    actorId: i % 4 === 3 ? null : `usr_${(i % 3) + 1}`,
    actorName: 'Someone',
    actorRole: null,
    action: auditActions[i % auditActions.length] ?? 'session.sign_in',
    recordType: recordTypes[i % recordTypes.length] ?? 'session',
    recordId: `sar_${pad2((i % 6) + 1)}`,
    summary: `Event ${i}`,
    changes: i % 2 ? [{ field: 'status', before: 'a', after: 'b' }] : [],
  });
}

export const taskTemplate = {
  systemId: 'prc_1',
  systemName: 'Stripe',
  kind: 'processor' as const,
  outcome: null,
  resolvedBy: null,
  resolvedAt: null,
  reference: null,
  notifiedAt: null,
  rollOffOn: null,
  connector: null,
};

const accessStatuses: AccessStatus[] = ['pending', 'active', 'denied', 'expired', 'revoked', 'withdrawn', 'ended', 'cancelled'];
const deletionStatuses: DeletionStatus[] = ['pending_review', 'approved', 'in_progress', 'completed', 'rejected'];

export type Fixtures = ReturnType<typeof fixtures>;

/**
 * Small, hand-shaped data: names that differ only in case, instants shared by several rows (so the id
 * must break ties), rows on the edges of date ranges, ids not in insertion order. It keeps every rule
 * (one open request per agent and account, one open deletion per account, unique processor names).
 */
export function fixtures() {
  const users: UserRecord[] = [
    makeUser({ id: 'usr_1', email: 'officer@demo.test', name: 'Officer', role: 'privacy_officer', passwordHash: 'h1', createdAt: T(5000) }),
    makeUser({ id: 'usr_2', email: 'agent@demo.test', name: 'Agent', role: 'support_agent', passwordHash: 'h2', createdAt: T(5000) }),
    makeUser({ id: 'usr_3', email: 'Auditor@Demo.test', name: 'Auditor', role: 'auditor', passwordHash: 'h3', createdAt: T(5000) }),
  ];
  const accounts = accountNames.map((name, i) => fixtureAccount(i + 1, name));
  const subjects: Subject[] = [];
  for (let i = 1; i <= 12; i++) {
    subjects.push({
      id: `sub_${pad2(i)}`,
      kind: 'person',
      accountId: `acc_${pad2(((i - 1) % 6) + 1)}`,
      name: `Person ${i}`,
      email: i === 2 ? 'Ann.Shared@example.com' : i === 9 ? 'ann.shared@EXAMPLE.com' : `p${i}@acc${i}.example`,
      accountRole: i <= 6 ? 'owner' : 'member',
    });
  }
  subjects.push({ id: 'sub_v1', kind: 'visitor', accountId: null, name: null, email: null, accountRole: null });

  // Two names differ only in case: one of them retired, as the unique-name rule allows.
  const processorNames = ['Stripe', 'crisp', 'Help Scout', 'Zoom', 'Crisp'];
  const processors: Processor[] = processorNames.map((name, i) =>
    makeProcessor({
      id: `prc_${i + 1}`,
      name,
      legalEntity: `${name} Inc.`,
      status: i === 1 ? 'retired' : 'active',
      createdAt: T(4000),
      updatedAt: T(4000),
    }),
  );
  const notices: Notice[] = [
    { hash: 'c'.repeat(64), purpose: 'marketing_emails', version: 'v1', text: 'One', publishedAt: T(9000) },
    { hash: 'd'.repeat(64), purpose: 'marketing_emails', version: 'v2', text: 'Two', publishedAt: T(3000) },
    { hash: 'e'.repeat(64), purpose: 'analytics_cookies', version: 'v1', text: 'Cookies', publishedAt: T(3000) },
    { hash: '9'.repeat(64), purpose: 'analytics_cookies', version: 'v0', text: 'Cookies, before', publishedAt: T(9000) },
  ];

  const consentEvents: ConsentEvent[] = [];
  for (let i = 0; i < 120; i++) {
    // Three events share each instant; ids run against insertion order.
    const id = `ce_${String((i * 37) % 120).padStart(3, '0')}`;
    consentEvents.push(fixtureEvent(id, `sub_${pad2((i % 12) + 1)}`, T(Math.floor(i / 3) * 5), i));
  }
  consentEvents.push(fixtureEvent('ce_edge_from', 'sub_01', '2026-03-05T00:00:00.000Z', 1));
  consentEvents.push(fixtureEvent('ce_edge_to', 'sub_02', '2026-03-07T23:59:59.999Z', 2));
  consentEvents.push(fixtureEvent('ce_edge_after', 'sub_03', '2026-03-08T00:00:00.000Z', 3));
  consentEvents.push(fixtureEvent('ce_edge_before', 'sub_04', '2026-03-04T23:59:59.999Z', 4));

  const access: SupportAccessRecord[] = [];
  for (let i = 1; i <= 24; i++) {
    const account = nth(accounts, (i - 1) % 6);
    const created = T(Math.floor(i / 2) * 7);
    access.push(
      makeSupportAccess({
        id: `sar_${pad2(i)}`,
        status: accessStatuses[i % accessStatuses.length] ?? 'pending',
        accountId: account.id,
        accountName: account.name,
        requesterId: i % 3 === 0 ? 'usr_1' : 'usr_2',
        requesterName: 'Agent',
        ticketRef: i === 7 ? 'HS-Special-7' : `HS-${100 + i}`,
        reason: 'Testing',
        durationHours: 4,
        createdAt: created,
        decideBy: new Date(Date.parse(created) + 12 * HOUR).toISOString(),
        hasCredentials: i % 4 === 0,
        // Some grants end at the same instant, some have no end yet.
        grantEndsAt: i % 3 === 0 ? null : T(Math.floor(i / 3) * 10 - 20),
        timeline: [{ at: created, actorId: 'usr_2', actorName: 'Agent', action: 'Requested', note: null }],
      }),
    );
  }
  // The open request findOpen must find, beside a closed one of the same agent and account.
  access.push({ ...nth(access, 4), id: 'sar_open', accountId: 'acc_05', accountName: 'Zeta', requesterId: 'usr_2', status: 'active' });
  access.push({ ...nth(access, 4), id: 'sar_closed', accountId: 'acc_05', accountName: 'Zeta', requesterId: 'usr_2', status: 'ended' });
  // One open request per agent and account: the later ones of a pair are history.
  const open = new Set<string>();
  for (const r of [...access].reverse()) {
    if (r.status !== 'pending' && r.status !== 'active') continue;
    const key = `${r.accountId} ${r.requesterId}`;
    if (open.has(key)) r.status = 'ended';
    open.add(key);
  }

  const deletions: DeletionRequest[] = [];
  const openDeletion = new Set<string>();
  for (let i = 1; i <= 24; i++) {
    const account = nth(accounts, (i - 1) % 12);
    let status = deletionStatuses[i % deletionStatuses.length] ?? 'pending_review';
    // One open deletion per account: the others are closed.
    if (status !== 'completed' && status !== 'rejected') {
      if (openDeletion.has(account.id)) status = 'completed';
      openDeletion.add(account.id);
    }
    deletions.push(
      makeDeletion({
        id: `del_${pad2(i)}`,
        status,
        accountId: account.id,
        accountName: account.name,
        origin: i % 4 === 0 ? 'erasure_request' : 'cancellation',
        receivedAt: T(700),
        // Pairs share a deadline.
        dueAt: T(Math.floor(i / 2) * 24 - 100),
        holds:
          i % 5 === 0
            ? [
                {
                  id: `hold_${i}`,
                  system: 'Stripe',
                  data: 'Invoices',
                  legalReason: 'Tax law',
                  until: '2036-01-01',
                  createdBy: 'usr_1',
                  createdAt: T(600),
                },
              ]
            : [],
        tasks: i % 2 === 0 ? [{ ...taskTemplate, id: `task_${i}` }] : [],
        createdAt: T(700),
      }),
    );
  }
  deletions.push(
    makeDeletion({ id: 'del_tie_a', status: 'completed', accountId: 'acc_13', accountName: 'Zeta', dueAt: T(-36), createdAt: T(700) }),
  );
  deletions.push(
    makeDeletion({ id: 'del_tie_b', status: 'rejected', accountId: 'acc_13', accountName: 'Zeta', dueAt: T(-36), createdAt: T(700) }),
  );

  const audit: AuditEvent[] = [];
  for (let i = 0; i < 70; i++) audit.push(fixtureAudit(`aud_${String((i * 31) % 70).padStart(3, '0')}`, T(Math.floor(i / 2) * 3), i));
  audit.push({ ...fixtureAudit('aud_prefix_trap', T(1), 4), action: 'deletionx.other' });

  return { users, accounts, subjects, processors, notices, consentEvents, access, deletions, audit };
}

/** Loads the fixtures through the Store interface, in one transaction. */
export async function load(store: Store, data: Fixtures): Promise<void> {
  await store.transaction(async (tx) => {
    for (const u of data.users) await tx.users.insert(u);
    for (const a of data.accounts) await tx.accounts.insert(a);
    for (const s of data.subjects) await tx.subjects.insert(s);
    for (const p of data.processors) await tx.processors.insert(p);
    for (const n of data.notices) await tx.notices.insert(n);
    for (const e of data.consentEvents) await tx.consentEvents.insert(e);
    for (const r of data.access) await tx.supportAccess.insert(r);
    for (const d of data.deletions) await tx.deletions.insert(d);
    for (const e of data.audit) await tx.audit.insert(e);
    await tx.sessions.insert(makeSession({ tokenHash: 'session_1', userId: 'usr_1', createdAt: T(1), expiresAt: T(-11) }));
  });
}
