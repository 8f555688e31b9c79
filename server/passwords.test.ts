import { describe, expect, it } from 'vitest';
import { createScryptHasher, defaultScryptParams } from './passwords';

describe('scrypt passwords', () => {
  const hasher = createScryptHasher({ N: 1024, r: 8, p: 1 });

  it('hashes as scrypt$N$r$p$salt$hash with a fresh salt each time, and verifies', async () => {
    const a = await hasher.hash('correct horse battery');
    const b = await hasher.hash('correct horse battery');
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]{44}$/);
    expect(a).not.toBe(b);
    expect(await hasher.verify('correct horse battery', a)).toBe(true);
    expect(await hasher.verify('correct horse batterY', a)).toBe(false);
    expect(await hasher.verify('', a)).toBe(false);
  });

  it('verifies with the parameters stored in the hash, so raising the cost keeps old hashes valid', async () => {
    const old = await hasher.hash('correct horse battery');
    const stronger = createScryptHasher({ N: 2048, r: 8, p: 1 });
    expect(await stronger.verify('correct horse battery', old)).toBe(true);
  });

  it('answers false for malformed or out-of-bounds hashes instead of throwing', async () => {
    const good = await hasher.hash('x'.repeat(12));
    const parts = good.split('$');
    const variants = [
      '',
      'plain',
      `bcrypt$${parts.slice(1).join('$')}`,
      ['scrypt', 2 ** 30, 8, 1, parts[4], parts[5]].join('$'),
      ['scrypt', 1000, 8, 1, parts[4], parts[5]].join('$'),
      ['scrypt', 1024, 64, 1, parts[4], parts[5]].join('$'),
      ['scrypt', 1024, 8, 1, parts[4], 'c2hvcnQ='].join('$'),
    ];
    for (const variant of variants) expect(await hasher.verify('x'.repeat(12), variant), variant).toBe(false);
  });

  it('uses the default cost in production (N = 2^15)', async () => {
    expect(defaultScryptParams).toEqual({ N: 32768, r: 8, p: 1 });
    const hash = await createScryptHasher().hash('correct horse battery');
    expect(hash.startsWith('scrypt$32768$8$1$')).toBe(true);
  });
});
