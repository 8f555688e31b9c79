import { z } from 'zod';
import { plainErrors, plainMessages } from '@/api/contract/plain-errors';
import { ApiError } from '@/api/errors';

/** zod issues as the contract's `fields` map, in plain words: `{ "dpa.signedOn": "Enter a date" }`. */
const fieldErrors = (error: z.ZodError): Record<string, string> => plainMessages(error, '(body)');

/** Top-level keys the schema does not know: refused rather than silently dropped. */
function unknownKeys(schema: z.ZodType, value: unknown): string[] {
  if (!(schema instanceof z.ZodObject) || typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const known = new Set(Object.keys(schema.shape));
  return Object.keys(value).filter((k) => !known.has(k));
}

export function parseBody<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const unknown = unknownKeys(schema, raw);
  const result = schema.safeParse(raw, { error: plainErrors });
  if (!result.success || unknown.length > 0) {
    const fields = result.success ? {} : fieldErrors(result.error);
    for (const k of unknown) fields[k] = 'Unknown field';
    throw new ApiError('validation_failed', `Check the highlighted fields: ${Object.keys(fields).join(', ')}`, fields);
  }
  return result.data;
}

/**
 * The raw query of an export that takes a reason (api/contract/email-exports.ts), with the reason the
 * `Export-Reason` header carries, decoded. Given both ways, or not percent-encoded UTF-8, it is a 400 naming
 * `reason`. A query without a reason field is left as it is.
 */
export function withHeaderReason(schema: z.ZodType, raw: Record<string, string[]>, header: string | undefined): Record<string, string[]> {
  if (header === undefined || !(schema instanceof z.ZodObject) || !('reason' in schema.shape)) return raw;
  if (raw.reason !== undefined) {
    throw new ApiError('bad_request', 'Give the reason once: in the Export-Reason header or in the address, not both', {
      reason: 'Given twice',
    });
  }
  try {
    return { ...raw, reason: [decodeURIComponent(header)] };
  } catch {
    throw new ApiError('bad_request', 'Send the Export-Reason header percent-encoded, as encodeURIComponent writes it', {
      reason: 'Not percent-encoded UTF-8',
    });
  }
}

export function parseQuery<S extends z.ZodType>(schema: S, raw: Record<string, string[]>): z.infer<S> {
  const flat: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(raw)) flat[k] = v.length === 1 ? (v[0] ?? '') : v;
  const result = schema.safeParse(flat, { error: plainErrors });
  if (!result.success) {
    const fields = fieldErrors(result.error);
    throw new ApiError('bad_request', `Bad query parameters: ${Object.keys(fields).join(', ')}`, fields);
  }
  const unknown = unknownKeys(schema, flat);
  if (unknown.length > 0) {
    throw new ApiError(
      'bad_request',
      `Unknown query parameters: ${unknown.join(', ')}`,
      Object.fromEntries(unknown.map((k) => [k, 'Unknown parameter'])),
    );
  }
  return result.data;
}

/** `If-Match: "3"` (quotes optional, weak prefix tolerated) -> 3. Missing -> 428, malformed -> 400. */
export function parseIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') {
    throw new ApiError('version_required', 'Send the version you saw as If-Match: "<version>"');
  }
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!m) throw new ApiError('bad_request', 'If-Match must be a record version such as "3"', { 'If-Match': 'Not a version' });
  return Number(m[1]);
}
