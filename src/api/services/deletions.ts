import type { AuditAction } from '@/api/contract/audit-actions';
import type { Account, AccountView, CancelAccount, Subject } from '@/api/contract/accounts';
import type { Page } from '@/api/contract/common';
import type {
  BulkApproveDeletions,
  BulkApproveResult,
  CertificateContent,
  CertificateIssuer,
  CreateDeletion,
  CreatePersonErasure,
  DeletionCertificate,
  DeletionListItem,
  DeletionQuery,
  DeletionRequest,
  DeletionRequestView,
  ErasurePersonKind,
  LegalHold,
} from '@/api/contract/deletions';
import { deletionListItem } from '@/api/contract/deletions';
import { ApiError } from '@/api/errors';
import { roleLabels } from '@/api/contract/roles';
import { accountActionBlocker } from '@/api/rules/accounts';
import { deletionDueAt, extendedDueAt, MAX_EXTENSION_MONTHS } from '@/api/rules/deadlines';
import {
  deletionActionBlocker,
  deletionActions,
  deletionTasksFor,
  holdCovers,
  holdsDataFor,
  isOpen,
  openTasks,
  proposedHolds,
  systemOpened,
  taskResolveBlocker,
} from '@/api/rules/deletions';
import { redactDeep } from '@/api/rules/erasure';
import { addCalendarDays, dateInWords, dayInWords, localDate } from '@/api/rules/time';
import { newDeletionRequest as newRequestRecord } from '@/api/records';
import { isUniqueViolation } from '@/api/store/errors';
import type { Tx } from '@/api/store/store';
import { accountView, openDeletionOf } from './accounts';
import type { Actor, Ctx } from './context';
import { emitWebhookEvent } from './webhooks';
import { signPayload } from './certificate-signing';
import { CHAIN_REDACTION_ACTION, describeCounts, eraseConsoleCopy, erasurePlanFor } from './erasure';
import { audit, checkVersion, enforce, newId, notFound } from './context';
import { listedFields } from './list-items';
import { endAccessForAccount } from './support-access';
import { connectorRunFor, enqueueConnectorTask } from './deletion-connectors';

/** A request as the caller is answered it: the record and the caller's actions on it now. */
function view(ctx: Ctx, actor: Actor, request: DeletionRequest): DeletionRequestView {
  const today = localDate(ctx.now, ctx.timeZone);
  // The certificate's content is answered by its own endpoint, signed.
  const { certificate: _certificate, ...r } = request;
  return {
    ...r,
    actions: deletionActions(r, actor.user, ctx.now, ctx.timeZone),
    taskRefusals: Object.fromEntries(openTasks(r).map((t) => [t.id, taskResolveBlocker(t, 'any', today)])),
  };
}

/** A request as a list answers it: the fields the list shows and the approval a list offers, from the same rule. */
function listItem(ctx: Ctx, actor: Actor, r: DeletionRequest): DeletionListItem {
  const { approve } = deletionActions(r, actor.user, ctx.now, ctx.timeZone);
  return { ...listedFields(deletionListItem.shape, r), actions: { approve } };
}

export async function listDeletions(ctx: Ctx, actor: Actor, query: DeletionQuery): Promise<Page<DeletionListItem>> {
  const { dueWithinDays, overdue, held, ...rest } = query;
  let dueBefore: string | undefined;
  if (overdue) dueBefore = ctx.now.toISOString();
  else if (dueWithinDays !== undefined) dueBefore = addCalendarDays(ctx.now, dueWithinDays, ctx.timeZone).toISOString();
  const page = await ctx.deps.store.transaction((tx) =>
    tx.deletions.list({ ...rest, dueBefore, held: held ? true : undefined, openOnly: dueBefore !== undefined ? true : undefined }),
  );
  return { ...page, items: page.items.map((r) => listItem(ctx, actor, r)) };
}

async function loadDeletion(ctx: Ctx, id: string): Promise<DeletionRequest> {
  const r = await ctx.deps.store.transaction((tx) => tx.deletions.get(id));
  if (!r) throw notFound('Deletion request');
  return r;
}

export async function getDeletion(ctx: Ctx, actor: Actor, id: string): Promise<DeletionRequestView> {
  const r = await loadDeletion(ctx, id);
  if (!isOpen(r.status)) return view(ctx, actor, r);
  const processors = await ctx.deps.store.transaction((tx) => tx.processors.list());
  const today = localDate(ctx.now, ctx.timeZone);
  const held = (system: string) => r.holds.some((h) => h.system === system);
  let planned = 0;
  return {
    ...view(ctx, actor, r),
    plan: {
      tasks: r.status === 'pending_review' ? deletionTasksFor(processors, today, () => `planned_${++planned}`, holdsDataFor(r)) : [],
      proposedHolds: proposedHolds(processors, today, holdsDataFor(r)).filter((h) => !held(h.system)),
    },
  };
}

function entry(ctx: Ctx, actor: Actor, action: string, note: string | null = null) {
  return { at: ctx.now.toISOString(), actorId: actor.user.id, actorName: actor.user.name, action, note };
}

/** A request as it starts: pending review, due by the deadline its origin sets, recorded by `actor`. */
function newDeletionRequest(
  ctx: Ctx,
  actor: Actor,
  account: { id: string | null; name: string },
  origin: DeletionRequest['origin'],
  receivedAt: string,
  what: string,
  note: string | null,
): DeletionRequest {
  return newRequestRecord({
    id: newId('del'),
    accountId: account.id,
    accountName: account.name,
    origin,
    receivedAt,
    dueAt: deletionDueAt(origin, new Date(receivedAt), ctx.timeZone).toISOString(),
    createdBy: actor.user.id,
    createdByName: actor.user.name,
    recordedBy: [actor.user.id],
    timeline: [entry(ctx, actor, what, note)],
    createdAt: ctx.now.toISOString(),
  });
}

/**
 * Opens the request, refusing a second open one for the account. The store keeps that rule (so two officers
 * or instances opening at the same moment cannot both succeed); the look first only names the one open.
 */
async function open(tx: Tx, r: DeletionRequest): Promise<void> {
  const existing =
    r.accountId && !r.person
      ? (await tx.deletions.list({ accountId: r.accountId, openOnly: true, wholeAccount: true, limit: 1 })).items[0]
      : undefined;
  if (existing) throw alreadyOpen(r.accountName, existing.id);
  try {
    await tx.deletions.insert(r);
  } catch (error) {
    if (isUniqueViolation(error, 'open_deletion')) throw alreadyOpen(r.accountName, null);
    throw error;
  }
}

function alreadyOpen(accountName: string, id: string | null): ApiError {
  return new ApiError('conflict', `${accountName} already has an open deletion request${id ? ` (${id})` : ''}`);
}

/**
 * An account's cancellation starts the 30 days of policy 5.7: the account is marked cancelled and its
 * deletion request created, due 30 days later, in one transaction.
 */
export async function cancelAccount(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: CancelAccount,
): Promise<{ account: AccountView; deletionRequest: DeletionRequestView }> {
  const cancelledAt = input.cancelledAt ?? ctx.now.toISOString();
  if (new Date(cancelledAt) > ctx.now) {
    throw new ApiError('validation_failed', 'A cancellation cannot be in the future', { cancelledAt: 'Must not be in the future' });
  }
  return ctx.deps.store.transaction(async (tx) => {
    const { account, deletionRequest } = await cancelAccountIn(tx, ctx, actor, id, cancelledAt);
    return {
      account: accountView(actor, { ...account, status: 'cancelled', cancelledAt }),
      deletionRequest: view(ctx, actor, deletionRequest),
    };
  });
}

/** A cancellation written in the caller's transaction (staff, and the billing system's reports). */
export async function cancelAccountIn(
  tx: Tx,
  ctx: Ctx,
  actor: Actor,
  id: string,
  cancelledAt: string,
): Promise<{ account: Account; deletionRequest: DeletionRequest }> {
  const account = await tx.accounts.get(id);
  if (!account) throw notFound('Account');
  enforce(accountActionBlocker(account, null, 'cancel'));
  // The rule read the account; the conditional write decides between two concurrent cancellations.
  if (!(await tx.accounts.markCancelled(id, cancelledAt))) throw new ApiError('conflict', `${account.name} is already cancelled`);
  await audit(tx, ctx, actor, {
    action: 'account.cancel',
    recordType: 'account',
    recordId: account.id,
    summary: `Recorded the cancellation of ${account.name}`,
    changes: [{ field: 'status', before: 'active', after: 'cancelled' }],
  });
  await endAccessForAccount(tx, ctx, actor, account.id, 'The account was cancelled');
  return { account, deletionRequest: await deletionForCancellation(tx, ctx, actor, account, cancelledAt) };
}

/**
 * The deletion a cancellation starts (policy 5.7: within 30 days). An erasure request already open for the
 * account carries on as that deletion, due by the earlier of its own deadline and the cancellation's.
 */
async function deletionForCancellation(tx: Tx, ctx: Ctx, actor: Actor, account: Account, cancelledAt: string): Promise<DeletionRequest> {
  const existing = (await tx.deletions.list({ accountId: account.id, openOnly: true, wholeAccount: true, limit: 1 })).items[0];
  if (!existing) {
    const r = newDeletionRequest(
      ctx,
      actor,
      account,
      'cancellation',
      cancelledAt,
      'Account cancelled; data to be deleted within 30 days (policy 5.7)',
      null,
    );
    await open(tx, r);
    await audit(tx, ctx, actor, {
      action: 'deletion.create',
      recordType: 'deletion_request',
      recordId: r.id,
      summary: `Opened the deletion of ${account.name}'s data, due ${dayInWords(r.dueAt, ctx.timeZone)}`,
    });
    return r;
  }
  const cancellationDue = deletionDueAt('cancellation', new Date(cancelledAt), ctx.timeZone).toISOString();
  const dueAt = cancellationDue < existing.dueAt ? cancellationDue : existing.dueAt;
  const next: DeletionRequest = {
    ...existing,
    version: existing.version + 1,
    dueAt,
    // Whoever recorded the cancellation is one pair of eyes already: they may not approve the deletion.
    recordedBy: [...new Set([...(existing.recordedBy ?? []), actor.user.id])],
    timeline: [
      ...existing.timeline,
      entry(ctx, actor, `Account cancelled; this request now covers the cancellation, due ${dayInWords(dueAt, ctx.timeZone)} (policy 5.7)`),
    ],
  };
  await tx.deletions.update(next, existing.version);
  await audit(tx, ctx, actor, {
    action: 'deletion.cancellation_joined',
    recordType: 'deletion_request',
    recordId: existing.id,
    summary: `The cancellation of ${account.name} joined the open deletion request, due ${dayInWords(dueAt, ctx.timeZone)}`,
    changes: dueAt === existing.dueAt ? [] : [{ field: 'dueAt', before: existing.dueAt, after: dueAt }],
  });
  return next;
}

/** An officer records an erasure request received some other way: due one calendar month after receipt. */
export async function createDeletion(ctx: Ctx, actor: Actor, input: CreateDeletion): Promise<DeletionRequestView> {
  if (new Date(input.receivedAt) > ctx.now) {
    throw new ApiError('validation_failed', 'A request cannot be received in the future', { receivedAt: 'Must not be in the future' });
  }
  return ctx.deps.store.transaction(async (tx) => {
    const account = await tx.accounts.get(input.accountId);
    if (!account) throw new ApiError('validation_failed', 'No such account', { accountId: 'Unknown account' });
    enforce(accountActionBlocker(account, await openDeletionOf(tx, account.id), 'requestDeletion'));
    const r = newDeletionRequest(ctx, actor, account, input.origin, input.receivedAt, 'Erasure request recorded', input.note);
    await open(tx, r);
    await endAccessForAccount(tx, ctx, actor, account.id, 'A deletion request opened for the account');
    await audit(tx, ctx, actor, {
      action: 'deletion.create',
      recordType: 'deletion_request',
      recordId: r.id,
      summary: `Recorded an erasure request for ${account.name}, due ${dayInWords(r.dueAt, ctx.timeZone)}`,
    });
    return view(ctx, actor, r);
  });
}

const personLabels: Record<ErasurePersonKind, string> = {
  account_person: 'Person',
  newsletter_subscriber: 'Newsletter subscriber',
  website_visitor: 'Website visitor',
};

/** The person a person's erasure request names, found by email (people, subscribers) or visitor id (visitors). */
async function findErasedPerson(tx: Tx, input: CreatePersonErasure): Promise<Subject> {
  if (input.personKind === 'website_visitor') {
    if (!input.visitorId) throw new ApiError('validation_failed', "Enter the visitor's id", { visitorId: "Enter the visitor's id" });
    const visitor = await tx.subjects.get(input.visitorId);
    if (!visitor || visitor.kind !== 'visitor') {
      throw new ApiError('validation_failed', 'No website visitor has this id', { visitorId: 'No website visitor has this id' });
    }
    return visitor;
  }
  if (!input.email) throw new ApiError('validation_failed', "Enter the person's email", { email: "Enter the person's email" });
  const wanted = input.personKind === 'account_person';
  const found = (await tx.subjects.findByEmail(input.email)).filter((s) => s.kind === 'person' && (s.accountId !== null) === wanted);
  const what = wanted ? 'person of an account' : 'newsletter subscriber';
  if (found.length === 0) throw new ApiError('validation_failed', `No ${what} has this email`, { email: `No ${what} has this email` });
  if (wanted && input.accountId) {
    const chosen = found.find((s) => s.accountId === input.accountId);
    if (!chosen) {
      throw new ApiError('validation_failed', 'No person of this account has this email', {
        accountId: 'No person of this account has this email',
      });
    }
    return chosen;
  }
  if (found.length > 1) {
    // The same email in several accounts: an erasure names which account's person it erases, never a guess. The
    // person's right covers them all (Art. 17), so the message says to record one request per account.
    const names: string[] = [];
    for (const s of found) names.push((s.accountId && (await tx.accounts.get(s.accountId))?.name) ?? s.accountId ?? s.id);
    const message = `People of ${found.length} accounts have this email (${names.join(', ')}): choose the account, and record a request for each account whose person is to be erased`;
    throw new ApiError('validation_failed', message, { email: message, accountId: 'Choose the account' });
  }
  return found[0]!;
}

/**
 * An officer records a person's erasure request (Art. 17): due one calendar month after receipt, in the company's
 * zone, with the identity check on record (how, and by the officer recording it). Only that person is erased.
 */
export async function createPersonErasure(ctx: Ctx, actor: Actor, input: CreatePersonErasure): Promise<DeletionRequestView> {
  if (new Date(input.receivedAt) > ctx.now) {
    throw new ApiError('validation_failed', 'A request cannot be received in the future', { receivedAt: 'Must not be in the future' });
  }
  return ctx.deps.store.transaction(async (tx) => {
    const subject = await findErasedPerson(tx, input);
    const account = subject.accountId ? await tx.accounts.get(subject.accountId) : null;
    const label = `${personLabels[input.personKind]} ${subject.id}${account ? ` of ${account.name}` : ''}`;
    const r = newDeletionRequest(
      ctx,
      actor,
      { id: account?.id ?? null, name: label },
      'erasure_request',
      input.receivedAt,
      'Erasure request recorded',
      input.note,
    );
    r.person = {
      kind: input.personKind,
      subjectId: subject.id,
      identifiedBy: input.personKind === 'website_visitor' ? 'visitor_id' : 'email',
      identityCheck: { ...input.identityCheck, verifiedBy: actor.user.id, verifiedByName: actor.user.name, at: ctx.now.toISOString() },
    };
    r.timeline = [
      ...r.timeline,
      entry(ctx, actor, `Identity verified (${input.identityCheck.method.replace(/_/g, ' ')})`, input.identityCheck.detail),
    ];
    try {
      await tx.deletions.insert(r);
    } catch (error) {
      if (isUniqueViolation(error, 'open_deletion')) throw new ApiError('conflict', `${label} already has an open erasure request`);
      throw error;
    }
    await audit(tx, ctx, actor, {
      action: 'deletion.create',
      recordType: 'deletion_request',
      recordId: r.id,
      summary: `Recorded an erasure request for ${label}, due ${r.dueAt.slice(0, 10)}; identity verified by ${actor.user.name}`,
    });
    return view(ctx, actor, r);
  });
}

type DeletionAction =
  | { action: 'approve'; confirmAccountName: string }
  | { action: 'reject'; reason: string }
  | { action: 'extend'; reason: string; months: 1 | 2 }
  | { action: 'hold'; system: string; data: string; legalReason: string; until: string }
  | {
      action: 'resolveTask';
      taskId: string;
      outcome: 'deleted' | 'not_applicable' | 'retained_under_hold';
      reference: string;
      notified: boolean;
    }
  | { action: 'complete' }
  | { action: 'retryTask'; taskId: string }
  | { action: 'editHold'; holdId: string; system: string; data: string; legalReason: string; until: string }
  | { action: 'removeHold'; holdId: string; reason: string };

const auditAction: Record<DeletionAction['action'], AuditAction> = {
  approve: 'deletion.approve',
  reject: 'deletion.reject',
  extend: 'deletion.extend',
  hold: 'deletion.hold',
  resolveTask: 'deletion.resolve_task',
  complete: 'deletion.complete',
  retryTask: 'deletion.retry_task',
  editHold: 'deletion.hold_edit',
  removeHold: 'deletion.hold_remove',
};

/** A hold's system from the registry (by name or id, never typed freely) and its end after today. */
async function checkedHold(tx: Tx, ctx: Ctx, input: { system: string; until: string }): Promise<{ system: string }> {
  const today = localDate(ctx.now, ctx.timeZone);
  if (input.until <= today) {
    throw new ApiError('validation_failed', 'A legal hold ends after today', { until: `Must be after ${dateInWords(today)}` });
  }
  const system = (await tx.processors.list()).find((p) => p.status !== 'proposed' && (p.id === input.system || p.name === input.system));
  if (!system) {
    throw new ApiError('validation_failed', `${input.system} is not a system in the registry`, {
      system: 'Choose a system from the registry',
    });
  }
  return { system: system.name };
}

function findHold(r: DeletionRequest, holdId: string): LegalHold {
  const hold = r.holds.find((h) => h.id === holdId);
  if (!hold) throw new ApiError('validation_failed', 'No such legal hold on this request', { holdId: 'Unknown hold' });
  return hold;
}

export async function actOnDeletion(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: DeletionAction,
): Promise<DeletionRequestView> {
  const saved = await ctx.deps.store.transaction(async (tx) => {
    const current = await tx.deletions.get(id);
    if (!current) throw notFound('Deletion request');
    checkVersion(version, current.version);
    enforce(deletionActionBlocker(current, input.action, actor.user, ctx.now, ctx.timeZone));
    const now = ctx.now.toISOString();
    let next: DeletionRequest = { ...current, version: current.version + 1 };
    let summary: string;
    let extraChanges: { field: string; before: unknown; after: unknown }[] = [];
    switch (input.action) {
      case 'approve': {
        if (input.confirmAccountName.trim() !== current.accountName) {
          throw new ApiError('validation_failed', 'Type the account name exactly to confirm', {
            confirmAccountName: `Type "${current.accountName}" to confirm`,
          });
        }
        if (systemOpened(current) && !current.firstApproval) {
          next = { ...next, firstApproval: { by: actor.user.id, name: actor.user.name, at: now } };
          next.timeline = [
            ...current.timeline,
            entry(ctx, actor, 'First approval; the system opened this request, so a second officer must approve it too'),
          ];
          summary = `Gave the first of two approvals to delete ${current.accountName}'s data`;
          break;
        }
        const processors = await tx.processors.list();
        next = {
          ...next,
          status: 'approved',
          approvedBy: actor.user.id,
          approvedByName: actor.user.name,
          approvedAt: now,
          tasks: deletionTasksFor(processors, localDate(ctx.now, ctx.timeZone), () => newId('task'), holdsDataFor(current)).map((t) => ({
            ...t,
            connector:
              t.kind === 'processor'
                ? connectorRunFor(
                    processors.find((p) => p.id === t.systemId),
                    now,
                  )
                : null,
          })),
        };
        // Each task at a processor with a connector runs as a job, queued with the approval (or not at all).
        const connected = next.tasks.filter((t) => t.connector);
        for (const t of connected) await enqueueConnectorTask(tx, current.id, t.id);
        next.timeline = [
          ...current.timeline,
          entry(
            ctx,
            actor,
            `Approved; ${next.tasks.length} systems to clear${connected.length > 0 ? `, ${connected.length} of them through their APIs` : ''}`,
          ),
        ];
        summary = `Approved deletion of ${current.accountName}'s data`;
        break;
      }
      case 'reject':
        next = { ...next, status: 'rejected', rejectionReason: input.reason };
        next.timeline = [...current.timeline, entry(ctx, actor, 'Rejected', input.reason)];
        summary = `Rejected deletion of ${current.accountName}'s data`;
        break;
      case 'extend': {
        const until = extendedDueAt(new Date(current.receivedAt), Math.min(input.months, MAX_EXTENSION_MONTHS), ctx.timeZone).toISOString();
        next = { ...next, dueAt: until, extension: { until, reason: input.reason, by: actor.user.id, at: now } };
        next.timeline = [...current.timeline, entry(ctx, actor, `Extended to ${dayInWords(until, ctx.timeZone)}`, input.reason)];
        summary = `Extended the deadline for ${current.accountName} to ${dayInWords(until, ctx.timeZone)}`;
        break;
      }
      case 'hold': {
        const { system: systemName } = await checkedHold(tx, ctx, input);
        const system = { name: systemName };
        const hold: LegalHold = {
          id: newId('hold'),
          system: system.name,
          data: input.data,
          legalReason: input.legalReason,
          until: input.until,
          createdBy: actor.user.id,
          createdAt: now,
        };
        next = { ...next, holds: [...current.holds, hold] };
        next.timeline = [
          ...current.timeline,
          entry(ctx, actor, `Legal hold on ${input.data} at ${system.name} until ${dateInWords(input.until)}`, input.legalReason),
        ];
        summary = `Put a legal hold on ${input.data} at ${system.name}`;
        break;
      }
      case 'resolveTask': {
        const task = current.tasks.find((t) => t.id === input.taskId);
        if (!task) throw new ApiError('validation_failed', 'No such task on this request', { taskId: 'Unknown task' });
        const blocker = taskResolveBlocker(task, input.outcome, localDate(ctx.now, ctx.timeZone));
        if (blocker) throw new ApiError('conflict', blocker);
        if (input.outcome === 'retained_under_hold' && !holdCovers(current, task)) {
          throw new ApiError('validation_failed', `Put a legal hold on ${task.systemName} first`, {
            outcome: 'No legal hold covers this system',
          });
        }
        next = {
          ...next,
          status: 'in_progress',
          tasks: current.tasks.map((t) =>
            t.id === task.id
              ? {
                  ...t,
                  outcome: input.outcome,
                  resolvedBy: actor.user.id,
                  resolvedAt: now,
                  reference: input.reference,
                  notifiedAt: input.notified ? now : t.notifiedAt,
                }
              : t,
          ),
        };
        next.timeline = [
          ...current.timeline,
          entry(ctx, actor, `${task.systemName}: ${input.outcome.replace(/_/g, ' ')}`, input.reference),
        ];
        summary = `Resolved ${task.systemName} as ${input.outcome.replace(/_/g, ' ')}`;
        break;
      }
      case 'retryTask': {
        const task = current.tasks.find((t) => t.id === input.taskId);
        if (!task) throw new ApiError('validation_failed', 'No such task on this request', { taskId: 'Unknown task' });
        if (task.outcome) throw new ApiError('conflict', `${task.systemName} is already resolved`);
        if (!task.connector || task.connector.state !== 'needs_attention') {
          throw new ApiError('conflict', `${task.systemName} has no connector job that needs attention`);
        }
        // A new round of attempts; what was deleted stays recorded, so nothing is deleted twice.
        const connector = { ...task.connector, state: 'queued' as const, attempts: 0, nextAttemptAt: null, updatedAt: now };
        next = { ...next, tasks: current.tasks.map((t) => (t.id === task.id ? { ...t, connector } : t)) };
        next.timeline = [
          ...current.timeline,
          entry(ctx, actor, `${task.systemName}: sent to its connector again`, task.connector.lastAnswer),
        ];
        await enqueueConnectorTask(tx, current.id, task.id);
        summary = `Retried the connector of ${task.systemName}`;
        break;
      }
      case 'editHold': {
        const hold = findHold(current, input.holdId);
        const { system } = await checkedHold(tx, ctx, input);
        const edited: LegalHold = { ...hold, system, data: input.data, legalReason: input.legalReason, until: input.until };
        const changes = (['system', 'data', 'legalReason', 'until'] as const)
          .filter((f) => hold[f] !== edited[f])
          .map((f) => ({ field: `holds.${hold.id}.${f}`, before: hold[f], after: edited[f] }));
        if (changes.length === 0) throw new ApiError('validation_failed', 'Nothing changed', { data: 'Change at least one field' });
        next = { ...next, holds: current.holds.map((h) => (h.id === hold.id ? edited : h)) };
        next.timeline = [
          ...current.timeline,
          entry(ctx, actor, `Legal hold changed: ${edited.data} at ${system} until ${dateInWords(edited.until)}`, edited.legalReason),
        ];
        summary = `Changed the legal hold on ${edited.data} at ${system} (${changes.map((c) => c.field.split('.').at(-1)).join(', ')})`;
        extraChanges = changes;
        break;
      }
      case 'removeHold': {
        const hold = findHold(current, input.holdId);
        next = { ...next, holds: current.holds.filter((h) => h.id !== hold.id) };
        next.timeline = [...current.timeline, entry(ctx, actor, `Legal hold removed: ${hold.data} at ${hold.system}`, input.reason)];
        summary = `Removed the legal hold on ${hold.data} at ${hold.system}: ${input.reason}`;
        extraChanges = [{ field: `holds.${hold.id}`, before: hold, after: null }];
        break;
      }
      case 'complete': {
        // The console is itself a system holding the account's data: its copy goes in this transaction.
        const plan = await erasurePlanFor(tx, ctx, current);
        const { counts, redactions } = plan ? await eraseConsoleCopy(tx, plan) : { counts: {}, redactions: [] };
        // A person's erasure leaves the account (and so the request's name for it) as it is.
        const tombstone = plan && !plan.keepAccount ? plan.tombstone : current.accountName;
        const erased = plan ? redactDeep(current, plan.replacements) : current;
        next = { ...erased, version: current.version + 1, accountName: tombstone, status: 'completed', completedAt: now };
        next.timeline = [
          ...erased.timeline,
          entry(ctx, actor, 'Completed; personal data erased in this console, consent ledger kept pseudonymous; certificate issued'),
        ];
        // What the certificate states is fixed now, issuer included, so that it never changes once issued.
        next.certificate = await certificateContentOf(tx, next, issuerAtCompletion(ctx, actor), ctx.timeZone);
        await audit(tx, ctx, actor, {
          action: CHAIN_REDACTION_ACTION,
          recordType: 'deletion_request',
          recordId: current.id,
          summary: `Erased ${tombstone}'s personal data in this console (${describeCounts(counts)})`,
          changes: redactions,
        });
        summary = `Completed deletion of ${tombstone}'s data`;
        break;
      }
    }
    if (input.action === 'editHold' || input.action === 'removeHold') {
      // A task resolved as retained under a hold keeps a hold that covers it: the request could not complete otherwise.
      const orphaned = next.tasks.filter((t) => t.outcome === 'retained_under_hold' && !holdCovers(next, t));
      if (orphaned.length > 0) {
        throw new ApiError(
          'conflict',
          `${orphaned.map((t) => t.systemName).join(', ')} is resolved as retained under this hold; it must keep a hold that covers it`,
        );
      }
    }
    await tx.deletions.update(next, current.version);
    if (next.status === 'completed' && current.status !== 'completed') {
      await emitWebhookEvent(tx, ctx, 'deletion.completed', current.id, {
        deletionRequestId: current.id,
        accountId: current.accountId,
        completedAt: next.completedAt,
      });
    }
    await audit(tx, ctx, actor, {
      action: input.action === 'approve' && next.status === 'pending_review' ? 'deletion.first_approval' : auditAction[input.action],
      recordType: 'deletion_request',
      recordId: current.id,
      summary,
      changes: [
        ...(next.status !== current.status ? [{ field: 'status', before: current.status, after: next.status }] : []),
        ...extraChanges,
      ],
    });
    return next;
  });
  return view(ctx, actor, saved);
}

/** Each approval in its own transaction: one refusal does not undo the others. */
export async function bulkApproveDeletions(ctx: Ctx, actor: Actor, input: BulkApproveDeletions): Promise<BulkApproveResult> {
  const results: BulkApproveResult['results'] = [];
  for (const item of input.items) {
    try {
      const request = await actOnDeletion(ctx, actor, item.id, item.version, {
        action: 'approve',
        confirmAccountName: item.confirmAccountName,
      });
      results.push({ id: item.id, ok: true, status: 200, error: null, request });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      results.push({ id: item.id, ok: false, status: e.status, error: e.message, request: null });
    }
  }
  return { results };
}

/**
 * The signed certificate of a completed request. Its content was fixed at completion (`request.certificate`), so a
 * later change of the controller's configuration, of a user's name or of the time zone changes nothing in it and
 * the signature still verifies. A request completed before the content was kept has none: its certificate is built
 * as it always was, named after the company certificates then named (`LEGACY_ISSUER_COMPANY`, not the controller
 * configured today), so it stays what was downloaded before.
 */
export async function deletionCertificate(ctx: Ctx, id: string): Promise<DeletionCertificate> {
  const r = await loadDeletion(ctx, id);
  if (r.status !== 'completed' || !r.completedAt || !r.approvedAt) {
    throw new ApiError('conflict', 'A certificate is issued only for a completed request');
  }
  const unsigned =
    r.certificate ??
    (await ctx.deps.store.transaction(async (tx) => {
      const completion = [...r.timeline].reverse().find((e) => e.action.startsWith('Completed'));
      return certificateContentOf(tx, r, { company: LEGACY_ISSUER_COMPANY, officer: completion?.actorName ?? 'unknown' }, ctx.timeZone);
    }));
  return { ...unsigned, signature: await signPayload(ctx.deps.credentialsKey, unsigned) };
}

/** The issuer as of now: the controller the deployment configures (CONTROLLER_*) and the officer completing. */
function issuerAtCompletion(ctx: Ctx, actor: Actor): CertificateIssuer {
  const c = ctx.controller;
  return {
    company: c.name,
    officer: actor.user.name,
    officerRole: roleLabels[actor.user.role],
    address: c.address,
    email: c.email,
    contact: c.contact,
    url: c.url,
  };
}

/** What the certificate of completed request `r` states, everything but its signature. */
async function certificateContentOf(tx: Tx, r: DeletionRequest, issuer: CertificateIssuer, timeZone: string): Promise<CertificateContent> {
  if (!r.completedAt || !r.approvedAt) throw new Error(`Deletion request ${r.id} is not completed`);
  const names = new Map<string, string>();
  for (const t of r.tasks) {
    if (t.resolvedBy && !names.has(t.resolvedBy)) names.set(t.resolvedBy, (await tx.users.get(t.resolvedBy))?.name ?? t.resolvedBy);
  }
  const backup = r.tasks.find((t) => t.kind === 'backup');
  return {
    certificateId: `CERT-${r.id}`,
    requestId: r.id,
    issuedAt: r.completedAt,
    account: { id: r.accountId, name: r.accountName },
    person: r.person && { kind: r.person.kind, subjectId: r.person.subjectId },
    origin: r.origin,
    receivedAt: r.receivedAt,
    dueAt: r.dueAt,
    completedAt: r.completedAt,
    onTime: r.completedAt <= r.dueAt,
    approvedBy: r.approvedByName ?? r.approvedBy ?? 'unknown',
    approvedAt: r.approvedAt,
    systems: r.tasks.map((t) => ({
      system: t.systemName,
      kind: t.kind,
      outcome: t.outcome ?? 'not_applicable',
      resolvedAt: t.resolvedAt ?? r.completedAt ?? '',
      resolvedBy: t.resolvedBy
        ? (names.get(t.resolvedBy) ?? t.resolvedBy)
        : t.connector?.state === 'done'
          ? `${t.systemName} connector (API)`
          : t.kind === 'backup' && t.outcome
            ? 'Scheduled roll-off'
            : 'unknown',
      reference: t.reference,
      recipientNotifiedAt: t.notifiedAt,
      rollOffOn: t.rollOffOn,
      evidence: t.connector?.state === 'done' ? t.connector.evidence : null,
    })),
    exceptions: r.holds,
    backupRollOffOn: backup?.rollOffOn ?? null,
    issuer,
    statement: certificateStatement(r, issuer, timeZone),
  };
}

/** The company certificates named before the issuer was kept with the request (it was a constant then). */
const LEGACY_ISSUER_COMPANY = 'ActiveCollab';

/** The certificate's claim in words: what was deleted where, what was kept under which hold until when. */
function certificateStatement(r: DeletionRequest, issuer: CertificateIssuer, timeZone: string): string {
  const { company, officer } = issuer;
  const deleted = r.tasks.filter((t) => t.outcome === 'deleted').map((t) => t.systemName);
  const kept = r.holds.map((h) => `${h.data} at ${h.system} under a legal hold (${h.legalReason}) until ${dateInWords(h.until)}`);
  const none = r.tasks.filter((t) => t.outcome === 'not_applicable').map((t) => t.systemName);
  return [
    r.person
      ? `${company} certifies that the personal data of ${personLabels[r.person.kind].toLowerCase()} ${r.person.subjectId} was deleted`
      : `${company} certifies that the personal data of account ${r.accountId} was deleted`,
    deleted.length > 0 ? ` from ${deleted.join(', ')}` : '',
    ` and from this console (its consent ledger kept only as keyed hashes), completed on ${r.completedAt ? dayInWords(r.completedAt, timeZone) : 'an unrecorded day'} by ${officer}`,
    ` after approval by ${r.approvedByName ?? 'an officer'}.`,
    none.length > 0 ? ` ${none.join(', ')} held none of it.` : '',
    kept.length > 0 ? ` Kept: ${kept.join('; ')}.` : ' Nothing was kept.',
  ].join('');
}
