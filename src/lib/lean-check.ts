/**
 * Checks for the few answers a page needs before its first paint, without zod: the signed-in dashboard paints
 * with React, the router and TanStack Query alone, and zod with the contract's schemas (a quarter of its
 * script) loads on the first call to any other endpoint. Each check gives what its zod schema gives (unknown
 * keys dropped, defaults filled in, instants spelled one way), and a test holds each to its schema on valid
 * answers and on every one-field change of them (lean-check.test.ts).
 */

/** What `request()` needs of a schema: zod's own `safeParse` shape, so a check and a zod schema are interchangeable. */
export type Check<T> = { safeParse(value: unknown): { success: true; data: T } | { success: false } };

const FAIL: unique symbol = Symbol('fail');
type Fail = typeof FAIL;
/** One value in, the parsed value (or FAIL) out. */
type Rule<T> = (value: unknown) => T | Fail;
type Out<R> = R extends Rule<infer T> ? T : never;

/** The zod-compatible `safeParse` around a rule. */
export function check<T>(rule: Rule<T>): Check<T> {
  return {
    safeParse(value) {
      const data = rule(value);
      return data === FAIL ? { success: false } : { success: true, data };
    },
  };
}

/** NUL and lone surrogates: what the contract's `plainString()` refuses (common.ts `isWellFormedText`). */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const string =
  (options: { min?: number; max?: number; plain?: boolean; pattern?: RegExp } = {}): Rule<string> =>
  (value) => {
    if (typeof value !== 'string') return FAIL;
    if (options.plain && (value.includes('\0') || loneSurrogate.test(value))) return FAIL;
    if (options.min !== undefined && value.length < options.min) return FAIL;
    if (options.max !== undefined && value.length > options.max) return FAIL;
    if (options.pattern && !options.pattern.test(value)) return FAIL;
    return value;
  };

/** zod's `z.iso.date()` and `z.iso.datetime({ offset: false })` patterns, and `z.email()`'s (held to zod by the test). */
const dateSource =
  '(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))';
export const datePattern = new RegExp(`^${dateSource}$`);
export const instantPattern = new RegExp(`^${dateSource}T(?:(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z))$`);
export const emailPattern = new RegExp(
  String.raw`^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$`,
);

/** The contract's `instant`: an ISO 8601 UTC string, given back as `toISOString()` spells it. */
export const instant: Rule<string> = (value) => {
  const text = string({ pattern: instantPattern })(value);
  return text === FAIL ? FAIL : new Date(text).toISOString();
};
export const calendarDate = string({ pattern: datePattern });

export const boolean: Rule<boolean> = (value) => (typeof value === 'boolean' ? value : FAIL);

/** A whole number of at least 0 (`z.number().int().nonnegative()`). */
export const count: Rule<number> = (value) => (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : FAIL);

export const oneOf =
  <const V extends readonly string[]>(values: V): Rule<V[number]> =>
  (value) =>
    typeof value === 'string' && values.includes(value) ? value : FAIL;

export const nullable =
  <T>(rule: Rule<T>): Rule<T | null> =>
  (value) =>
    value === null ? null : rule(value);

/** A field that may be left out; `fallback` stands in for it when given (zod's `.default()`). */
const OPTIONAL: unique symbol = Symbol('optional');
type Optional<T> = Rule<T | undefined> & { [OPTIONAL]: true };
export function optional<T>(rule: Rule<T>): Optional<T>;
export function optional<T, D extends T>(rule: Rule<T>, fallback: D): Rule<T>;
export function optional<T>(rule: Rule<T>, ...fallback: [T?]): Rule<T | undefined> {
  const filled = fallback.length > 0;
  const optionalRule = (value: unknown) => (value === undefined ? (filled ? fallback[0] : undefined) : rule(value));
  return filled ? optionalRule : Object.assign(optionalRule, { [OPTIONAL]: true as const });
}

export const array =
  <T>(rule: Rule<T>): Rule<T[]> =>
  (value) => {
    if (!Array.isArray(value)) return FAIL;
    const out: T[] = [];
    for (const item of value) {
      const parsed = rule(item);
      if (parsed === FAIL) return FAIL;
      out.push(parsed);
    }
    return out;
  };

type Shape = Record<string, Rule<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends { [OPTIONAL]: true } ? K : never }[keyof S];
type ObjectOut<S extends Shape> = { [K in Exclude<keyof S, OptionalKeys<S>>]: Out<S[K]> } & {
  [K in OptionalKeys<S>]?: Out<S[K]>;
} extends infer O
  ? { [K in keyof O]: O[K] }
  : never;

/** An object with these fields; other keys are dropped (as zod's `z.object` does), a left-out optional one stays out. */
export const object =
  <S extends Shape>(shape: S): Rule<ObjectOut<S>> =>
  (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return FAIL;
    const input = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, rule] of Object.entries(shape)) {
      const parsed = rule(input[key]);
      if (parsed === FAIL) return FAIL;
      if (parsed !== undefined || key in input) out[key] = parsed;
    }
    return out as ObjectOut<S>;
  };
