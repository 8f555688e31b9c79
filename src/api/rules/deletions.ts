import type { DeletionRequest, DeletionStatus, DeletionTask } from '@/api/contract/deletions';
import type { DataCategory, Processor } from '@/api/contract/processors';
import { addDaysToDate } from './time';

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

function backupRollOffDays(p: Processor): number {
  const r = p.retention;
  if (r && r.amount !== null && r.unit === 'days') return r.amount;
  return DEFAULT_BACKUP_ROLL_OFF_DAYS;
}

/**
 * One task per system that holds the account's data (policy 5.5, 5.7): our storage locations, the
 * offsite backup (done when the backup still holding it rolls off) and each processor receiving it.
 */
export function deletionTasksFor(processors: readonly Processor[], approvedOn: string, newId: () => string): DeletionTask[] {
  return processors.filter(holdsAccountData).map((p) => {
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
    } satisfies DeletionTask;
  });
}

export function openTasks(request: Pick<DeletionRequest, 'tasks'>): DeletionTask[] {
  return request.tasks.filter((t) => t.outcome === null);
}

/** Why the request cannot complete yet, or null when it can. */
export function completionBlocker(request: Pick<DeletionRequest, 'status' | 'tasks' | 'holds'>): string | null {
  if (request.status !== 'approved' && request.status !== 'in_progress') {
    return `A request that is ${request.status.replace('_', ' ')} cannot be completed`;
  }
  const open = openTasks(request);
  if (open.length > 0) return `${open.length} task(s) are not resolved: ${open.map((t) => t.systemName).join(', ')}`;
  const unheld = request.tasks.filter(
    (t) => t.outcome === 'retained_under_hold' && !request.holds.some((h) => h.system === t.systemName || h.system === t.systemId),
  );
  if (unheld.length > 0) return `Data retained at ${unheld.map((t) => t.systemName).join(', ')} has no legal hold on record`;
  return null;
}
