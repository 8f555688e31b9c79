import type { Session } from '@/api/contract/users';
import type { Permission } from '@/api/rules/permissions';

/**
 * Whether the signed-in user may do something: the one question the console asks about roles. The
 * session answers the permissions of the user's role from the API's own table, so the console never
 * keeps a copy of who may do what. (What a record allows now is in its `actions`.)
 */
export function can(session: Pick<Session, 'permissions'>, permission: Permission): boolean {
  return session.permissions.includes(permission);
}
