import type { Actions } from '@/api/contract/common';
import type {
  Art34Exception,
  Breach,
  BreachActionName,
  BreachClock,
  BreachDecision,
  BreachNotification,
  NotificationAudience,
  RiskLevel,
} from '@/api/contract/breaches';
import { actionPermissions } from '@/api/contract/endpoints';
import type { Caller, Refusal } from './actions';
import { conflict, decideActions } from './actions';
import { addHours } from './time';

/**
 * GDPR Art. 33(1): the controller notifies the supervisory authority without undue delay and, where feasible,
 * within 72 hours of becoming aware. Counted as 72 elapsed hours from the awareness instant (not three calendar
 * days): across a DST change the deadline's local time of day moves by the hour the clock moved. (Reg. 1182/71
 * Art. 3(1) would start counting at the next full hour; we do not lean on that.)
 */
const AUTHORITY_NOTICE_HOURS = 72;
/** Art. 33(2) and policy 5.3: as processor we tell the customer without undue delay; our terms set the hours (a setting). */
export const DEFAULT_CUSTOMER_NOTICE_HOURS = 48;
/** Reminders to the owner and the officers, in hours from awareness. */
const BREACH_REMINDER_HOURS = [24, 48, 66] as const;

export function authorityDeadline(awareAt: string): Date {
  return addHours(new Date(awareAt), AUTHORITY_NOTICE_HOURS);
}

export function customerDeadline(awareAt: string, hours: number): Date {
  return addHours(new Date(awareAt), hours);
}

const level: Record<RiskLevel, number> = { low: 1, medium: 2, high: 3 };

/**
 * What the law requires from a risk assessment (likelihood times severity, as ENISA's and the EDPB's
 * guidelines 9/2022 weigh them): unlikely to result in a risk (score 1-2) -> documented only (Art. 33(1), 33(5));
 * a risk (3-4) -> the authority; a high risk (6-9) -> the authority and the people (Art. 34(1)), unless an
 * Art. 34(3) exception applies, when the authority alone (with a public notice for disproportionate effort).
 */
export function breachDecision(likelihood: RiskLevel, severity: RiskLevel, exception: Art34Exception | null): BreachDecision {
  const score = level[likelihood] * level[severity];
  if (score <= 2) return 'no_notification';
  if (score < 6) return 'authority';
  return exception ? 'authority' : 'authority_and_people';
}

/** Art. 34(1): people are told individually when the risk to them is high and no Art. 34(3) exception applies. */
export function peopleMustBeTold(breach: Pick<Breach, 'assessment'>): boolean {
  return breach.assessment?.decision === 'authority_and_people';
}

/** Art. 33(1) binds us as controller: our own data. Until assessed, the notice is presumed required. */
export function authorityRequired(breach: Pick<Breach, 'concerns' | 'assessment'>): boolean {
  if (breach.concerns === 'customer_content') return false;
  return breach.assessment === null || breach.assessment.decision !== 'no_notification';
}

/** Art. 33(2): as processor we tell every affected customer of any breach of their content, whatever the risk. */
export function customersRequired(breach: Pick<Breach, 'concerns'>): boolean {
  return breach.concerns !== 'own_data';
}

const sentTo = (breach: Pick<Breach, 'notifications'>, audience: NotificationAudience): BreachNotification[] =>
  breach.notifications.filter((n) => n.audience === audience && n.status === 'sent');

/** Art. 33(4): information may come in phases; the next notice to an audience is phase n + 1. */
export function nextPhase(breach: Pick<Breach, 'notifications'>, audience: NotificationAudience): number {
  return sentTo(breach, audience).length + 1;
}

/** The deadline of an audience's first notice; people have none in hours ("without undue delay", Art. 34(1)). */
function deadlineFor(breach: Pick<Breach, 'awareAt'>, audience: NotificationAudience, customerHours: number): Date | null {
  if (audience === 'authority') return authorityDeadline(breach.awareAt);
  if (audience === 'customers') return customerDeadline(breach.awareAt, customerHours);
  return null;
}

/**
 * Whether a notice sent at `sentAt` is late: only the first phase runs against the clock (a later phase adds
 * to a notice already given, Art. 33(4)). A late one must give the reasons for the delay (Art. 33(1)).
 */
export function isLate(
  breach: Pick<Breach, 'awareAt' | 'notifications'>,
  audience: NotificationAudience,
  sentAt: Date,
  customerHours: number,
): boolean {
  const deadline = deadlineFor(breach, audience, customerHours);
  return deadline !== null && nextPhase(breach, audience) === 1 && sentAt.getTime() > deadline.getTime();
}

/** Each clock of a breach as of `now`: running until its first notice is sent, then met or sent late. */
export function breachClocks(breach: Breach, now: Date, customerHours: number): BreachClock[] {
  const clock = (audience: 'authority' | 'customers', deadline: Date, required: boolean): BreachClock => {
    const first = sentTo(breach, audience)[0];
    const secondsLeft = Math.floor((deadline.getTime() - now.getTime()) / 1000);
    if (first) {
      return { audience, deadline: deadline.toISOString(), required, state: first.late ? 'late' : 'met', secondsLeft: null };
    }
    if (!required) return { audience, deadline: deadline.toISOString(), required, state: 'not_required', secondsLeft: null };
    if (breach.status === 'closed') return { audience, deadline: deadline.toISOString(), required, state: 'missed', secondsLeft: null };
    return { audience, deadline: deadline.toISOString(), required, state: secondsLeft < 0 ? 'missed' : 'running', secondsLeft };
  };
  const clocks: BreachClock[] = [];
  if (breach.concerns !== 'customer_content') clocks.push(clock('authority', authorityDeadline(breach.awareAt), authorityRequired(breach)));
  if (customersRequired(breach)) clocks.push(clock('customers', customerDeadline(breach.awareAt, customerHours), true));
  return clocks;
}

/** The reminder hours (24, 48, 66) passed by `now` while the authority's or customers' first notice is still due. */
export function dueReminders(breach: Breach, now: Date, customerHours: number): number[] {
  if (breach.status === 'closed') return [];
  const running = breachClocks(breach, now, customerHours).some((c) => c.state === 'running' || c.state === 'missed');
  if (!running) return [];
  const elapsed = now.getTime() - new Date(breach.awareAt).getTime();
  return BREACH_REMINDER_HOURS.filter((h) => elapsed >= h * 3_600_000);
}

/** Why a breach cannot be closed yet: it is assessed (Art. 33(5)) and every notice it requires has gone out. */
export function closeBlocker(breach: Breach): Refusal | null {
  if (breach.status === 'closed') return conflict('This breach is already closed');
  if (!breach.assessment) return conflict('Record the risk assessment first: every breach is documented with its reasoning (Art. 33(5))');
  if (authorityRequired(breach) && sentTo(breach, 'authority').length === 0)
    return conflict('Send the notification to the supervisory authority first (Art. 33(1))');
  if (peopleMustBeTold(breach) && sentTo(breach, 'people').length === 0)
    return conflict('Tell the people affected first: the risk to them is high (Art. 34(1))');
  if (customersRequired(breach) && sentTo(breach, 'customers').length === 0)
    return conflict('Tell the affected customers first (Art. 33(2))');
  return null;
}

export const closedRefusal = conflict('This breach is closed: its record stays as it was documented');
const noDraftRefusal = conflict('There is no draft notification');

/** Why a draft cannot be edited or recorded as sent: a closed breach, no draft at all, or one already sent. */
export function notificationEditBlocker(breach: Breach, notificationId: string): Refusal | null {
  if (breach.status === 'closed') return closedRefusal;
  if (!breach.notifications.some((n) => n.status === 'draft')) return noDraftRefusal;
  const n = breach.notifications.find((x) => x.id === notificationId);
  if (n && n.status === 'sent') return conflict('This notification was sent: its text is kept as sent. Add a follow-up instead');
  return null;
}

export function breachActions(breach: Breach, caller: Caller): Actions<BreachActionName> {
  return decideActions(caller.role, actionPermissions.breach, (action) => {
    if (action === 'exportAffected') return null;
    if (action === 'close') return closeBlocker(breach);
    if (breach.status === 'closed') return closedRefusal;
    if (action === 'editNotification' || action === 'sendNotification') {
      return breach.notifications.some((n) => n.status === 'draft') ? null : noDraftRefusal;
    }
    return null;
  });
}
