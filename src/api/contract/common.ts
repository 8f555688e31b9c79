import { z } from 'zod';
import { isCountryCode } from './countries';

/** An instant, stored and sent as an ISO 8601 string in UTC (`2026-11-29T04:29:00.000Z`). */
export const instant = z.iso
  .datetime({ offset: false })
  // One spelling per instant (with milliseconds), so stored instants compare correctly as strings.
  .transform((s) => new Date(s).toISOString());
/** A calendar date (`2026-11-29`), for review dates and the like, where a time of day means nothing. */
export const calendarDate = z.iso.date();

/**
 * NUL, and a UTF-16 surrogate without its pair: no text of ours has a use for either, PostgreSQL cannot
 * store them (text refuses NUL, jsonb a lone surrogate), and they are how a stored string goes wrong.
 */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export const isWellFormedText = (s: string): boolean => !s.includes('\0') && !loneSurrogate.test(s);

/**
 * The one string of the contract: every text field (ids, free text, search terms, passwords) starts here,
 * so each refuses NUL and broken surrogates with a message on its own field.
 */
export const plainString = () =>
  z.string().refine(isWellFormedText, { message: 'Remove the NUL or broken Unicode character from this text', abort: true });

export const id = plainString().min(1).max(64);
export const version = z.number().int().nonnegative();
export const text = (max: number) => plainString().trim().max(max);
export const requiredText = (max: number) => plainString().trim().min(1, 'Required').max(max);
/**
 * A web address people may follow: http or https only (a `javascript:` or `data:` link would run or show
 * whatever it carries when clicked in an export).
 */
export const webUrl = (max: number) =>
  z
    .url({ protocol: /^https?$/, message: 'Use a web address starting with http:// or https://' })
    .max(max)
    .refine(isWellFormedText, { message: 'Remove the NUL or broken Unicode character from this text', abort: true });
/** ISO 3166-1 alpha-2 country code, one that is assigned (`XX` is refused). */
export const country = z
  .string({ error: 'Choose a country' })
  .regex(/^[A-Z]{2}$/, 'Choose a country from the list')
  .refine(isCountryCode, 'Choose a country from the list');

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
export const cursorParam = plainString().max(500).optional();
/** A query-string list: `status=a,b` or repeated `status=a&status=b`, both accepted by the app. */
export const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item)).optional();
