import type { Actions } from '@/api/contract/common';
import { actionPermissions } from '@/api/contract/endpoints';
import type { Attention, Processor, ProcessorActionName, ProcessorStatus, ProcessorView, UpdateProcessor } from '@/api/contract/processors';
import type { Caller, Refusal } from './actions';
import { conflict, decideActions } from './actions';
import { DEFAULT_TIME_ZONE } from './deadlines';
import { addDaysToDate, addMonthsToDate, dateInWords, dayInWords } from './time';

/** Days before a DPA's end that the registry starts asking for its renewal. */
const DPA_EXPIRY_WARNING_DAYS = 60;
import { assessTransfers } from './transfers';

export function nextReviewOn(p: Pick<Processor, 'lastReviewedOn' | 'reviewCycleMonths'>): string | null {
  return p.lastReviewedOn ? addMonthsToDate(p.lastReviewedOn, p.reviewCycleMonths) : null;
}

/** The "needs attention" flags, each with its reason. `today` is a calendar date. */
export function attentionFor(p: Processor, today: string): Attention[] {
  const flags: Attention[] = [];
  if (p.status === 'retired') return flags;
  const next = nextReviewOn(p);
  if (next === null) flags.push({ reason: 'review_overdue', message: 'Never reviewed' });
  else if (next < today) flags.push({ reason: 'review_overdue', message: `Review was due on ${dateInWords(next)}` });
  if (p.kind === 'processor' && p.dpa.status !== 'signed') {
    flags.push({ reason: 'no_signed_dpa', message: p.dpa.status === 'pending' ? 'DPA not yet signed' : 'No DPA on record' });
  }
  const lacking = assessTransfers(p, today).filter((t) => t.flagged);
  if (lacking.length > 0) {
    flags.push({
      reason: 'transfer_without_mechanism',
      message: `No transfer safeguard for ${lacking.map((t) => t.country).join(', ')}`,
    });
  }
  if (p.retention === null) flags.push({ reason: 'retention_missing', message: 'No retention rule on record' });
  const expires = p.kind === 'processor' && p.dpa.status === 'signed' ? p.dpa.expiresOn : null;
  if (expires && expires <= addDaysToDate(today, DPA_EXPIRY_WARNING_DAYS)) {
    flags.push({
      reason: 'dpa_expiring',
      message: expires < today ? `DPA expired on ${dateInWords(expires)}` : `DPA expires on ${dateInWords(expires)}`,
    });
  }
  return flags;
}

/** A processor with what the rules say about it now, before the caller's actions are added. */
export type AssessedProcessor = Omit<ProcessorView, 'actions'>;

export function toProcessorView(p: Processor, today: string): AssessedProcessor {
  return { ...p, attention: attentionFor(p, today), transfers: assessTransfers(p, today), nextReviewOn: nextReviewOn(p) };
}

/** Why a status change is refused, or null when allowed. A proposed processor waits out its notice period. */
export function statusChangeBlocker(p: Processor, to: ProcessorStatus, now: Date, timeZone = DEFAULT_TIME_ZONE): Refusal | null {
  if (p.status === to) return conflict(`The processor is ${to} already`);
  if (p.status === 'retired') return conflict('A retired processor cannot be brought back; add it again');
  if (to === 'proposed') return conflict('A processor cannot go back to proposed');
  if (to === 'active' && p.noticeEndsAt && new Date(p.noticeEndsAt) > now) {
    return conflict(`The customer notice period ends on ${dayInWords(p.noticeEndsAt, timeZone)}; it cannot become active before then`);
  }
  return null;
}

/** Why the processor's connector cannot be configured, cleared or tested now. */
function connectorBlocker(p: Processor, action: 'configureConnector' | 'clearConnector' | 'testConnector'): Refusal | null {
  if (p.kind === 'own_location') return conflict('Our own storage locations have no vendor API to connect to');
  if (action === 'configureConnector') {
    return p.status === 'retired' ? conflict('A retired processor is final; its connector cannot be configured') : null;
  }
  if (!p.connector) return conflict('No connector is configured for this processor');
  if (action === 'testConnector' && !p.connector.credentialsSet) return conflict('The connector has no credentials to test yet');
  return null;
}

/**
 * Edit changes fields; activate and retire change the status (each a PATCH of the processor). The
 * connector's actions have endpoints of their own.
 */
export function processorActionBlocker(p: Processor, action: ProcessorActionName, now: Date, timeZone = DEFAULT_TIME_ZONE): Refusal | null {
  switch (action) {
    case 'edit':
      return p.status === 'retired' ? conflict('A retired processor is final and cannot be edited') : null;
    case 'activate':
      return statusChangeBlocker(p, 'active', now, timeZone);
    case 'retire':
      return statusChangeBlocker(p, 'retired', now, timeZone);
    case 'configureConnector':
    case 'clearConnector':
    case 'testConnector':
      return connectorBlocker(p, action);
  }
}

/** Why a PATCH is refused: a status in it is an activation or retirement, any other field an edit. */
export function updateBlocker(p: Processor, patch: UpdateProcessor, now: Date, timeZone = DEFAULT_TIME_ZONE): Refusal | null {
  const { status, ...fields } = patch;
  if (status !== undefined) {
    const blocker = statusChangeBlocker(p, status, now, timeZone);
    if (blocker) return blocker;
  }
  return Object.keys(fields).length > 0 ? processorActionBlocker(p, 'edit', now, timeZone) : null;
}

export function processorActions(p: Processor, caller: Caller, now: Date, timeZone = DEFAULT_TIME_ZONE): Actions<ProcessorActionName> {
  return decideActions(caller.role, actionPermissions.processor, (a) => processorActionBlocker(p, a, now, timeZone));
}
