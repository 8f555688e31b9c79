import fc from 'fast-check';
import type { z } from 'zod';

/**
 * Generators for the hostile-input suite. `plausible(schema)` walks a zod schema of the contract and makes
 * values of roughly the right shape (so requests get past the first check and reach the services);
 * `nasty` is everything a schema should refuse. Both read the schema, so a new endpoint needs nothing here.
 */

/** Strings that have broken other systems: SQL, markup, formulas, template syntax, path tricks, odd Unicode. */
export const nastyStrings = [
  "' OR 1=1 --",
  "'; DROP TABLE audit_events; --",
  '1; SELECT pg_sleep(10)',
  '$1',
  '\\',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '=HYPERLINK("http://evil.example","x")',
  '+SUM(1)',
  '-1+1',
  '@cmd',
  '${7*7}',
  '{{7*7}}',
  '../../etc/passwd',
  '%00',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  '\u202eevil',
  '\ufeff',
  'Z\u0351\u0352\u0353\u0354\u0355\u0356',
  '𝕏𝕐ℤ',
  '👩‍👩‍👧‍👦',
  'null',
  'undefined',
  'NaN',
  'true',
  '-0',
  '1e999',
  '__proto__',
  'constructor',
  'toString',
  ' ',
  '\t\r\n',
  '',
];

/** A high or low surrogate alone, in either order, and NUL. */
const brokenText = ['\ud800', '\udbff', '\udc00', '\udfff', '\udfff\ud800', '\u0000'];

const hugeStrings = ['x'.repeat(5_000), '𝕏'.repeat(3_000), '\u0000'.repeat(200), `${'<b>'.repeat(2_000)}`, 'é'.repeat(20_000)];

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...nastyStrings) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(...hugeStrings) },
);

const hugeNumbers = [1e308, -1e308, 2 ** 53 + 1, -(2 ** 53) - 1, 2 ** 31, -(2 ** 31) - 1, 1e-320, -0, 0.5, -1, 999_999_999_999];

/** A value of any JSON type that a schema should refuse somewhere. */
export const nasty: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: nastyString },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(null, true, false, ...hugeNumbers) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }) },
);

type Def = { type: string; [k: string]: unknown };
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

const instantArb = fc
  .date({ min: new Date('2019-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

function plausibleString(schema: z.ZodType): fc.Arbitrary<string> {
  const def = defOf(schema);
  const format = (def.format ?? (def.checks as { _zod: { def: { format?: string } } }[] | undefined)?.[0]?._zod.def.format) as
    string | undefined;
  switch (format) {
    case 'datetime':
      return instantArb;
    case 'date':
      return instantArb.map((s) => s.slice(0, 10));
    case 'email':
      return fc.oneof(fc.emailAddress(), fc.constantFrom('officer2@demo.test', 'nobody@demo.test'));
    case 'url':
      return fc.webUrl();
    case 'regex':
      return fc.constantFrom('US', 'DE', 'GB', 'IE', 'XX', 'us');
    default:
      return fc.oneof(
        { weight: 6, arbitrary: fc.string({ minLength: 1, maxLength: 30 }) },
        { weight: 2, arbitrary: nastyString },
        // Text that PostgreSQL cannot store, inside otherwise plausible text: a lone surrogate or a NUL.
        { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 10 }), fc.constantFrom(...brokenText)).map(([a, b]) => `${a}${b}`) },
      );
  }
}

/** Values shaped like the schema, often valid, sometimes not quite. */
export function plausible(schema: z.ZodType, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const inner = (key: string) => def[key] as z.ZodType;
  switch (def.type) {
    case 'string':
      return plausibleString(schema);
    case 'number':
      return fc.oneof(fc.integer({ min: -2, max: 400 }), fc.constantFrom(...hugeNumbers));
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, string>));
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'null':
      return fc.constant(null);
    case 'array':
      return depth > 4 ? fc.constant([]) : fc.array(plausible(inner('element'), depth + 1), { maxLength: 3 });
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      if (depth > 4) return fc.constant({});
      return fc.record(Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, plausible(v, depth + 1)])));
    }
    case 'optional':
    case 'default':
      return fc.option(plausible(inner('innerType'), depth), { nil: undefined, freq: 4 });
    case 'nullable':
      return fc.option(plausible(inner('innerType'), depth), { nil: null, freq: 4 });
    case 'union':
      return fc.oneof(...(def.options as z.ZodType[]).map((o) => plausible(o, depth)));
    case 'pipe': {
      const from = inner('in');
      return defOf(from).type === 'transform' ? plausible(inner('out'), depth) : plausible(from, depth);
    }
    case 'record':
      return fc.dictionary(fc.string({ maxLength: 10 }), plausible(inner('valueType'), depth + 1), { maxKeys: 3 });
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Keys of a zod object schema (none for anything else). */
export function keysOf(schema: z.ZodType | undefined): string[] {
  if (!schema) return [];
  const def = defOf(schema);
  return def.type === 'object' ? Object.keys(def.shape as object) : [];
}

type Mutation =
  { kind: 'drop'; key: string } | { kind: 'set'; key: string; value: unknown } | { kind: 'extra'; key: string; value: unknown };

/** 0-3 changes to an object: a field dropped, a field of the wrong type or size, an unexpected field. */
function mutations(keys: string[]): fc.Arbitrary<Mutation[]> {
  const key = keys.length > 0 ? fc.constantFrom(...keys) : fc.constant('anything');
  const one: fc.Arbitrary<Mutation> = fc.oneof(
    key.map((k) => ({ kind: 'drop' as const, key: k })),
    fc.tuple(key, nasty).map(([k, value]) => ({ kind: 'set' as const, key: k, value })),
    fc
      .tuple(fc.constantFrom('__proto__', 'constructor', 'id', 'version', 'role', 'status', 'createdBy', 'extra'), nasty)
      .map(([k, value]) => ({
        kind: 'extra' as const,
        key: k,
        value,
      })),
  );
  return fc.array(one, { maxLength: 3 });
}

function applyMutations(value: unknown, changes: Mutation[]): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const m of changes) {
    if (m.kind === 'drop') delete out[m.key];
    else Object.defineProperty(out, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

const brokenJson = [
  '{',
  '{"a":',
  '{"a":1,}',
  "{'a':1}",
  '[1,2',
  '"unterminated',
  'NaN',
  'undefined',
  '{"a":1}{"b":2}',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"x":1}}}',
  '\u0000',
  '\ufeff{}',
  '{"a":"\\ud800"}',
  '{"a":1e999}',
  '{"a":-}',
  '<xml/>',
  'a=1&b=2',
];

export type RawBody = { text: string | undefined; contentType: string | undefined };

const contentType = fc.constantFrom<string | undefined>(
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  undefined,
);

/** A request body: a near-valid object, any JSON, broken JSON, something too big or too deep, or none. */
export function bodyArb(schema: z.ZodType | undefined): fc.Arbitrary<RawBody> {
  const base = schema ? plausible(schema) : fc.jsonValue({ maxDepth: 2 });
  const near = fc.tuple(base, mutations(keysOf(schema))).map(([v, m]) => JSON.stringify(applyMutations(v, m)) ?? 'null');
  const text: fc.Arbitrary<string | undefined> = fc.oneof(
    { weight: 8, arbitrary: near },
    { weight: 2, arbitrary: nasty.map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 2, arbitrary: fc.constantFrom(...brokenJson) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 50 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        JSON.stringify({ a: 'x'.repeat(70 * 1024) }), // over the 64 KiB body limit
        '['.repeat(30_000) + ']'.repeat(30_000), // deep nesting, under the limit
        JSON.stringify(Array.from({ length: 5_000 }, (_, i) => i)),
      ),
    },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
  return fc.record({ text, contentType });
}

/** A path id: a real one, an unknown one, or something built to break routing, decoding or SQL. */
export function pathIdArb(realIds: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...realIds) },
    { weight: 3, arbitrary: nastyString.filter((s) => s.length > 0).map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, 'x'))) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '%',
        '%zz',
        '%E0%A4%A',
        '%C0%AF',
        '%ED%A0%80',
        '..',
        '%2e%2e',
        '%2F',
        '..%2F..%2Fhealth',
        'a%00b',
        'a;b',
        "'%20OR%20'1'='1",
        'x'.repeat(65),
        'x'.repeat(10_000),
        '1',
        '0',
        '-1',
        '99999999999999999999',
        'del_',
        'proc_0',
      ),
    },
    { weight: 1, arbitrary: fc.stringMatching(/^[a-z]{1,4}_[a-z0-9]{1,12}$/) },
  );
}

/** A query string: the schema's own keys with plausible or nasty values, unknown keys, repeats, broken escapes. */
export function queryArb(schema: z.ZodType | undefined): fc.Arbitrary<string> {
  const keys = keysOf(schema);
  const key = fc.oneof(
    { weight: 4, arbitrary: keys.length > 0 ? fc.constantFrom(...keys) : fc.constant('limit') },
    { weight: 1, arbitrary: fc.constantFrom('limit', 'cursor', 'sort', 'unknown', '__proto__', 'status[]', '') },
  );
  const value: fc.Arbitrary<string> = fc.oneof(
    schema ? plausible(schema).map((v) => JSON.stringify(v) ?? '') : fc.constant(''),
    nasty.map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))),
    fc.constantFrom('', '0', '-1', '201', '1.5', '1e3', '1e999', '0x10', ' 5', 'Infinity', 'a,b,,c', ',', 'x'.repeat(600)),
  );
  const pairs = fc.array(fc.tuple(key, value), { maxLength: 5 }).map((ps) => {
    const search = new URLSearchParams();
    for (const [k, v] of ps) search.append(k, v.replace(/[\ud800-\udfff]/g, '\ufffd'));
    return search.toString();
  });
  return fc.oneof(
    { weight: 6, arbitrary: pairs },
    { weight: 1, arbitrary: fc.constantFrom('%zz=1', 'limit=%E0%A4%A', '=&=&&', 'limit', 'cursor=%00', 'a=%', 'status=%2C%2C', '&&&') },
    { weight: 1, arbitrary: fc.constant('') },
  );
}

const printableAscii = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 30 });

/** If-Match: missing, a plausible version, or junk. */
export const ifMatchArb: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 6 }).map((v) => `"${v}"`) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '*',
      '""',
      '"-1"',
      '"1.5"',
      '"1e3"',
      'W/"2"',
      '"999999999"',
      '"9999999999"',
      '"0x1"',
      '1',
      '"1", "2"',
      ' ',
      '"2147483648"',
    ),
  },
  { weight: 1, arbitrary: printableAscii },
);

/** Extra headers a hostile client might send: a foreign Origin, a forged session cookie, junk. */
export const extraHeadersArb: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    origin: fc.constantFrom('https://evil.example', 'null', 'http://localhost', 'not a url'),
    'x-forwarded-for': fc.constantFrom("1.2.3.4', 'x", '<script>', 'x'.repeat(2_000)),
    accept: fc.constantFrom('text/html', '*/*', 'application/xml'),
  },
  { requiredKeys: [] },
);

export const forgedCookieArb: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constant(undefined),
  printableAscii.filter((s) => !/[;,]/.test(s)).map((s) => `pc_session=${s}`),
  fc.constantFrom('pc_session=', 'pc_session=' + 'a'.repeat(5_000), 'pc_session=%zz', 'pc_session="x"', 'other=1'),
);
