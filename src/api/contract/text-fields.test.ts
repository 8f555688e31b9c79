import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { endpoints } from './endpoints';
import { createUser } from './users';

type Def = { type: string; [k: string]: unknown };
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Every string the schema reads, with the path it sits at (`purposes[].purpose`). */
function stringLeaves(schema: z.ZodType, path: string, out: { path: string; schema: z.ZodType }[] = []) {
  const def = defOf(schema);
  const inner = (key: string) => def[key] as z.ZodType;
  switch (def.type) {
    case 'string':
      out.push({ path, schema });
      break;
    case 'object':
      for (const [key, value] of Object.entries(def.shape as Record<string, z.ZodType>))
        stringLeaves(value, path ? `${path}.${key}` : key, out);
      break;
    case 'array':
      stringLeaves(inner('element'), `${path}[]`, out);
      break;
    case 'optional':
    case 'nullable':
    case 'default':
      stringLeaves(inner('innerType'), path, out);
      break;
    case 'union':
      for (const option of def.options as z.ZodType[]) stringLeaves(option, path, out);
      break;
    case 'pipe':
      stringLeaves(defOf(inner('in')).type === 'transform' ? inner('out') : inner('in'), path, out);
      break;
    default:
      break;
  }
  return out;
}

const inputs: { name: string; schema: z.ZodType }[] = [{ name: 'cli createUser', schema: createUser }];
for (const [name, ep] of Object.entries(endpoints)) {
  if ('body' in ep && ep.body) inputs.push({ name: `${name} body`, schema: ep.body });
  if ('query' in ep && ep.query) inputs.push({ name: `${name} query`, schema: ep.query });
}

describe('every text field of the contract', () => {
  const leaves = inputs.flatMap(({ name, schema }) => stringLeaves(schema, '').map((leaf) => ({ ...leaf, name })));

  it('finds the text fields of the bodies and queries', () => {
    expect(leaves.length).toBeGreaterThan(40);
  });

  // Each value is otherwise harmless, so the refusal can only be for the character.
  for (const bad of ['said so\u0000', 'said so\ud800', '\udc00said so', 'said\udfff\ud800so']) {
    it(`refuses ${JSON.stringify(bad)} in each of them`, () => {
      const accepted = leaves.filter((leaf) => leaf.schema.safeParse(bad).success).map((leaf) => `${leaf.name}: ${leaf.path}`);
      expect(accepted).toEqual([]);
    });
  }

  it('keeps well-formed text, astral characters included', () => {
    const note = defOf(endpoints.recordConsent.body).shape as Record<string, z.ZodType>;
    expect(note.note!.safeParse('Said yes 👩‍👩‍👧‍👦 𝕏 é').success).toBe(true);
  });
});
