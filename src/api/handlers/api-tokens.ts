import { createApiToken, listApiTokens, machineCancellation, machineConsentEvent, revokeApiToken } from '@/api/services/api-tokens';
import type { Handlers } from './handler';

/** Machine clients: their tokens (officers), and the two reports other systems send with one. */
export const apiTokenHandlers = {
  listApiTokens: ({ ctx, actor }) => listApiTokens(ctx, actor),
  createApiToken: ({ ctx, actor, body }) => createApiToken(ctx, actor, body),
  revokeApiToken: ({ ctx, actor, id }) => revokeApiToken(ctx, actor, id),
  machineConsentEvent: ({ ctx, actor, body }) => machineConsentEvent(ctx, actor, body),
  machineCancellation: ({ ctx, actor, body }) => machineCancellation(ctx, actor, body),
} satisfies Partial<Handlers>;
