import { createPbkdf2Hasher, DEMO_PBKDF2_ITERATIONS } from './passwords';

describe('PBKDF2 password hasher', () => {
  const hasher = createPbkdf2Hasher(1000);

  it('verifies the password it hashed, and no other', async () => {
    const hash = await hasher.hash('demo-password');
    expect(hash).toMatch(/^pbkdf2\$1000\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
    expect(await hasher.verify('demo-password', hash)).toBe(true);
    expect(await hasher.verify('demo-passwore', hash)).toBe(false);
    expect(await hasher.verify('', hash)).toBe(false);
  });

  it('salts each hash', async () => {
    const [a, b] = [await hasher.hash('same'), await hasher.hash('same')];
    expect(a).not.toBe(b);
    expect(await hasher.verify('same', a)).toBe(true);
    expect(await hasher.verify('same', b)).toBe(true);
  });

  it('reads the iteration count from the hash, so a hash made with other settings still verifies', async () => {
    const hash = await createPbkdf2Hasher(2000).hash('pw');
    expect(await hasher.verify('pw', hash)).toBe(true);
    expect(await hasher.verify('pw', hash.replace('$2000$', '$1000$'))).toBe(false);
  });

  it('refuses hashes of other shapes instead of throwing', async () => {
    for (const bad of [
      '',
      'scrypt$1$a$b',
      'pbkdf2$x$AAAA$AAAA',
      'pbkdf2$1000$!!!$AAAA',
      'pbkdf2$1000$AAAA$',
      'pbkdf2$1000$AAAA$AAAA$extra',
      'test$abc',
    ]) {
      expect(await hasher.verify('pw', bad)).toBe(false);
    }
  });

  it('uses a modest default that still costs something', () => {
    expect(DEMO_PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(10_000);
    expect(DEMO_PBKDF2_ITERATIONS).toBeLessThanOrEqual(200_000);
  });
});
