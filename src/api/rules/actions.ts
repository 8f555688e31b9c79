import type { ActionState, Actions } from '@/api/contract/common';
import type { Role } from '@/api/contract/roles';
import type { User } from '@/api/contract/users';
import type { Permission } from './permissions';
import { permissionRefusal } from './permissions';

/**
 * Why an action is refused: `forbidden` (403) when it is not this caller's to take, `conflict` (409)
 * when the record's state does not allow it now. Services throw it; `actions` report its reason.
 */
export type Refusal = { code: 'forbidden' | 'conflict'; reason: string };

/** Who asks: rules decide by the caller's id (own request, four eyes) and role (permissions). */
export type Caller = Pick<User, 'id' | 'role'>;

export const forbidden = (reason: string): Refusal => ({ code: 'forbidden', reason });
export const conflict = (reason: string): Refusal => ({ code: 'conflict', reason });

export function actionState(refusal: Refusal | null): ActionState {
  return refusal ? { allowed: false, reason: refusal.reason } : { allowed: true, reason: null };
}

/** The refusal the caller meets first: the endpoint's permission (checked by the app), then the record's rule. */
export function refusalOf<A extends string>(
  role: Role,
  permissionOf: Readonly<Record<A, Permission>>,
  action: A,
  recordRule: (action: A) => Refusal | null,
): Refusal | null {
  return permissionRefusal(role, permissionOf[action]) ?? recordRule(action);
}

/** The caller's actions on one record, from the action's permission and the record's own rule. */
export function decideActions<A extends string>(
  role: Role,
  permissionOf: Readonly<Record<A, Permission>>,
  recordRule: (action: A) => Refusal | null,
): Actions<A> {
  const names = Object.keys(permissionOf) as A[];
  return Object.fromEntries(names.map((a) => [a, actionState(refusalOf(role, permissionOf, a, recordRule))])) as Actions<A>;
}
