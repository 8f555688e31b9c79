/**
 * Checking a certificate of deletion, as anyone can: its Ed25519 signature over the canonical JSON of the
 * rest of it (services/certificate-signing signs the same bytes). WebCrypto only, so the console page and
 * `npm run verify-certificate` run this same code.
 */

/** JSON with object keys sorted at every level and no spaces: the bytes a signature covers. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
}

export type Signature = { algorithm: 'Ed25519'; keyId: string; publicKey: string; value: string };

export type Verification = { valid: true; keyId: string } | { valid: false; reason: string };

/**
 * Checks a certificate as downloaded (its JSON text): the signature must cover the rest of it, under its
 * own public key, and that key must be `expectedPublicKey` when one is given (the one the issuer publishes).
 */
export async function verifyCertificateText(text: string, expectedPublicKey?: string): Promise<Verification> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { valid: false, reason: 'The file is not JSON' };
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return { valid: false, reason: 'The file is not a certificate' };
  const { signature, ...payload } = doc as Record<string, unknown>;
  const s = signature as Partial<Signature> | undefined;
  if (!s || s.algorithm !== 'Ed25519' || typeof s.publicKey !== 'string' || typeof s.value !== 'string') {
    return { valid: false, reason: 'The certificate carries no Ed25519 signature' };
  }
  if (expectedPublicKey !== undefined && s.publicKey !== expectedPublicKey) {
    return { valid: false, reason: 'The certificate was signed with another key than the one the issuer publishes' };
  }
  try {
    const key = await crypto.subtle.importKey('raw', fromBase64Url(s.publicKey), { name: 'Ed25519' }, false, ['verify']);
    const ok = await crypto.subtle.verify('Ed25519', key, fromBase64Url(s.value), new TextEncoder().encode(canonicalJson(payload)));
    return ok
      ? { valid: true, keyId: s.keyId ?? '' }
      : { valid: false, reason: 'The signature does not match the content: the certificate was changed' };
  } catch {
    return { valid: false, reason: 'The signature or its key is malformed' };
  }
}
