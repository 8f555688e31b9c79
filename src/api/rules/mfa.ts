import type { MfaPolicy, UserAccountActionName } from '@/api/contract/mfa';
import type { Role } from '@/api/contract/roles';
import type { Caller, Refusal } from './actions';
import { conflict, forbidden } from './actions';

/** Whether REQUIRE_MFA makes a role use two-factor sign-in with its password. */
export function mfaRequired(role: Role, policy: MfaPolicy): boolean {
  return policy === 'all' || (policy === 'officers' && role === 'privacy_officer');
}

/**
 * Whether a user may turn their own two-factor off: only when it is on, and not when REQUIRE_MFA makes
 * their role use it (then an officer's reset is the way back from a lost phone, and enrolment follows).
 */
export function turnOffMfaRule(role: Role, enrolled: boolean, policy: MfaPolicy): Refusal | null {
  if (!enrolled) return conflict('Two-factor sign-in is not on for you');
  if (mfaRequired(role, policy)) {
    return forbidden(
      policy === 'all'
        ? 'This console requires two-factor sign-in for everyone (REQUIRE_MFA=all), so it stays on'
        : 'This console requires two-factor sign-in for privacy officers (REQUIRE_MFA=officers), so yours stays on',
    );
  }
  return null;
}

/** A TOTP code's time step (RFC 6238: 30 seconds since the epoch). */
export const TOTP_PERIOD_SECONDS = 30;
export function timeStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/**
 * Whether a code of time step `step` may be accepted after `lastStep`: only a later step than the last one
 * accepted, so a code (seen over a shoulder, or sent twice) cannot be used again within its window.
 */
export function freshStep(step: number, lastStep: number): boolean {
  return step > lastStep;
}

/** A recovery code as typed: case, spaces and dashes do not matter. */
export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}

/** What officers may do to a user account, by its state (the permission `users.manage` comes first). */
export function userAccountRule(
  caller: Caller,
  target: { id: string; status: 'active' | 'pending'; mfaEnrolled: boolean },
  action: UserAccountActionName,
): Refusal | null {
  if (action === 'confirm') return target.status === 'pending' ? null : conflict('This user is confirmed already');
  if (target.id === caller.id) return conflict('Change your own two-factor sign-in from your Security page');
  return target.mfaEnrolled ? null : conflict('This user has no two-factor sign-in to reset');
}
