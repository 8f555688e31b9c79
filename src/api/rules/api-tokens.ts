import type { ApiTokenStatus } from '@/api/contract/api-tokens';
import type { Refusal } from './actions';
import { conflict, forbidden } from './actions';
import type { Permission } from './permissions';
import { permissionRefusal } from './permissions';
import type { Role } from '@/api/contract/roles';

type TokenDates = { expiresAt: string; revokedAt: string | null };

/** A token works until it is revoked or its expiry passes, whichever comes first. */
export function apiTokenStatus(token: TokenDates, now: Date): ApiTokenStatus {
  if (token.revokedAt !== null) return 'revoked';
  return new Date(token.expiresAt) <= now ? 'expired' : 'active';
}

export function revokeBlocker(token: TokenDates, now: Date): Refusal | null {
  const status = apiTokenStatus(token, now);
  if (status === 'revoked') return conflict('This token is revoked already');
  if (status === 'expired') return conflict('This token has expired; it no longer works');
  return null;
}

/**
 * A token's call passes when its scope has the endpoint's permission AND the role of the officer who made
 * it has it too (a token never does more than its maker may).
 */
export function tokenRefusal(scope: readonly Permission[], role: Role, permission: Permission): Refusal | null {
  if (!scope.includes(permission)) return forbidden(`This API token's scope does not include ${permission}`);
  return permissionRefusal(role, permission);
}
