import type { Actions } from '@/api/contract/common';
import { actionPermissions } from '@/api/contract/endpoints';
import type { SettingsActionName } from '@/api/contract/settings';
import type { Caller } from './actions';
import { decideActions } from './actions';

/** Settings have no state that refuses a change: the role's permission decides. */
export function settingsActions(caller: Caller): Actions<SettingsActionName> {
  return decideActions(caller.role, actionPermissions.settings, () => null);
}
