import type { ActionState, Actions } from '@/api/contract/common';
import type { RecordKind } from '@/api/contract/endpoints';
import { actionPermissions } from '@/api/contract/endpoints';
import type { Session } from '@/api/contract/users';
import type { Permission } from '@/api/rules/permissions';
import { can } from './can';
import { useSession } from './session';

/** The action names of one kind of record, as the contract's endpoint table lists them. */
export type ActionName<R extends RecordKind> = keyof (typeof actionPermissions)[R] & string;

/**
 * An action as the console draws it: `refusal` is null when the record allows it now, else the API's
 * reason, shown beside the disabled control.
 */
export type Offer = { refusal: string | null };

/** The reason a record refuses an action now, or null when it allows it. */
export function refusalOf(state: ActionState): string | null {
  return state.allowed ? null : (state.reason ?? 'Not possible now');
}

/** Whether the caller's role may ever take this action: the action's endpoint permission, read from the session. */
export function mayEver<R extends RecordKind>(session: Pick<Session, 'permissions'>, kind: R, action: ActionName<R>): boolean {
  const permissions: Readonly<Record<string, Permission>> = actionPermissions[kind];
  const permission = permissions[action];
  return permission !== undefined && can(session, permission);
}

/**
 * What to draw for an action on a record: nothing (null) when the role can never take it, else the
 * record's answer. The answer comes from the API as of its response, by the rule its endpoint enforces,
 * so the page neither repeats the rule nor offers what the API would refuse.
 */
export function offerOf<R extends RecordKind, A extends ActionName<R>>(
  session: Pick<Session, 'permissions'>,
  kind: R,
  actions: Actions<A>,
  action: A,
): Offer | null {
  if (!mayEver(session, kind, action)) return null;
  return { refusal: refusalOf(actions[action]) };
}

/** `offerOf` for the signed-in user: `const offer = useOffers('deletion', request.actions); offer('approve')`. */
export function useOffers<R extends RecordKind, A extends ActionName<R>>(kind: R, actions: Actions<A>): (action: A) => Offer | null {
  const session = useSession();
  return (action) => offerOf(session, kind, actions, action);
}

/**
 * How a record's set of actions reads as a whole: `none` when the role has none of them (it reads and
 * acts on nothing), `closed` when the record refuses each one now (a finished request), else `open`.
 */
export function actionsPanel(offers: readonly (Offer | null)[]): 'none' | 'closed' | 'open' {
  const drawn = offers.filter((offer) => offer !== null);
  if (drawn.length === 0) return 'none';
  return drawn.every((offer) => offer.refusal !== null) ? 'closed' : 'open';
}
