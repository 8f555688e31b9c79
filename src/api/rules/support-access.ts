import type { Account } from '@/api/contract/accounts';
import type { Actions } from '@/api/contract/common';
import { actionPermissions } from '@/api/contract/endpoints';
import type { AccessStatus, SupportAccessActionName, SupportAccessRequest } from '@/api/contract/support-access';
import type { Caller, Refusal } from './actions';
import { conflict, decideActions, forbidden } from './actions';

type Req = Pick<SupportAccessRequest, 'status' | 'decideBy' | 'grantEndsAt' | 'requesterId' | 'consent' | 'hasCredentials'>;

/** Still waiting for the customer's consent: none yet, or an agent-recorded one no officer has confirmed. */
export function consentAwaited(r: Pick<SupportAccessRequest, 'consent'>): boolean {
  return r.consent === null || (r.consent.recordedBy !== null && r.consent.confirmedBy === null);
}

/** What a pending request waits for (the status line says it in words); null once it is not pending. */
export function accessWaitingFor(r: Req, now: Date): 'customer_consent' | 'consent_confirmation' | 'officer' | null {
  if (effectiveAccessStatus(r, now) !== 'pending') return null;
  if (r.consent === null) return 'customer_consent';
  return consentAwaited(r) ? 'consent_confirmation' : 'officer';
}

/**
 * Why support access cannot be asked for on an account, or null when it can: a self-hosted account's
 * content is on the customer's own servers (policy 5.1), a cancelled one has no instance left. `field`
 * is the short message beside the account field, `reason` the sentence that explains it.
 */
export function accessAccountRefusal(
  account: Pick<Account, 'hosting' | 'status'>,
  openDeletionId: string | null = null,
): { field: string; reason: string } | null {
  if (account.hosting === 'self_hosted') {
    return {
      field: 'Self-hosted: nothing to access',
      reason: "Self-hosted: its content is on the customer's own servers, so there is nothing of ours to access (policy 5.1).",
    };
  }
  if (account.status !== 'active')
    return { field: 'Account is cancelled', reason: 'Cancelled: the account has no active instance to look into.' };
  if (openDeletionId !== null)
    return {
      field: 'Deletion under way',
      reason: `A deletion request (${openDeletionId}) is open for this account: its data is being deleted.`,
    };
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
      if (!mine) return forbidden('Only the agent who asked can do this');
      if (status !== 'pending') return conflict(`The request is ${status}`);
      return r.consent ? conflict("The customer's consent is recorded already") : null;
    case 'issueConsentLink':
      if (!mine) return forbidden('Only the agent who asked can do this');
      if (status !== 'pending') return conflict(`The request is ${status}`);
      return r.consent ? conflict('The customer has consented already') : null;
    case 'credentials':
      if (!mine) return forbidden('Only the agent who asked can do this');
      if (status !== 'pending') return conflict(`The request is ${status}`);
      // The customer gives the login details on the consent page; the agent only beside a phone consent.
      return r.consent && r.consent.recordedBy !== null ? null : conflict('The customer enters the login details on the consent page');
    case 'cancel':
      if (!mine) return forbidden('Only the agent who asked can do this');
      return status === 'pending' ? null : conflict(`The request is ${status}`);
    case 'confirmConsent':
      if (mine) return forbidden('The consent an agent recorded is confirmed by someone else');
      if (status !== 'pending') return conflict(`The request is ${status}`);
      if (!r.consent || r.consent.recordedBy === null) return conflict('There is no agent-recorded consent to confirm');
      return r.consent.confirmedBy === null ? null : conflict('The consent is confirmed already');
    case 'approve':
      if (mine) return forbidden('A request cannot be approved by the person who made it');
      if (status !== 'pending') return conflict(`The request is ${status}`);
      if (!r.consent) return conflict("The customer's explicit consent is not given yet");
      if (consentAwaited(r)) return conflict('The consent the agent recorded must first be confirmed by another officer');
      if (r.consent.confirmedBy === caller.id) return forbidden('The officer who confirmed the consent cannot also approve');
      return null;
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
