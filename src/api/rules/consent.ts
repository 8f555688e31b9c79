import type { Actions } from '@/api/contract/common';
import type { ConsentEvent, ConsentPurpose, PurposeState, SubjectActionName, ValidityPeriod } from '@/api/contract/consent';
import { consentPurposes } from '@/api/contract/consent';
import { actionPermissions } from '@/api/contract/endpoints';
import type { Caller, Refusal } from './actions';
import { conflict, decideActions } from './actions';

/**
 * The current consent of one subject: the fold of its events, per purpose. A withdrawal takes effect
 * from its time and closes the period that was open; what happened inside that period stays lawful.
 */
export function foldConsent(events: readonly ConsentEvent[]): PurposeState[] {
  const sorted = [...events].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.id.localeCompare(b.id));
  return consentPurposes.map((purpose) => {
    const periods: ValidityPeriod[] = [];
    let state: PurposeState['state'] = 'never_asked';
    let since: string | null = null;
    for (const e of sorted) {
      if (e.purpose !== purpose) continue;
      const open = periods.at(-1);
      if (e.action === 'granted') {
        if (!open || open.to !== null) periods.push({ from: e.occurredAt, to: null });
        if (state !== 'granted') since = e.occurredAt;
        state = 'granted';
      } else {
        if (open && open.to === null) open.to = e.occurredAt;
        if (state !== 'withdrawn') since = e.occurredAt;
        state = 'withdrawn';
      }
    }
    return { purpose, state, since, periods };
  });
}

/** Whether processing for `purpose` at `at` was covered by consent (policy 5.2). */
export function wasLawfulAt(states: readonly PurposeState[], purpose: ConsentPurpose, at: string): boolean {
  const s = states.find((x) => x.purpose === purpose);
  return !!s?.periods.some((p) => p.from <= at && (p.to === null || at < p.to));
}

/** j***@example.com: enough to recognise, not enough to use. */
export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** Why an action on a person's record is refused, beyond the role's permission; null when allowed. */
export function subjectActionBlocker(subject: { email: string | null }, action: SubjectActionName): Refusal | null {
  if (action === 'revealEmail' && subject.email === null) return conflict('No email address is on record for this person');
  return null;
}

export function subjectActions(subject: { email: string | null }, caller: Caller): Actions<SubjectActionName> {
  return decideActions(caller.role, actionPermissions.subject, (a) => subjectActionBlocker(subject, a));
}
