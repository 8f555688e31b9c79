/** WebCrypto helpers that run the same in Node 20 and in the browser (demo mode). */
function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

export function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** 32 random bytes in base64: a fresh AES-256 key (a request's data key). */
export function randomKey(): string {
  return toBase64(crypto.getRandomValues(new Uint8Array(32)));
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const keys = new Map<string, Promise<CryptoKey>>();
/** The server key is imported once; a data key (`cache` false) is not kept, so destroying it leaves no copy in memory either. */
function importKey(keyB64: string, cache = true): Promise<CryptoKey> {
  if (!cache) return crypto.subtle.importKey('raw', fromBase64(keyB64), 'AES-GCM', false, ['encrypt', 'decrypt']);
  let key = keys.get(keyB64);
  if (!key) {
    key = crypto.subtle.importKey('raw', fromBase64(keyB64), 'AES-GCM', false, ['encrypt', 'decrypt']);
    keys.set(keyB64, key);
  }
  return key;
}

/** AES-256-GCM; the output is `iv.ciphertext`, both base64. `aad` binds the secret to its record. */
export async function encryptSecret(keyB64: string, plaintext: string, aad: string, cache = true): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(aad) },
    await importKey(keyB64, cache),
    new TextEncoder().encode(plaintext),
  );
  return `${toBase64(iv)}.${toBase64(new Uint8Array(data))}`;
}

export async function decryptSecret(keyB64: string, sealed: string, aad: string, cache = true): Promise<string> {
  const [iv, data] = sealed.split('.');
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64(iv ?? ''), additionalData: new TextEncoder().encode(aad) },
    await importKey(keyB64, cache),
    fromBase64(data ?? ''),
  );
  return new TextDecoder().decode(plain);
}

/**
 * Crypto-shredding: `plaintext` is sealed with a data key of its own, and that key is wrapped by the server
 * key. Deleting the wrapped key makes every copy of the sealed text unreadable, server key or not.
 */
export async function sealWithDataKey(serverKey: string, plaintext: string, aad: string): Promise<{ wrappedKey: string; sealed: string }> {
  const dataKey = randomKey();
  return {
    sealed: await encryptSecret(dataKey, plaintext, aad, false),
    wrappedKey: await encryptSecret(serverKey, dataKey, `${aad}:data-key`),
  };
}

export async function openWithDataKey(serverKey: string, stored: { wrappedKey: string; sealed: string }, aad: string): Promise<string> {
  const dataKey = await decryptSecret(serverKey, stored.wrappedKey, `${aad}:data-key`);
  return decryptSecret(dataKey, stored.sealed, aad, false);
}

const emailHashKeys = new Map<string, Promise<CryptoKey>>();
/**
 * The secret of the erasure's keyed email hashes: HMAC-SHA256 key derived (HKDF-SHA256) from the credentials
 * key with its own label, so it is never stored anywhere, and not next to the hashes it keys.
 */
function emailHashKey(keyB64: string): Promise<CryptoKey> {
  let key = emailHashKeys.get(keyB64);
  if (!key) {
    key = crypto.subtle.importKey('raw', fromBase64(keyB64), 'HKDF', false, ['deriveKey']).then((material) =>
      crypto.subtle.deriveKey(
        {
          name: 'HKDF',
          hash: 'SHA-256',
          salt: new TextEncoder().encode('privacy-console'),
          info: new TextEncoder().encode('erased email hash v1'),
        },
        material,
        { name: 'HMAC', hash: 'SHA-256', length: 256 },
        false,
        ['sign'],
      ),
    );
    emailHashKeys.set(keyB64, key);
  }
  return key;
}

/** HMAC-SHA256 (hex) of an email already normalised (rules/erasure normaliseEmail) under the derived key. */
export async function keyedEmailHash(credentialsKeyB64: string, normalisedEmail: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await emailHashKey(credentialsKeyB64), new TextEncoder().encode(normalisedEmail));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
