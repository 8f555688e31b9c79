import type { AuditAction } from '@/api/contract/audit-actions';
import type { Account, TimelineItem } from '@/api/contract/accounts';
import type {
  AddBreachNotification,
  AssessBreach,
  Breach,
  BreachAffected,
  BreachDrafts,
  BreachInput,
  BreachListItem,
  BreachNotification,
  BreachQuery,
  BreachView,
  EditBreachNotification,
  SendBreachNotification,
  UpdateBreach,
} from '@/api/contract/breaches';
import { breachListItem } from '@/api/contract/breaches';
import { listedFields } from './list-items';
import type { Page } from '@/api/contract/common';
import type { EmailExport } from '@/api/contract/email-exports';
import type { DataCategory, Processor } from '@/api/contract/processors';
import { ApiError } from '@/api/errors';
import { breachDrafts as draftsOf } from '@/api/rules/breach-drafts';
import type { SystemBasis } from '@/api/rules/breach-scope';
import { accountHeldDuring, breachWindow, grantedDuring, holdsVisitors, systemBasis } from '@/api/rules/breach-scope';
import {
  breachActions,
  breachClocks,
  breachDecision,
  closedRefusal,
  closeBlocker,
  dueReminders,
  isLate,
  nextPhase,
  notificationEditBlocker,
  peopleMustBeTold,
} from '@/api/rules/breaches';
import { toCsv } from '@/api/rules/exports';
import { instantInWords, localDate } from '@/api/rules/time';
import type { Tx } from '@/api/store/store';
import type { Actor, Ctx, FileResult } from './context';
import { audit, checkVersion, diff, enforce, newId, notFound } from './context';
import { emailExposure } from './email-exports';
import { queueMail } from './mail';
import { readSettings } from './settings';

const editable = [
  'title',
  'description',
  'occurredFrom',
  'occurredTo',
  'awareAt',
  'reportedBy',
  'systems',
  'dataCategories',
  'concerns',
  'status',
] as const satisfies readonly (keyof Breach)[];

function view(breach: Breach, actor: Actor, now: Date, customerHours: number): BreachView {
  return {
    ...breach,
    clocks: breachClocks(breach, now, customerHours),
    peopleMustBeTold: peopleMustBeTold(breach),
    actions: breachActions(breach, actor.user),
  };
}

async function customerHoursOf(tx: Tx): Promise<number> {
  return (await readSettings(tx)).breachCustomerNoticeHours;
}

/** A breach as a list answers it: its clocks as of now, by the same rule as its own answer. */
function listItem(breach: Breach, now: Date, customerHours: number): BreachListItem {
  return {
    ...listedFields(breachListItem.shape, breach),
    clocks: breachClocks(breach, now, customerHours),
    peopleMustBeTold: peopleMustBeTold(breach),
  };
}

export async function listBreaches(ctx: Ctx, query: BreachQuery): Promise<Page<BreachListItem>> {
  return ctx.deps.store.transaction(async (tx) => {
    const hours = await customerHoursOf(tx);
    const page = await tx.breaches.list(query);
    return { ...page, items: page.items.map((b) => listItem(b, ctx.now, hours)) };
  });
}

async function load(tx: Tx, id: string): Promise<Breach> {
  const b = await tx.breaches.get(id);
  if (!b) throw notFound('Breach');
  return b;
}

export async function getBreach(ctx: Ctx, actor: Actor, id: string): Promise<BreachView> {
  return ctx.deps.store.transaction(async (tx) => view(await load(tx, id), actor, ctx.now, await customerHoursOf(tx)));
}

const invalid = (field: string, message: string): ApiError => new ApiError('validation_failed', message, { [field]: message });

/** The times of a breach must tell a possible story: it happened, then we learnt of it, and not in the future. */
function checkTimes(b: Pick<Breach, 'occurredFrom' | 'occurredTo' | 'awareAt'>, latestAwareness: string, creating: boolean): void {
  if (b.awareAt > latestAwareness) {
    throw invalid(
      'awareAt',
      creating
        ? 'Cannot be in the future: the clock starts when we became aware'
        : 'Cannot be later than when the breach was recorded: the clock started by then',
    );
  }
  if (b.occurredFrom > b.awareAt) throw invalid('occurredFrom', 'Cannot be after we became aware of it');
  if (b.occurredTo !== null && b.occurredTo < b.occurredFrom) throw invalid('occurredTo', 'Cannot be before the start of the range');
}

async function systemsOf(tx: Tx, ids: readonly string[]): Promise<{ systems: Breach['systems']; processors: Processor[] }> {
  const processors: Processor[] = [];
  for (const id of [...new Set(ids)]) {
    const p = await tx.processors.get(id);
    if (!p) throw invalid('systemIds', 'Pick systems from the registry: one of them is not there');
    processors.push(p);
  }
  return { systems: processors.map((p) => ({ processorId: p.id, name: p.name, kind: p.kind })), processors };
}

/** Every account whose data was held during the window, read a page at a time. */
async function accountsHeld(tx: Tx, window: { from: string; to: string }, contentOnly: boolean): Promise<Account[]> {
  const held: Account[] = [];
  let cursor: string | undefined;
  do {
    const page = await tx.accounts.list({ cursor, limit: 1000 });
    for (const a of page.items) if (accountHeldDuring(a, window, contentOnly)) held.push(a);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return held;
}

type Scope = {
  affected: BreachAffected;
  accounts: Map<string, Account>;
  people: { subjectId: string; accountId: string | null }[];
};

/**
 * Who a breach reaches, from its systems: the consents on record at the time for a consent-based processor
 * (rules/breach-scope), the accounts held then for the others. Estimates: a person counted by the ledger may
 * also be among an account's people.
 */
async function computeScope(tx: Tx, ctx: Ctx, breach: Breach, processors: readonly Processor[]): Promise<Scope> {
  const window = breachWindow(breach);
  const contentOnly = breach.concerns === 'customer_content';
  const accounts = new Map<string, Account>();
  const people = new Map<string, { subjectId: string; accountId: string | null }>();
  let heldAccounts: Account[] | null = null;
  let visitorsUnknown = false;
  const categories = new Set<DataCategory>(breach.dataCategories);
  const systems: BreachAffected['systems'] = [];
  for (const p of processors) {
    const basis: SystemBasis = systemBasis(p);
    for (const c of p.dataCategories) if (breach.dataCategories.length === 0) categories.add(c);
    if (basis.kind === 'consent') {
      const found = await tx.consentEvents.grantedDuring(basis.purposes, window.from, window.to);
      let accountCount = 0;
      const seen = new Set<string>();
      for (const person of found) {
        people.set(person.subjectId, person);
        if (person.accountId && !seen.has(person.accountId)) {
          seen.add(person.accountId);
          accountCount += 1;
          const a = await tx.accounts.get(person.accountId);
          if (a) accounts.set(a.id, a);
        }
      }
      const visitors = found.filter((x) => x.accountId === null).length;
      systems.push({
        processorId: p.id,
        name: p.name,
        basis: `People whose consent (${basis.purposes.join(', ').replace(/_/g, ' ')}) was granted at the time, from the consent ledger`,
        accounts: accountCount,
        people: found.length - visitors,
        visitors,
      });
    } else if (basis.kind === 'accounts') {
      heldAccounts ??= await accountsHeld(tx, window, contentOnly);
      for (const a of heldAccounts) accounts.set(a.id, a);
      if (holdsVisitors(p)) visitorsUnknown = true;
      systems.push({
        processorId: p.id,
        name: p.name,
        basis: contentOnly ? 'Cloud accounts held at the time, with their people' : 'Accounts held at the time, with their people',
        accounts: heldAccounts.length,
        people: heldAccounts.reduce((n, a) => n + a.peopleCount, 0),
        visitors: holdsVisitors(p) ? null : 0,
      });
    } else {
      if (holdsVisitors(p)) visitorsUnknown = true;
      systems.push({
        processorId: p.id,
        name: p.name,
        basis: 'Holds no account or consent data we can count',
        accounts: 0,
        people: 0,
        visitors: holdsVisitors(p) ? null : 0,
      });
    }
  }
  const listed = [...people.values()];
  const ledgerPeople = listed.filter((x) => x.accountId !== null && !(heldAccounts ?? []).some((a) => a.id === x.accountId)).length;
  const accountPeople = (heldAccounts ?? []).reduce((n, a) => n + a.peopleCount, 0);
  const visitors = listed.filter((x) => x.accountId === null).length;
  return {
    affected: {
      computedAt: ctx.now.toISOString(),
      dataCategories: [...categories],
      accounts: accounts.size,
      people: accountPeople + ledgerPeople,
      visitors: visitorsUnknown ? null : visitors,
      systems,
    },
    accounts,
    people: listed,
  };
}

async function processorsOf(tx: Tx, breach: Breach): Promise<Processor[]> {
  const out: Processor[] = [];
  for (const s of breach.systems) {
    const p = await tx.processors.get(s.processorId);
    if (p) out.push(p);
  }
  return out;
}

export async function createBreach(ctx: Ctx, actor: Actor, input: BreachInput): Promise<BreachView> {
  const now = ctx.now.toISOString();
  checkTimes(input, now, true);
  return ctx.deps.store.transaction(async (tx) => {
    const { systems, processors } = await systemsOf(tx, input.systemIds);
    const { systemIds: _ids, ...fields } = input;
    const breach: Breach = {
      ...fields,
      id: newId('brc'),
      version: 1,
      ownerId: actor.user.id,
      ownerName: actor.user.name,
      systems,
      status: 'open',
      affected: null,
      scopeChangedAt: null,
      assessment: null,
      notifications: [],
      createdAt: now,
      createdBy: actor.user.id,
      updatedAt: now,
      closedAt: null,
    };
    breach.affected = (await computeScope(tx, ctx, breach, processors)).affected;
    await tx.breaches.insert(breach);
    await audit(tx, ctx, actor, {
      action: 'breach.create',
      recordType: 'breach',
      recordId: breach.id,
      summary: `Recorded the breach "${breach.title}"; the 72-hour clock started at ${instantInWords(breach.awareAt, ctx.timeZone)}`,
      changes: diff<Breach>({}, breach, editable),
    });
    return view(breach, actor, ctx.now, await customerHoursOf(tx));
  });
}

export async function updateBreach(ctx: Ctx, actor: Actor, id: string, version: number, patch: UpdateBreach): Promise<BreachView> {
  return ctx.deps.store.transaction(async (tx) => {
    const current = await load(tx, id);
    checkVersion(version, current.version);
    // Closing answers as the record's `close` action does; any other change to a closed breach is refused.
    if (patch.status === 'closed') enforce(closeBlocker(current));
    else if (current.status === 'closed') enforce(closedRefusal);
    const { systemIds, ...fields } = patch;
    const next: Breach = { ...current, ...fields, version: current.version + 1, updatedAt: ctx.now.toISOString() };
    if (systemIds) next.systems = (await systemsOf(tx, systemIds)).systems;
    checkTimes(next, current.createdAt, false);
    if (patch.status === 'closed') next.closedAt = ctx.now.toISOString();
    const changes = diff(current, next, editable);
    const scopeFields = ['systems', 'occurredFrom', 'occurredTo', 'concerns'];
    if (changes.some((c) => scopeFields.includes(c.field))) next.scopeChangedAt = ctx.now.toISOString();
    await tx.breaches.update(next, current.version);
    await audit(tx, ctx, actor, {
      action: patch.status === 'closed' ? 'breach.close' : 'breach.update',
      recordType: 'breach',
      recordId: id,
      summary:
        patch.status === 'closed'
          ? `Closed the breach "${next.title}"`
          : changes.length
            ? `Changed ${changes.map((c) => c.field).join(', ')} of the breach "${next.title}"`
            : `Saved the breach "${next.title}" without changes`,
      changes,
    });
    return view(next, actor, ctx.now, await customerHoursOf(tx));
  });
}

export async function refreshBreachAffected(ctx: Ctx, actor: Actor, id: string, version: number): Promise<BreachView> {
  return ctx.deps.store.transaction(async (tx) => {
    const current = await load(tx, id);
    checkVersion(version, current.version);
    if (current.status === 'closed') enforce(closedRefusal);
    const scope = await computeScope(tx, ctx, current, await processorsOf(tx, current));
    const next: Breach = {
      ...current,
      affected: scope.affected,
      scopeChangedAt: null,
      version: current.version + 1,
      updatedAt: ctx.now.toISOString(),
    };
    await tx.breaches.update(next, current.version);
    await audit(tx, ctx, actor, {
      action: 'breach.refresh_affected',
      recordType: 'breach',
      recordId: id,
      summary: `Counted who is affected: ${scope.affected.accounts} accounts, ${scope.affected.people} people`,
      changes: diff(current, next, ['affected']),
    });
    return view(next, actor, ctx.now, await customerHoursOf(tx));
  });
}

/**
 * The accounts and the people the ledger names, as CSV; audited. Their email addresses are masked unless an
 * officer asks for them in clear and says why (to send the people's notice, Art. 34), as any export of them.
 */
export async function exportBreachAffected(ctx: Ctx, actor: Actor, id: string, choice: EmailExport): Promise<FileResult> {
  // Before anything is read: a refusal leaves no file and no audit event.
  const emails = emailExposure(actor, choice);
  const body = await ctx.deps.store.transaction(async (tx) => {
    const breach = await load(tx, id);
    const scope = await computeScope(tx, ctx, breach, await processorsOf(tx, breach));
    const rows: (string | number | null)[][] = [['type', 'id', 'name', 'email', 'account_id', 'account_name', 'hosting', 'people']];
    for (const a of [...scope.accounts.values()].sort((x, y) => (x.id < y.id ? -1 : 1))) {
      rows.push(['account', a.id, a.name, null, a.id, a.name, a.hosting, a.peopleCount]);
    }
    for (const p of scope.people) {
      const s = await tx.subjects.get(p.subjectId);
      const a = p.accountId ? scope.accounts.get(p.accountId) : undefined;
      rows.push([
        s?.kind ?? 'person',
        p.subjectId,
        s?.name ?? null,
        emails.show(s?.email),
        p.accountId,
        a?.name ?? null,
        a?.hosting ?? null,
        null,
      ]);
    }
    await audit(tx, ctx, actor, {
      action: 'breach.export_affected',
      recordType: 'breach',
      recordId: id,
      summary: `Exported who the breach "${breach.title}" affects: ${scope.accounts.size} accounts, ${scope.people.length} people named, ${emails.note}`,
    });
    return toCsv(rows.map((r) => r.map((c) => (c === null ? null : String(c)))));
  });
  return {
    file: { filename: `breach-${id}-affected-${localDate(ctx.now, ctx.timeZone)}.csv`, contentType: 'text/csv; charset=utf-8', body },
  };
}

export async function assessBreach(ctx: Ctx, actor: Actor, id: string, version: number, input: AssessBreach): Promise<BreachView> {
  return ctx.deps.store.transaction(async (tx) => {
    const current = await load(tx, id);
    checkVersion(version, current.version);
    if (current.status === 'closed') enforce(closedRefusal);
    const decision = breachDecision(input.likelihood, input.severity, input.exception);
    const next: Breach = {
      ...current,
      assessment: { ...input, decision, assessedAt: ctx.now.toISOString(), assessedBy: actor.user.id, assessedByName: actor.user.name },
      version: current.version + 1,
      updatedAt: ctx.now.toISOString(),
    };
    await tx.breaches.update(next, current.version);
    await audit(tx, ctx, actor, {
      action: 'breach.assess',
      recordType: 'breach',
      recordId: id,
      summary: `Assessed the risk as ${input.likelihood} likelihood, ${input.severity} severity: ${decision.replace(/_/g, ' ')}`,
      changes: diff(current, next, ['assessment']),
    });
    return view(next, actor, ctx.now, await customerHoursOf(tx));
  });
}

export async function breachDrafts(ctx: Ctx, actor: Actor, id: string): Promise<BreachDrafts> {
  return ctx.deps.store.transaction(async (tx) => {
    const breach = await load(tx, id);
    const owner = (await tx.users.get(breach.ownerId)) ?? actor.user;
    return draftsOf(breach, { name: owner.name, email: owner.email }, ctx.now, ctx.timeZone);
  });
}

async function writeNotification(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  change: (current: Breach, hours: number) => { next: Breach; action: AuditAction; summary: string },
): Promise<BreachView> {
  return ctx.deps.store.transaction(async (tx) => {
    const current = await load(tx, id);
    checkVersion(version, current.version);
    const hours = await customerHoursOf(tx);
    const { next, action, summary } = change(current, hours);
    const updated: Breach = { ...next, version: current.version + 1, updatedAt: ctx.now.toISOString() };
    await tx.breaches.update(updated, current.version);
    await audit(tx, ctx, actor, {
      action,
      recordType: 'breach',
      recordId: id,
      summary,
      changes: diff(current, updated, ['notifications']),
    });
    return view(updated, actor, ctx.now, hours);
  });
}

const audienceLabel = { authority: 'the supervisory authority', people: 'the people affected', customers: 'the customers' } as const;

export function addBreachNotification(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: AddBreachNotification,
): Promise<BreachView> {
  return writeNotification(ctx, actor, id, version, (current) => {
    if (current.status === 'closed') enforce(closedRefusal);
    const n: BreachNotification = {
      id: newId('bnt'),
      ...input,
      status: 'draft',
      phase: null,
      sentAt: null,
      late: false,
      delayReasons: null,
      createdAt: ctx.now.toISOString(),
      createdBy: actor.user.id,
      recordedBy: null,
      recordedByName: null,
    };
    return {
      next: { ...current, notifications: [...current.notifications, n] },
      action: 'breach.notification_draft',
      summary: `Drafted a notification to ${audienceLabel[input.audience]}`,
    };
  });
}

function findDraft(current: Breach, notificationId: string): BreachNotification {
  enforce(notificationEditBlocker(current, notificationId));
  const n = current.notifications.find((x) => x.id === notificationId);
  if (!n) throw invalid('notificationId', 'No such notification on this breach');
  return n;
}

export function editBreachNotification(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: EditBreachNotification,
): Promise<BreachView> {
  return writeNotification(ctx, actor, id, version, (current) => {
    const n = findDraft(current, input.notificationId);
    const edited: BreachNotification = { ...n, recipient: input.recipient ?? n.recipient, text: input.text ?? n.text };
    return {
      next: { ...current, notifications: current.notifications.map((x) => (x.id === n.id ? edited : x)) },
      action: 'breach.notification_edit',
      summary: `Edited the draft notification to ${audienceLabel[n.audience]}`,
    };
  });
}

/** Records a draft as sent: its text is kept as it went out; a first notice past its deadline gives the reasons (Art. 33(1)). */
export function sendBreachNotification(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: SendBreachNotification,
): Promise<BreachView> {
  return writeNotification(ctx, actor, id, version, (current, hours) => {
    const n = findDraft(current, input.notificationId);
    const sentAt = input.sentAt ?? ctx.now.toISOString();
    if (sentAt > ctx.now.toISOString()) throw invalid('sentAt', 'Cannot be in the future: record a notice once it has gone out');
    if (sentAt < current.awareAt) throw invalid('sentAt', 'Cannot be before we became aware of the breach');
    const late = isLate(current, n.audience, new Date(sentAt), hours);
    const reasons = input.delayReasons?.trim() || null;
    if (late && !reasons) {
      throw invalid('delayReasons', 'This notice is past its deadline: give the reasons for the delay (GDPR Art. 33(1))');
    }
    const phase = nextPhase(current, n.audience);
    const sent: BreachNotification = {
      ...n,
      status: 'sent',
      sentAt,
      phase,
      late,
      delayReasons: reasons,
      recordedBy: actor.user.id,
      recordedByName: actor.user.name,
    };
    return {
      next: { ...current, notifications: current.notifications.map((x) => (x.id === n.id ? sent : x)) },
      action: 'breach.notification_send',
      summary: `Recorded the ${phase === 1 ? 'notification' : `phase ${phase} notification`} to ${audienceLabel[n.audience]} as sent at ${instantInWords(sentAt, ctx.timeZone)}${late ? ', late, with the reasons for the delay' : ''}`,
    };
  });
}

/**
 * The reminders at 24, 48 and 66 hours from awareness, while a notice is still due: one message per breach,
 * hour and person (owner and every officer), kept from repeating by the outbox's dedupe key.
 */
export async function sweepBreachReminders(ctx: Ctx): Promise<void> {
  const open = await ctx.deps.store.transaction(
    async (tx) => (await tx.breaches.list({ status: ['open', 'contained'], limit: 200 })).items,
  );
  for (const b of open) {
    await ctx.deps.store.transaction(async (tx) => {
      const hours = await customerHoursOf(tx);
      const due = dueReminders(b, ctx.now, hours);
      if (due.length === 0) return;
      const hour = due[due.length - 1] ?? 0;
      const recipients = (await tx.users.list()).filter((u) => u.role === 'privacy_officer' || u.id === b.ownerId);
      const clocks = breachClocks(b, ctx.now, hours).filter((c) => c.state === 'running' || c.state === 'missed');
      const lines = clocks.map((c) => `- ${c.audience === 'authority' ? 'Supervisory authority' : 'Customers'}: due ${c.deadline}`);
      for (const u of recipients) {
        await queueMail(tx, ctx, {
          dedupeKey: `breach-reminder:${b.id}:${hour}:${u.id}`,
          to: u.email,
          subject: `Breach "${b.title}": ${hour} hours since we became aware`,
          text: [
            `The breach "${b.title}" (${b.id}) is at hour ${hour} of its clock. Notices still due:`,
            ...lines,
            '',
            'Open it in the Privacy Console under Breaches.',
          ].join('\n'),
          purpose: 'breach_reminder',
        });
      }
    });
  }
}

/** The open breaches, soonest deadline first, for the dashboard. */
export async function openBreachesSummary(tx: Tx, ctx: Ctx) {
  const hours = await customerHoursOf(tx);
  const open = (await tx.breaches.list({ status: ['open', 'contained'], limit: 50 })).items;
  return open.map((b) => {
    const clocks = breachClocks(b, ctx.now, hours);
    const running = clocks.filter((c) => c.state === 'running' || c.state === 'missed').sort((x, y) => (x.deadline < y.deadline ? -1 : 1));
    return {
      id: b.id,
      title: b.title,
      status: b.status,
      awareAt: b.awareAt,
      nextDeadline: running[0]?.deadline ?? null,
      nextAudience: running[0]?.audience ?? null,
      remindersDue: dueReminders(b, ctx.now, hours).length,
    };
  });
}

/** The breaches that reached an account, for its timeline: held by a system then, or one of its people in the ledger's count. */
export async function breachTimelineItems(tx: Tx, account: Account): Promise<TimelineItem[]> {
  const items: TimelineItem[] = [];
  const all = (await tx.breaches.list({ limit: 200 })).items;
  if (all.length === 0) return items;
  const events = await tx.consentEvents.listByAccount(account.id, 1000);
  for (const b of all) {
    const window = breachWindow(b);
    let reached = false;
    for (const s of b.systems) {
      const p = await tx.processors.get(s.processorId);
      if (!p) continue;
      const basis = systemBasis(p);
      if (basis.kind === 'accounts' && accountHeldDuring(account, window, b.concerns === 'customer_content')) reached = true;
      if (basis.kind === 'consent') {
        const bySubject = new Map<string, typeof events>();
        for (const e of events) {
          if (!basis.purposes.includes(e.purpose)) continue;
          const key = `${e.subjectId}\u0000${e.purpose}`;
          bySubject.set(key, [...(bySubject.get(key) ?? []), e]);
        }
        if ([...bySubject.values()].some((list) => grantedDuring(list, window.from, window.to))) reached = true;
      }
      if (reached) break;
    }
    if (!reached) continue;
    items.push({
      at: b.awareAt,
      kind: 'breach',
      recordType: 'breach',
      recordId: b.id,
      title: `Breach: ${b.title}`,
      detail: `Became aware; ${b.status}`,
    });
    for (const n of b.notifications) {
      if (n.status !== 'sent' || !n.sentAt || n.audience === 'authority') continue;
      items.push({
        at: n.sentAt,
        kind: 'breach',
        recordType: 'breach',
        recordId: b.id,
        title: `Breach notice sent to ${n.audience === 'people' ? 'the people affected' : 'customers'}`,
        detail: b.title,
      });
    }
  }
  return items;
}
