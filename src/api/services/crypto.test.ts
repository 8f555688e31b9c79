import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret, randomToken, sha256Hex } from './crypto';

const key = btoa(String.fromCharCode(...new Uint8Array(32).fill(7)));

describe('crypto', () => {
  it('round-trips a secret and never stores it in clear', async () => {
    const sealed = await encryptSecret(key, 'hunter2', 'sar_1');
    expect(sealed).not.toContain('hunter2');
    expect(await decryptSecret(key, sealed, 'sar_1')).toBe('hunter2');
  });
  it('refuses a secret moved to another record', async () => {
    const sealed = await encryptSecret(key, 'hunter2', 'sar_1');
    await expect(decryptSecret(key, sealed, 'sar_2')).rejects.toThrow();
  });
  it('makes distinct tokens and stable hashes', async () => {
    expect(randomToken()).not.toBe(randomToken());
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
