import { z } from 'zod';

/** An instant, stored and sent as an ISO 8601 string in UTC (`2026-11-29T04:29:00.000Z`). */
export const instant = z.iso
  .datetime({ offset: false })
  // One spelling per instant (with milliseconds), so stored instants compare correctly as strings.
  .transform((s) => new Date(s).toISOString());
/** A calendar date (`2026-11-29`), for review dates and the like, where a time of day means nothing. */
export const calendarDate = z.iso.date();
export const id = z.string().min(1).max(64);
export const version = z.number().int().nonnegative();
export const text = (max: number) => z.string().trim().max(max);
export const requiredText = (max: number) => z.string().trim().min(1, 'Required').max(max);
/** ISO 3166-1 alpha-2 country code. */
export const country = z.string().regex(/^[A-Z]{2}$/, 'Use a two-letter country code');

import { roles } from './roles';
export { roles, roleLabels } from './roles';
export type { Role } from './roles';
export const role = z.enum(roles);

export const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().nullable(),
    total: z.number().int().nonnegative().optional(),
  });
export type Page<T> = { items: T[]; nextCursor: string | null; total?: number };

/**
 * Whether the caller may take one action on a record now; when not, why, as a plain sentence. Computed by
 * the same rule the API enforces, so a button drawn from it never ends in a refusal.
 */
export const actionState = z.object({ allowed: z.boolean(), reason: z.string().nullable() });
export type ActionState = z.infer<typeof actionState>;
/** The `actions` field of a record the API answers: one state per action name. */
export const actionsOf = <const N extends readonly [string, ...string[]]>(names: N) =>
  z.object(Object.fromEntries(names.map((n) => [n, actionState])) as { [K in N[number]]: typeof actionState });
export type Actions<N extends string> = { [K in N]: ActionState };

export const errorCodes = [
  'bad_request',
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'version_mismatch',
  'version_required',
  'payload_too_large',
  'rate_limited',
  'internal',
] as const;
export const errorBody = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;
export type ErrorCode = (typeof errorCodes)[number];

/** Query-string numbers arrive as strings. */
export const limitParam = z.coerce.number().int().min(1).max(200).default(50);
export const cursorParam = z.string().max(500).optional();
/** A query-string list: `status=a,b` or repeated `status=a&status=b`, both accepted by the app. */
export const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item)).optional();
