import type { SupportAccessRequest } from '@/api/contract/support-access';
import type { User } from '@/api/contract/users';

export type OfferedAction = 'consent' | 'credentials' | 'cancel' | 'approve' | 'deny' | 'revoke' | 'withdraw-consent' | 'reveal';

/** The status the server will find: its clock ends a pending request or a grant, the page only anticipates it. */
export function effectiveStatus(request: SupportAccessRequest, now: Date): SupportAccessRequest['status'] {
  if (request.status === 'pending' && now >= new Date(request.decideBy)) return 'expired';
  if (request.status === 'active' && request.grantEndsAt && now >= new Date(request.grantEndsAt)) return 'ended';
  return request.status;
}

/**
 * The actions to offer this viewer on this request: the API's rules seen from the page (the API checks
 * them again and has the last word). Auditors are offered nothing.
 */
export function offeredActions(request: SupportAccessRequest, user: Pick<User, 'id' | 'role'>, now: Date): ReadonlySet<OfferedAction> {
  const status = effectiveStatus(request, now);
  const mine = request.requesterId === user.id;
  const offered = new Set<OfferedAction>();
  const open = status === 'pending' || status === 'active';
  if (user.role === 'support_agent' && mine) {
    if (status === 'pending') for (const action of ['consent', 'credentials', 'cancel'] as const) offered.add(action);
    if (status === 'active') offered.add('reveal');
    if (open && request.consent) offered.add('withdraw-consent');
  }
  if (user.role === 'privacy_officer') {
    if (status === 'pending' && !mine) {
      offered.add('approve');
      offered.add('deny');
    }
    if (status === 'active') offered.add('revoke');
    if (open && request.consent) offered.add('withdraw-consent');
  }
  return offered;
}
