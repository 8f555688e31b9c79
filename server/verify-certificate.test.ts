import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '@/api/rules/certificate-verification';
import { publicSigningKey, signPayload } from '@/api/services/certificate-signing';
import { TEST_KEY } from '@/testing/harness';
import { main } from './verify-certificate';

describe('npm run verify-certificate', () => {
  let dir: string;
  let text: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cert-'));
    const payload = { certificateId: 'CERT-del_1', statement: 'Deleted from Stripe', systems: [{ system: 'Stripe', outcome: 'deleted' }] };
    text = JSON.stringify({ ...payload, signature: await signPayload(TEST_KEY, payload) }, null, 2);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const run = async (content: string, ...flags: string[]) => {
    const file = join(dir, `c-${Math.random().toString(36).slice(2)}.json`);
    await writeFile(file, content);
    const lines: string[] = [];
    return { code: await main([file, ...flags], (l) => lines.push(l)), lines };
  };

  it('accepts a certificate as signed, under the published key too', async () => {
    expect(await run(text)).toMatchObject({ code: 0, lines: [expect.stringMatching(/^Valid/)] });
    const key = await publicSigningKey(TEST_KEY);
    expect((await run(text, '--key', key.publicKey)).code).toBe(0);
  });

  it('refuses it after any single byte changed, and under another key', async () => {
    for (const at of [text.indexOf('Stripe'), text.indexOf('CERT') + 5, text.indexOf('"value"') + 12]) {
      const changed = text.slice(0, at) + (text[at] === 'x' ? 'y' : 'x') + text.slice(at + 1);
      expect((await run(changed)).code, `byte ${at}`).toBe(1);
    }
    expect((await run(text, '--key', 'A'.repeat(43))).lines[0]).toMatch(/another key/);
    expect((await run('not json')).code).toBe(1);
    expect(await main([])).toBe(2);
  });

  it('serialises canonically: keys sorted at every level, no spaces', () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }] })).toBe('{"a":[{"c":"x","d":null}],"b":1}');
  });
});
