/**
 * Sign-in throttling (issue 17), as pure rules; services/session.ts applies them, the stores count.
 *
 * Each attempt is counted BEFORE its password is checked, in one statement on the store, so a burst of
 * concurrent attempts (on any number of instances) cannot all pass the check: the attempt that would be
 * one too many is refused with 429 without its password being looked at. An attempt whose password was
 * right takes its count back. Past `threshold` counted failures a counter holds further attempts back for a
 * delay that doubles with each failure, up to `maxSeconds`; a day without attempts starts it over. Nothing
 * is ever locked: after the delay the right password works.
 *
 * Which counters an attempt for account E from address A runs against:
 * - A is a known address of E (E signed in from A within KNOWN_ADDRESS_DAYS): only "E from A". A stranger
 *   elsewhere, or spraying from a shared address, cannot slow the owner down where they usually sign in.
 * - otherwise: "E from any unknown address" (5 failures), and "A, any account" (20: an office behind one
 *   address is many people), so guessing one account from many addresses, and many accounts from one
 *   address, are both slowed down.
 * Unknown emails go through the same counters and the same password work as real ones, so neither the
 * answer nor its time tells whether an account exists.
 */

export type ThrottleRule = {
  /** Failures (counted attempts) after which attempts are held back. */
  threshold: number;
  /** The first hold, in seconds; each further failure doubles it... */
  baseSeconds: number;
  /** ...up to this. */
  maxSeconds: number;
  /** A counter that saw no attempt for this long starts over. */
  windowSeconds: number;
};

const DAY = 86_400;

export const accountRule: ThrottleRule = { threshold: 5, baseSeconds: 15, maxSeconds: 15 * 60, windowSeconds: DAY };
const addressRule: ThrottleRule = { threshold: 20, baseSeconds: 15, maxSeconds: 15 * 60, windowSeconds: DAY };
/** How long a successful sign-in makes an address known for that account. */
export const KNOWN_ADDRESS_DAYS = 90;

/** The counters that one attempt runs against, with their rules. */
export function throttleKeys(email: string, address: string, known: boolean): { key: string; rule: ThrottleRule; account: boolean }[] {
  const account = email.trim().toLowerCase();
  if (known) return [{ key: `account:${account} from ${address}`, rule: accountRule, account: true }];
  return [
    { key: `address:${address}`, rule: addressRule, account: false },
    { key: `account:${account} from unknown addresses`, rule: accountRule, account: true },
  ];
}

/**
 * How long a counter at `failures` holds the next attempt back: nothing below the threshold, then
 * baseSeconds, doubling, capped. The SQL store's statement computes the same (the store suite pins both).
 */
function holdSeconds(failures: number, rule: ThrottleRule): number {
  if (failures < rule.threshold) return 0;
  return Math.min(rule.maxSeconds, rule.baseSeconds * 2 ** Math.min(failures - rule.threshold, 30));
}

/** What one claim answers: the attempt may go ahead (as failure number `failures`), or must wait. */
export type ThrottleClaim = { allowed: true; failures: number } | { allowed: false; retryAt: string };

/** A counter as stored. */
export type ThrottleCounter = { key: string; failures: number; blockedUntil: string | null; updatedAt: string };

/**
 * The counter after one more attempt at `now`, or null when the attempt must wait: the MemoryStore's
 * claim, and the specification of the SQL statement's.
 */
export function claimed(current: ThrottleCounter | null, key: string, rule: ThrottleRule, now: Date): ThrottleCounter | null {
  if (current?.blockedUntil && new Date(current.blockedUntil) > now) return null;
  const stale = !current || new Date(current.updatedAt).getTime() <= now.getTime() - rule.windowSeconds * 1000;
  const failures = stale ? 1 : current.failures + 1;
  const hold = holdSeconds(failures, rule);
  return {
    key,
    failures,
    blockedUntil: hold > 0 ? new Date(now.getTime() + hold * 1000).toISOString() : null,
    updatedAt: now.toISOString(),
  };
}

/** The counter once an attempt it counted proved right: one failure fewer, and no hold below the threshold. */
export function released(current: ThrottleCounter, rule: ThrottleRule): ThrottleCounter {
  const failures = Math.max(current.failures - 1, 0);
  return { ...current, failures, blockedUntil: failures < rule.threshold ? null : current.blockedUntil };
}
