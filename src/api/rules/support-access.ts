import type { AccessStatus, SupportAccessRequest } from '@/api/contract/support-access';

type Req = Pick<SupportAccessRequest, 'status' | 'decideBy' | 'grantEndsAt' | 'requesterId' | 'consent'>;

export const OPEN_ACCESS_STATUSES: readonly AccessStatus[] = ['pending', 'active'];
export const FINAL_ACCESS_STATUSES: readonly AccessStatus[] = ['denied', 'expired', 'revoked', 'withdrawn', 'ended', 'cancelled'];

/**
 * What the clock has done to a request since it was stored: a pending one past its decision window
 * has expired, an active grant past its end has ended. Decided on the server's clock, on every request.
 */
export function lapsedStatus(r: Req, now: Date): 'expired' | 'ended' | null {
  if (r.status === 'pending' && now >= new Date(r.decideBy)) return 'expired';
  if (r.status === 'active' && r.grantEndsAt && now >= new Date(r.grantEndsAt)) return 'ended';
  return null;
}

export type AccessAction = 'consent' | 'credentials' | 'approve' | 'deny' | 'revoke' | 'withdraw-consent' | 'cancel' | 'reveal';

/**
 * Why `action` by `actorId` is refused in the request's current state, or null when it is allowed.
 * Role checks come first (permissions.ts); this is the state machine and the who-may rules.
 */
export function accessActionBlocker(r: Req, action: AccessAction, actorId: string, now: Date): string | null {
  const lapsed = lapsedStatus(r, now);
  const status = lapsed ?? r.status;
  const mine = r.requesterId === actorId;
  switch (action) {
    case 'consent':
    case 'credentials':
    case 'cancel':
      if (!mine) return 'Only the agent who asked can do this';
      return status === 'pending' ? null : `The request is ${status}`;
    case 'approve':
      if (mine) return 'A request cannot be approved by the person who made it';
      if (status !== 'pending') return `The request is ${status}`;
      return r.consent ? null : "The customer's explicit consent is not recorded yet";
    case 'deny':
      if (mine) return 'A request cannot be decided by the person who made it';
      return status === 'pending' ? null : `The request is ${status}`;
    case 'revoke':
      return status === 'active' ? null : `Only an active grant can be revoked; the request is ${status}`;
    case 'withdraw-consent':
      return status === 'pending' || status === 'active' ? null : `The request is ${status}`;
    case 'reveal':
      if (!mine) return 'Only the agent who asked can see the login details';
      return status === 'active' ? null : `Login details are available only during an active grant; the request is ${status}`;
  }
}
