import type { Account } from '@/api/contract/accounts';
import type { Actions } from '@/api/contract/common';
import { actionPermissions } from '@/api/contract/endpoints';
import type { AccessStatus, SupportAccessActionName, SupportAccessRequest } from '@/api/contract/support-access';
import type { Caller, Refusal } from './actions';
import { conflict, decideActions, forbidden } from './actions';

type Req = Pick<SupportAccessRequest, 'status' | 'decideBy' | 'grantEndsAt' | 'requesterId' | 'consent' | 'hasCredentials'>;

export const OPEN_ACCESS_STATUSES: readonly AccessStatus[] = ['pending', 'active'];
export const FINAL_ACCESS_STATUSES: readonly AccessStatus[] = ['denied', 'expired', 'revoked', 'withdrawn', 'ended', 'cancelled'];

/**
 * Why support access cannot be asked for on an account, or null when it can: a self-hosted account's
 * content is on the customer's own servers (policy 5.1), a cancelled one has no instance left. `field`
 * is the short message beside the account field, `reason` the sentence that explains it.
 */
export function accessAccountRefusal(account: Pick<Account, 'hosting' | 'status'>): { field: string; reason: string } | null {
  if (account.hosting === 'self_hosted') {
    return {
      field: 'Self-hosted: nothing to access',
      reason: "Self-hosted: its content is on the customer's own servers, so there is nothing of ours to access (policy 5.1).",
    };
  }
  if (account.status !== 'active')
    return { field: 'Account is cancelled', reason: 'Cancelled: the account has no active instance to look into.' };
  return null;
}

/**
 * What the clock has done to a request since it was stored: a pending one past its decision window
 * has expired, an active grant past its end has ended. Decided on the server's clock, on every request.
 */
export function lapsedStatus(r: Pick<Req, 'status' | 'decideBy' | 'grantEndsAt'>, now: Date): 'expired' | 'ended' | null {
  if (r.status === 'pending' && now >= new Date(r.decideBy)) return 'expired';
  if (r.status === 'active' && r.grantEndsAt && now >= new Date(r.grantEndsAt)) return 'ended';
  return null;
}

/** The status as of `now`: what the API answers, and what every rule below decides by. */
export function effectiveAccessStatus(r: Pick<Req, 'status' | 'decideBy' | 'grantEndsAt'>, now: Date): AccessStatus {
  return lapsedStatus(r, now) ?? r.status;
}

/**
 * Why `action` by `caller` is refused in the request's state as of `now`, or null when it is allowed.
 * The role's permission is the endpoint's (checked by the app first); this is the state machine and the
 * who-may rules.
 */
export function accessActionBlocker(r: Req, action: SupportAccessActionName, caller: Pick<Caller, 'id'>, now: Date): Refusal | null {
  const status = effectiveAccessStatus(r, now);
  const mine = r.requesterId === caller.id;
  switch (action) {
    case 'consent':
    case 'credentials':
    case 'cancel':
      if (!mine) return forbidden('Only the agent who asked can do this');
      return status === 'pending' ? null : conflict(`The request is ${status}`);
    case 'approve':
      if (mine) return forbidden('A request cannot be approved by the person who made it');
      if (status !== 'pending') return conflict(`The request is ${status}`);
      return r.consent ? null : conflict("The customer's explicit consent is not recorded yet");
    case 'deny':
      if (mine) return forbidden('A request cannot be decided by the person who made it');
      return status === 'pending' ? null : conflict(`The request is ${status}`);
    case 'revoke':
      return status === 'active' ? null : conflict(`Only an active grant can be revoked; the request is ${status}`);
    case 'withdrawConsent':
      if (status !== 'pending' && status !== 'active') return conflict(`The request is ${status}`);
      return r.consent ? null : conflict("The customer's consent is not recorded, so there is none to withdraw");
    case 'reveal':
      if (!mine) return forbidden('Only the agent who asked can see the login details');
      if (status !== 'active') return conflict(`Login details are available only during an active grant; the request is ${status}`);
      return r.hasCredentials ? null : conflict('No login details are attached to this request');
  }
}

export function supportAccessActions(r: Req, caller: Caller, now: Date): Actions<SupportAccessActionName> {
  return decideActions(caller.role, actionPermissions.supportAccess, (a) => accessActionBlocker(r, a, caller, now));
}
