import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { endpoints } from './endpoints';
import { plainErrors, plainMessages, plainParse } from './plain-errors';

/** zod's own wording: "Too big: expected string to have <=120 characters", "Invalid input: expected …". */
const ZOD_WORDING = /^(Invalid|Too big|Too small|Unrecognized)|expected [a-z]|received [a-z]|[<>]=/;

const messageOf = (schema: z.ZodType, value: unknown): string => {
  const parsed = plainParse(schema, value);
  if (parsed.success) throw new Error(`expected ${JSON.stringify(value)} to fail`);
  return Object.values(parsed.fields)[0] ?? '';
};

describe('plain messages for each kind of zod issue', () => {
  it('too_big and too_small: characters, choices, numbers', () => {
    expect(messageOf(z.string().max(120), 'x'.repeat(121))).toBe('Use at most 120 characters');
    expect(messageOf(z.string().min(1), '')).toBe('Required');
    expect(messageOf(z.string().min(12), 'short')).toBe('Use at least 12 characters');
    expect(messageOf(z.array(z.string()).min(2), ['a'])).toBe('Choose at least 2');
    expect(messageOf(z.array(z.string()).max(1), ['a', 'b'])).toBe('Choose at most 1');
    expect(messageOf(z.number().max(60), 61)).toBe('Enter 60 or less');
    expect(messageOf(z.number().min(1), 0)).toBe('Enter 1 or more');
    expect(messageOf(z.number().gt(0), 0)).toBe('Enter more than 0');
  });

  it('invalid_type: missing, a number, anything else', () => {
    expect(messageOf(z.string(), undefined)).toBe('Required');
    expect(messageOf(z.array(z.string()), null)).toBe('Choose at least one');
    expect(messageOf(z.number(), 'ten')).toBe('Enter a number');
    expect(messageOf(z.number().int(), 1.5)).toBe('Enter a whole number');
    expect(messageOf(z.string(), 42)).toBe('Enter a valid value');
  });

  it('invalid_format: email, date, date and time, web address, a pattern', () => {
    expect(messageOf(z.email(), 'jane')).toBe('Enter an email address, such as name@example.com');
    expect(messageOf(z.iso.date(), '2026-13-45')).toBe('Enter a date');
    expect(messageOf(z.iso.datetime(), 'yesterday')).toBe('Enter a date and time');
    expect(messageOf(z.url(), 'not a link')).toBe('Enter a full web address, such as https://example.com');
    expect(messageOf(z.string().regex(/^[A-Z]{2}$/), 'Germany')).toBe('Check the format of this field');
  });

  it('invalid_value and enums, unions, multiples, unknown keys, custom checks', () => {
    expect(messageOf(z.enum(['a', 'b']), 'c')).toBe('Choose one of the options');
    expect(messageOf(z.literal('yes'), 'no')).toBe('Choose one of the options');
    expect(messageOf(z.union([z.number(), z.boolean()]), 'x')).toBe('Choose one of the options');
    expect(messageOf(z.number().multipleOf(5), 7)).toBe('Enter a multiple of 5');
    expect(messageOf(z.strictObject({ a: z.string() }), { a: 'x', b: 1 })).toBe('This form sent a field the server does not know');
    expect(messageOf(z.record(z.enum(['a']), z.string()), { b: 'x' })).not.toMatch(ZOD_WORDING);
    expect(
      messageOf(
        z.string().refine((s) => s !== 'x'),
        'x',
      ),
    ).toBe('Check this field');
    // A message the contract words itself comes first.
    expect(
      messageOf(
        z.string().refine((s) => s !== 'x', 'Not x, please'),
        'x',
      ),
    ).toBe('Not x, please');
    expect(messageOf(z.string().max(3, 'At most three letters'), 'four')).toBe('At most three letters');
  });

  it('keys each message by the dotted path of its field, the whole value as root', () => {
    const schema = z.object({ dpa: z.object({ signedOn: z.iso.date() }), rows: z.array(z.object({ name: z.string().min(1) })) });
    const parsed = schema.safeParse({ dpa: { signedOn: 'soon' }, rows: [{ name: 'a' }, { name: '' }] }, { error: plainErrors });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(plainMessages(parsed.error)).toEqual({ 'dpa.signedOn': 'Enter a date', 'rows.1.name': 'Required' });
    expect(plainParse(z.string(), 1)).toEqual({ success: false, fields: { root: 'Enter a valid value' } });
  });
});

/** Values a person (or a careless client) might put in any field. */
const wrongValues: unknown[] = [undefined, null, '', 'x'.repeat(5000), 'not-a-date', -1, 1.5, 1e12, true, [], [1], {}, { x: 1 }];

describe("no form or 422 shows zod's own wording", () => {
  // Every body and query of the contract is a form's resolver and the server's check, with these messages.
  const schemas = Object.entries(endpoints).flatMap(([name, e]) => [
    ...('body' in e && e.body instanceof z.ZodType ? [[`${name} body`, e.body] as const] : []),
    ...('query' in e && e.query instanceof z.ZodType ? [[`${name} query`, e.query] as const] : []),
  ]);

  it.each(schemas)('%s', (_name, schema) => {
    const found = new Set<string>();
    const collect = (value: unknown) => {
      const parsed = plainParse(schema, value);
      if (!parsed.success) for (const m of Object.values(parsed.fields)) found.add(m);
    };
    collect(undefined);
    collect('text');
    collect({});
    const shape = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
    for (const key of shape) for (const value of wrongValues) collect({ [key]: value });
    expect([...found].filter((m) => ZOD_WORDING.test(m) || m.trim() === '')).toEqual([]);
  });
});
