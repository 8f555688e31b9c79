import type { Account, AccountActionName } from '@/api/contract/accounts';
import type { Actions } from '@/api/contract/common';
import { actionPermissions } from '@/api/contract/endpoints';
import type { Caller, Refusal } from './actions';
import { conflict, decideActions } from './actions';

/**
 * Why an action on an account is refused, beyond the role's permission; null when allowed. An account is
 * cancelled once; it has at most one open deletion request (`openDeletionId`).
 */
export function accountActionBlocker(
  account: Pick<Account, 'name' | 'status'>,
  openDeletionId: string | null,
  action: AccountActionName,
): Refusal | null {
  switch (action) {
    case 'cancel':
      return account.status === 'active' ? null : conflict(`${account.name} is already cancelled`);
    case 'requestDeletion':
      return openDeletionId ? conflict(`${account.name} already has an open deletion request (${openDeletionId})`) : null;
  }
}

export function accountActions(
  account: Pick<Account, 'name' | 'status'>,
  openDeletionId: string | null,
  caller: Caller,
): Actions<AccountActionName> {
  return decideActions(caller.role, actionPermissions.account, (a) => accountActionBlocker(account, openDeletionId, a));
}

/** The actions an account list answers: those decided by the account record alone. */
export function accountListActions(account: Pick<Account, 'name' | 'status'>, caller: Caller): Actions<'cancel'> {
  return decideActions(caller.role, { cancel: actionPermissions.account.cancel }, (a) => accountActionBlocker(account, null, a));
}
