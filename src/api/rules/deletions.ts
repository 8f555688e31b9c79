import type { Actions } from '@/api/contract/common';
import type { DeletionActionName, DeletionRequest, DeletionStatus, DeletionTask, ErasurePersonKind } from '@/api/contract/deletions';
import { actionPermissions } from '@/api/contract/endpoints';
import type { DataCategory, Processor } from '@/api/contract/processors';
import type { Caller, Refusal } from './actions';
import { conflict, decideActions, forbidden } from './actions';
import { deletionDueAt } from './deadlines';
import { addDaysToDate, addMonthsToDate, dateInWords, localDate } from './time';

/** What a customer account's data can include; a processor receiving none of these holds nothing of it. */
export const ACCOUNT_DATA_CATEGORIES: readonly DataCategory[] = [
  'email',
  'name',
  'payment_details',
  'billing_address',
  'phone_number',
  'usage_data',
  'call_recordings',
  'crm_contact_data',
  'support_messages',
  'account_content',
];
/** When the offsite backup's retention is not on record, assume backups roll off after 30 days. */
export const DEFAULT_BACKUP_ROLL_OFF_DAYS = 30;

const transitions: Record<DeletionStatus, readonly DeletionStatus[]> = {
  pending_review: ['approved', 'rejected'],
  approved: ['in_progress', 'completed'],
  in_progress: ['completed'],
  completed: [],
  rejected: [],
};

export function canTransition(from: DeletionStatus, to: DeletionStatus): boolean {
  return transitions[from].includes(to);
}

/** Requests that still run against their deadline. */
export function isOpen(status: DeletionStatus): boolean {
  return status !== 'completed' && status !== 'rejected';
}

/** Whether a system holds customer accounts' data, and so gets a task when an account is deleted. */
export function holdsAccountData(p: Processor): boolean {
  if (p.status === 'proposed') return false;
  if (p.kind === 'own_location') {
    // Self-hosted content lives on the customer's servers, but account, billing and support data is ours.
    return true;
  }
  const receivesPeople = p.dataSubjects.includes('customers') || p.dataSubjects.includes('billing_representatives');
  return receivesPeople && p.dataCategories.some((c) => ACCOUNT_DATA_CATEGORIES.includes(c));
}

/**
 * Whether a system holds a kind of person's data, and so gets a task when that person is erased: a person of an
 * account is where the account's data is; a newsletter subscriber is in our own storage and the email marketing
 * tool; a website visitor is wherever the registry says website visitors' data goes (analytics, ads, chat).
 */
export function holdsPersonData(kind: ErasurePersonKind, p: Processor): boolean {
  if (p.status === 'proposed') return false;
  switch (kind) {
    case 'account_person':
      return holdsAccountData(p);
    case 'newsletter_subscriber':
      return p.kind === 'own_location' || p.category === 'email_marketing';
    case 'website_visitor':
      return p.dataSubjects.includes('website_visitors');
  }
}

/** Which systems hold the data a request erases: the account's, or its one person's. */
export function holdsDataFor(request: Pick<DeletionRequest, 'person'>): (p: Processor) => boolean {
  const person = request.person;
  return person ? (p) => holdsPersonData(person.kind, p) : holdsAccountData;
}

function backupRollOffDays(p: Processor): number {
  const r = p.retention;
  if (r && r.amount !== null && r.unit === 'days') return r.amount;
  return DEFAULT_BACKUP_ROLL_OFF_DAYS;
}

/**
 * One task per system that holds the account's data (policy 5.5, 5.7): our storage locations, the
 * offsite backup (done when the backup still holding it rolls off) and each processor receiving it.
 */
export function deletionTasksFor(
  processors: readonly Processor[],
  approvedOn: string,
  newId: () => string,
  holds: (p: Processor) => boolean = holdsAccountData,
): DeletionTask[] {
  return processors.filter(holds).map((p) => {
    const kind = p.kind === 'processor' ? 'processor' : p.category === 'backup' ? 'backup' : 'storage';
    return {
      id: newId(),
      systemId: p.id,
      systemName: p.name,
      kind,
      outcome: null,
      resolvedBy: null,
      resolvedAt: null,
      reference: null,
      notifiedAt: null,
      rollOffOn: kind === 'backup' ? addDaysToDate(approvedOn, backupRollOffDays(p)) : null,
      connector: null,
    } satisfies DeletionTask;
  });
}

export function openTasks(request: Pick<DeletionRequest, 'tasks'>): DeletionTask[] {
  return request.tasks.filter((t) => t.outcome === null);
}

const words = (status: DeletionStatus): string => status.replace('_', ' ');

/** Whether a legal hold on record covers a system (named by its registry name or id). */
export function holdCovers(request: Pick<DeletionRequest, 'holds'>, task: Pick<DeletionTask, 'systemName' | 'systemId'>): boolean {
  return request.holds.some((h) => h.system === task.systemName || h.system === task.systemId);
}

/**
 * Why an officer cannot resolve this task by hand as `outcome` on `today`, or null when they can: the
 * offsite backup still holds the data until it rolls off (its task resolves itself that day), and a
 * connector's job that is calling the vendor now must answer first.
 */
export function taskResolveBlocker(
  task: Pick<DeletionTask, 'kind' | 'outcome' | 'rollOffOn' | 'systemName' | 'connector'>,
  outcome: DeletionTask['outcome'] | 'any',
  today: string,
): string | null {
  if (task.outcome) return `${task.systemName} is already resolved`;
  if (task.connector?.state === 'running') {
    return `The connector is deleting at ${task.systemName} now; wait for its answer`;
  }
  if (task.kind === 'backup' && task.rollOffOn && today < task.rollOffOn && outcome !== 'retained_under_hold') {
    return `The offsite backup holds the data until it rolls off on ${dateInWords(task.rollOffOn)}; the task resolves itself that day`;
  }
  return null;
}

/** Why the request cannot complete yet, or null when it can. */
export function completionBlocker(request: Pick<DeletionRequest, 'status' | 'tasks' | 'holds'>): string | null {
  if (request.status !== 'approved' && request.status !== 'in_progress') {
    return `A request that is ${words(request.status)} cannot be completed`;
  }
  const open = openTasks(request);
  if (open.length > 0) return `${open.length} task(s) are not resolved: ${open.map((t) => t.systemName).join(', ')}`;
  const unheld = request.tasks.filter((t) => t.outcome === 'retained_under_hold' && !holdCovers(request, t));
  if (unheld.length > 0) return `Data retained at ${unheld.map((t) => t.systemName).join(', ')} has no legal hold on record`;
  return null;
}

type DeletionFacts = Pick<DeletionRequest, 'status' | 'origin' | 'receivedAt' | 'extension' | 'createdBy' | 'tasks' | 'holds'> &
  Partial<Pick<DeletionRequest, 'recordedBy' | 'firstApproval'>>;

/** Whether nobody but the system opened the request: then two officers approve it. */
export function systemOpened(request: Pick<DeletionFacts, 'createdBy' | 'recordedBy'>): boolean {
  return request.createdBy === null && (request.recordedBy ?? []).length === 0;
}

/**
 * Four eyes (policy 5.7 deletes for good): the approver is never the officer who created the request nor one
 * who recorded the cancellation it covers, and a request the system opened needs two officers' approvals.
 */
function fourEyesBlocker(request: Pick<DeletionFacts, 'createdBy' | 'recordedBy' | 'firstApproval'>, callerId: string): Refusal | null {
  if (request.createdBy === callerId) return forbidden('You created this request; another officer must approve it');
  if ((request.recordedBy ?? []).includes(callerId))
    return forbidden("You recorded this account's cancellation; another officer must approve its deletion");
  if (request.firstApproval?.by === callerId)
    return forbidden('You gave the first approval of this request the system opened; a second officer must give the other');
  return null;
}

/**
 * Why `action` by `caller` is refused on the request as it stands at `now`, or null when it is allowed.
 * The role's permission is the endpoint's (checked by the app first); this is the state machine, four
 * eyes and the deadlines. What the action's own input may still refuse (a task already resolved, an
 * account name mistyped) is checked by the service against that input.
 */
export function deletionActionBlocker(
  request: DeletionFacts,
  action: DeletionActionName,
  caller: Pick<Caller, 'id'>,
  now: Date,
  timeZone: string,
): Refusal | null {
  const closed = !isOpen(request.status);
  switch (action) {
    case 'approve':
      if (!canTransition(request.status, 'approved')) return conflict(`A request that is ${words(request.status)} cannot be approved`);
      return fourEyesBlocker(request, caller.id);
    case 'reject':
      return canTransition(request.status, 'rejected') ? null : conflict(`A request that is ${words(request.status)} cannot be rejected`);
    case 'extend':
      if (request.origin !== 'erasure_request')
        return conflict('Only an erasure request can be extended; the 30 days after cancellation are fixed (policy 5.7)');
      if (request.extension) return conflict('The one extension allowed has been used');
      if (closed) return conflict(`The request is ${words(request.status)}`);
      return now > deletionDueAt('erasure_request', new Date(request.receivedAt), timeZone)
        ? conflict('An extension must be told to the person within the first month; that month has passed')
        : null;
    case 'hold':
      return closed ? conflict(`The request is ${words(request.status)}`) : null;
    case 'editHold':
    case 'removeHold':
      if (closed) return conflict(`The request is ${words(request.status)}; its holds are final`);
      return request.holds.length > 0 ? null : conflict('There is no legal hold on this request');
    case 'resolveTask': {
      if (request.status !== 'approved' && request.status !== 'in_progress')
        return conflict(`Tasks can be resolved only once approved; the request is ${words(request.status)}`);
      const open = openTasks(request);
      if (open.length === 0) return conflict('Every task is resolved');
      const today = localDate(now, timeZone);
      const reasons = open.map((t) => taskResolveBlocker(t, 'any', today));
      return reasons.some((r) => r === null) ? null : conflict(reasons[0] ?? 'No task can be resolved by hand now');
    }
    case 'retryTask':
      if (request.status !== 'approved' && request.status !== 'in_progress')
        return conflict(`Tasks can be retried only once approved; the request is ${words(request.status)}`);
      return openTasks(request).some((t) => t.connector?.state === 'needs_attention')
        ? null
        : conflict('No connector task needs attention');
    case 'complete': {
      const blocker = completionBlocker(request);
      return blocker ? conflict(blocker) : null;
    }
  }
}

export function deletionActions(request: DeletionFacts, caller: Caller, now: Date, timeZone: string): Actions<DeletionActionName> {
  return decideActions(caller.role, actionPermissions.deletion, (a) => deletionActionBlocker(request, a, caller, now, timeZone));
}

/** A legal hold the registry proposes: the processor keeps data under a legal obligation for a set time. */
export type ProposedHold = { system: string; data: string; legalReason: string; until: string };

/**
 * The holds the registry's retention rules call for (PRIVACY-RULES "Deletion"): a system holding the account's
 * data for a purpose whose legal basis is a legal obligation (invoices under tax law), kept for its retention
 * period from `today`. Only a period in days, months or years gives an end date; others are left to the officer.
 */
export function proposedHolds(
  processors: readonly Processor[],
  today: string,
  holds: (p: Processor) => boolean = holdsAccountData,
): ProposedHold[] {
  return processors.filter(holds).flatMap((p) => {
    const obligation = p.purposes.find((x) => x.legalBasis === 'legal_obligation');
    const r = p.retention;
    if (!obligation || !r || r.amount === null || r.unit === null || r.unit === 'hours') return [];
    const until =
      r.unit === 'years'
        ? addMonthsToDate(today, r.amount * 12)
        : r.unit === 'months'
          ? addMonthsToDate(today, r.amount)
          : addDaysToDate(today, r.amount);
    return [{ system: p.name, data: obligation.purpose, legalReason: r.note || obligation.purpose, until }];
  });
}
