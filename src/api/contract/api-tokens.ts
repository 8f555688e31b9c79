import { z } from 'zod';
import type { Permission } from '@/api/rules/permissions';
import { actionsOf, id, instant, plainString, requiredText, role } from './common';
import { consentAction, consentChannel, consentPurpose } from './consent';

/**
 * What a machine client's token may be given: the permissions another system has a use for. Decisions that
 * need a person (approvals, four eyes, reveals, reviews) and managing tokens stay with people.
 */
export const tokenScopes = [
  'consent.record',
  'consent.lookup',
  'accounts.read',
  'accounts.cancel',
  'deletions.read',
  'processors.read',
] as const satisfies readonly Permission[];
export const tokenScope = z.enum(tokenScopes);
export type TokenScope = z.infer<typeof tokenScope>;

export const apiTokenStatus = z.enum(['active', 'expired', 'revoked']);
export type ApiTokenStatus = z.infer<typeof apiTokenStatus>;

export const apiTokenActionNames = ['revoke'] as const;

/** A machine client's token as officers see it: never its secret, which is shown once at creation. */
export const apiTokenView = z.object({
  id,
  name: z.string(),
  scope: z.array(tokenScope),
  status: apiTokenStatus,
  createdAt: instant,
  createdBy: z.object({ id, name: z.string(), role }),
  expiresAt: instant,
  revokedAt: instant.nullable(),
  lastUsedAt: instant.nullable(),
  /** The start of the secret (`pct_` and six characters), to tell tokens apart in a config file. */
  prefix: z.string(),
  actions: actionsOf(apiTokenActionNames),
});
export type ApiTokenView = z.infer<typeof apiTokenView>;
export const apiTokenList = z.object({ items: z.array(apiTokenView) });

export const createApiToken = z.object({
  name: requiredText(100),
  scope: z.array(tokenScope).min(1, 'Choose at least one permission').max(tokenScopes.length),
  expiresInDays: z.number({ error: 'Enter a number of days' }).int('Whole days only').min(1, 'At least 1 day').max(366, 'At most 366 days'),
});
export type CreateApiToken = z.infer<typeof createApiToken>;

/** The answer to creating a token: the only time its secret is ever shown. */
export const createdApiToken = z.object({ token: apiTokenView, secret: z.string() });
export type CreatedApiToken = z.infer<typeof createdApiToken>;

/** A caller's own id for what it reports: the same id twice is one report (idempotency). */
const externalId = plainString()
  .min(1, 'Required')
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'Printable characters without spaces only');

/** The product's backend reports a grant or withdrawal, under its own event id. */
export const machineConsentEvent = z.object({
  eventId: externalId,
  subjectId: id,
  purpose: consentPurpose,
  action: consentAction,
  channel: consentChannel,
  /** When the person said it; may not be in the future. */
  occurredAt: instant,
  note: plainString().trim().max(2000).optional(),
});
export type MachineConsentEvent = z.infer<typeof machineConsentEvent>;
/** What the report became: the same answer for every repeat of the same event id and body. */
export const machineConsentAnswer = z.object({
  id,
  eventId: z.string(),
  subjectId: id,
  purpose: consentPurpose,
  action: consentAction,
  occurredAt: instant,
  recordedAt: instant,
});
export type MachineConsentAnswer = z.infer<typeof machineConsentAnswer>;

/** The billing system reports an account's cancellation, under its own id for it. */
export const machineCancellation = z.object({
  externalId,
  accountId: id,
  cancelledAt: instant.optional(),
});
export type MachineCancellation = z.infer<typeof machineCancellation>;
export const machineCancellationAnswer = z.object({
  externalId: z.string(),
  accountId: id,
  cancelledAt: instant,
  deletionRequestId: id,
  /** The deletion's deadline (policy 5.7: within 30 days of the cancellation). */
  dueAt: instant,
});
export type MachineCancellationAnswer = z.infer<typeof machineCancellationAnswer>;
