import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError } from '@/api/errors';
import { parseBody, parseIfMatch, parseQuery } from './parse';

function refusal(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('If-Match', () => {
  it('reads quoted, bare and weak versions', () => {
    expect(parseIfMatch('"3"')).toBe(3);
    expect(parseIfMatch('3')).toBe(3);
    expect(parseIfMatch('W/"12"')).toBe(12);
  });
  it('asks for a missing one with 428 and refuses a malformed one with 400', () => {
    expect(refusal(() => parseIfMatch(undefined)).status).toBe(428);
    expect(refusal(() => parseIfMatch('"abc"')).status).toBe(400);
    expect(refusal(() => parseIfMatch('"-1"')).status).toBe(400);
  });
});

describe('bodies and queries', () => {
  const schema = z.object({ name: z.string().min(1), nested: z.object({ n: z.number() }) });
  it('names every bad field, nested ones by path', () => {
    const err = refusal(() => parseBody(schema, { name: '', nested: { n: 'x' } }));
    expect(err.status).toBe(422);
    expect(Object.keys(err.fields ?? {})).toEqual(['name', 'nested.n']);
  });
  it('refuses unknown fields instead of dropping them', () => {
    const err = refusal(() => parseBody(schema, { name: 'a', nested: { n: 1 }, role: 'admin' }));
    expect(err.fields).toEqual({ role: 'Unknown field' });
  });
  it('refuses a body that is not an object', () => {
    expect(refusal(() => parseBody(schema, [1, 2])).status).toBe(422);
  });
  it('reads repeated query parameters as lists and refuses unknown ones with 400', () => {
    const q = z.object({ status: z.array(z.string()).optional(), limit: z.coerce.number().optional() });
    expect(parseQuery(q, { status: ['a', 'b'], limit: ['5'] })).toEqual({ status: ['a', 'b'], limit: 5 });
    expect(refusal(() => parseQuery(q, { nope: ['1'] })).status).toBe(400);
  });
});
