import type { PasswordHasher } from '@/api/deps';

/** Enough to make a leaked hash costly to guess, few enough that demo sign-in in the browser stays quick. */
export const DEMO_PBKDF2_ITERATIONS = 50_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(b64: string): Uint8Array<ArrayBuffer> | null {
  try {
    return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, HASH_BITS);
  return new Uint8Array(bits);
}

/** Compares every byte whatever the first difference, so the time taken says nothing about the hash. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/**
 * PBKDF2-SHA256 through WebCrypto, which the browser has (scrypt is not in WebCrypto): the demo build's
 * PasswordHasher. Hashes read `pbkdf2$<iterations>$<salt base64>$<hash base64>`.
 */
export function createPbkdf2Hasher(iterations: number = DEMO_PBKDF2_ITERATIONS): PasswordHasher {
  return {
    async hash(password) {
      const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
      const hash = await derive(password, salt, iterations);
      return `pbkdf2$${iterations}$${toBase64(salt)}$${toBase64(hash)}`;
    },
    async verify(password, stored) {
      const [scheme, rounds, saltB64, hashB64, ...rest] = stored.split('$');
      const count = Number(rounds);
      if (scheme !== 'pbkdf2' || rest.length > 0 || !Number.isInteger(count) || count < 1 || count > 10_000_000) return false;
      const salt = fromBase64(saltB64 ?? '');
      const expected = fromBase64(hashB64 ?? '');
      if (!salt || !expected || expected.length === 0) return false;
      return sameBytes(await derive(password, salt, count), expected);
    },
  };
}
