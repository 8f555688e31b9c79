/**
 * Signed certificates of deletion: Ed25519 (WebCrypto, the same in Node and in the demo page) over the
 * certificate's canonical JSON, so anyone holding the public key can check one, and a single changed byte
 * fails. The key pair is derived (HKDF-SHA256, its own label) from the server's credentials key: no second
 * secret to keep, and every instance sharing that key signs with the same pair.
 */
import type { Signature } from '@/api/rules/certificate-verification';
import { canonicalJson, fromBase64Url } from '@/api/rules/certificate-verification';

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

type SigningKey = { privateKey: CryptoKey; publicKey: string; keyId: string };
export type PublicSigningKey = { algorithm: 'Ed25519'; keyId: string; publicKey: string };

/** PKCS#8 wrapping of a 32-byte Ed25519 seed (RFC 8410). */
const PKCS8_PREFIX = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20];

const keys = new Map<string, Promise<SigningKey>>();

function certificateSigningKey(credentialsKeyB64: string): Promise<SigningKey> {
  let key = keys.get(credentialsKeyB64);
  if (!key) {
    key = (async () => {
      const material = await crypto.subtle.importKey('raw', fromBase64(credentialsKeyB64), 'HKDF', false, ['deriveBits']);
      const seed = new Uint8Array(
        await crypto.subtle.deriveBits(
          {
            name: 'HKDF',
            hash: 'SHA-256',
            salt: new TextEncoder().encode('privacy-console'),
            info: new TextEncoder().encode('deletion certificate signing key v1'),
          },
          material,
          256,
        ),
      );
      const pkcs8 = new Uint8Array([...PKCS8_PREFIX, ...seed]);
      const privateKey = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'Ed25519' }, true, ['sign']);
      const jwk = await crypto.subtle.exportKey('jwk', privateKey);
      if (!jwk.x) throw new Error('The Ed25519 key has no public part');
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', fromBase64Url(jwk.x)));
      return { privateKey, publicKey: jwk.x, keyId: toBase64Url(digest).slice(0, 16) };
    })();
    keys.set(credentialsKeyB64, key);
  }
  return key;
}

export async function publicSigningKey(credentialsKeyB64: string): Promise<PublicSigningKey> {
  const key = await certificateSigningKey(credentialsKeyB64);
  return { algorithm: 'Ed25519', keyId: key.keyId, publicKey: key.publicKey };
}

/** The signature of `payload` (everything of the certificate but its signature). */
export async function signPayload(credentialsKeyB64: string, payload: unknown): Promise<Signature> {
  const key = await certificateSigningKey(credentialsKeyB64);
  const value = new Uint8Array(await crypto.subtle.sign('Ed25519', key.privateKey, new TextEncoder().encode(canonicalJson(payload))));
  return { algorithm: 'Ed25519', keyId: key.keyId, publicKey: key.publicKey, value: toBase64Url(value) };
}
