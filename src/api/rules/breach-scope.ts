import type { Account } from '@/api/contract/accounts';
import type { Breach } from '@/api/contract/breaches';
import type { ConsentEvent, ConsentPurpose } from '@/api/contract/consent';
import type { Processor } from '@/api/contract/processors';
import { CANCELLATION_DELETION_DAYS } from './deadlines';
import { holdsAccountData } from './deletions';

/** Who a breach affects, from its systems, the registry and the consent ledger (policy 5.6, GDPR Art. 33(3)(a)). */

/** The instants a breach spans: a single instant, or its range. */
export function breachWindow(breach: Pick<Breach, 'occurredFrom' | 'occurredTo'>): { from: string; to: string } {
  return { from: breach.occurredFrom, to: breach.occurredTo ?? breach.occurredFrom };
}

/**
 * How a system's affected people are found. A processor whose every purpose rests on a consent (MailChimp:
 * marketing emails) holds the people who had that consent at the time, from the ledger; one that holds account
 * data holds the accounts that existed then; anything else, no one we can count.
 */
export type SystemBasis = { kind: 'consent'; purposes: ConsentPurpose[] } | { kind: 'accounts' } | { kind: 'none' };

export function systemBasis(p: Processor): SystemBasis {
  const purposes = [...new Set(p.purposes.flatMap((x) => (x.consentPurpose ? [x.consentPurpose] : [])))];
  if (p.purposes.length > 0 && purposes.length === p.purposes.length) return { kind: 'consent', purposes };
  if (holdsAccountData(p)) return { kind: 'accounts' };
  return { kind: 'none' };
}

/** Whether a system holds website visitors' data (which only the ledger can count). */
export const holdsVisitors = (p: Processor): boolean => p.dataSubjects.includes('website_visitors');

/**
 * Whether an account's data was held during the window: it existed by its end and was not deleted before its
 * start (a cancelled account's data is kept up to 30 days, policy 5.7). Customers' content is only on our
 * servers for cloud accounts (policy 5.1).
 */
export function accountHeldDuring(account: Account, window: { from: string; to: string }, contentOnly: boolean): boolean {
  if (contentOnly && account.hosting !== 'cloud') return false;
  if (account.createdAt > window.to) return false;
  if (account.cancelledAt) {
    const gone = new Date(account.cancelledAt).getTime() + CANCELLATION_DELETION_DAYS * 86_400_000;
    if (gone < new Date(window.from).getTime()) return false;
  }
  return true;
}

const eventOrder = (a: ConsentEvent, b: ConsentEvent): number =>
  a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * Whether one person's consent to one purpose was granted at some instant of [from, to]: the newest event at or
 * before `from` is a grant, or a grant falls after `from` and no later than `to`. `events` are that person's
 * events for that purpose, in any order. Stores answer the same (Tx.consentEvents.grantedDuring).
 */
export function grantedDuring(events: readonly ConsentEvent[], from: string, to: string): boolean {
  const sorted = [...events].sort(eventOrder);
  let atStart: ConsentEvent | null = null;
  for (const e of sorted) {
    if (e.occurredAt <= from) atStart = e;
    else if (e.occurredAt <= to && e.action === 'granted') return true;
  }
  return atStart?.action === 'granted';
}
