import type { Session } from '@/api/contract/users';
import { roles } from '@/api/contract/roles';
import { permissionNames } from '@/api/rules/permissions';
import type { Check } from './lean-check';
import { array, boolean, check, emailPattern, object, oneOf, optional, string } from './lean-check';

/**
 * The contract's `session` schema (users.ts) without zod, for the session the server writes into the page: the
 * console paints its first page without loading zod (lean-check.test.ts holds the two together).
 */
export const sessionCheck: Check<Session> = check(
  object({
    user: object({
      id: string({ plain: true, min: 1, max: 64 }),
      email: string({ pattern: emailPattern }),
      name: string(),
      role: oneOf(roles),
    }),
    permissions: array(oneOf(permissionNames)),
    token: optional(string()),
    mfaSetupRequired: optional(boolean),
    timeZone: optional(string()),
  }),
);
