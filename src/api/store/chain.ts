import type { AuditEvent } from '@/api/contract/audit';
import type { ConsentEvent } from '@/api/contract/consent';
import type { ChainName, ChainProblem } from '@/api/contract/ledger-chain';

/**
 * The hash chains that make the audit trail and the consent ledger tamper-evident. Each event gets one link:
 *
 *   contentHash = SHA-256(canonical JSON of the event's sealed form)
 *   hash        = SHA-256("privacy-console/chain/v1" | chain | seq | eventId | contentHash | prevHash)
 *
 * with prevHash the hash of the link before it (GENESIS for the first). The sealed form of an audit event is
 * the event itself. The sealed form of a consent event replaces its `email` with `emailSeal`, a keyed hash
 * (HMAC-SHA-256 under the store's chain key) of the lower-cased address, which the link keeps. So a
 * documented redaction that clears the email of a consent event (an erasure after a certified account
 * deletion sets `email` to null) leaves the chain intact: the seal is still in the link, the rest of the
 * event is unchanged. Any other change to an event (its email to another address, any other field) breaks
 * its content hash; rewriting the links as well breaks the anchored head hash, printed daily in the log.
 * The erasure's wider rewrite (names in free text, the email's keyed hash) is proven instead by its own
 * chained audit event, which lists each rewritten event's content hash before and after (services/erasure).
 */
export const GENESIS = '0'.repeat(64);

export type ChainLink = {
  chain: ChainName;
  seq: number;
  eventId: string;
  emailSeal: string | null;
  contentHash: string;
  prevHash: string;
  hash: string;
  linkedAt: string;
};
export type ChainHead = { chain: ChainName; seq: number; hash: string };
export type ChainAnchor = { chain: ChainName; seq: number; hash: string; anchoredAt: string };

/** The two digests a chain needs; the Node server uses node:crypto, the demo WebCrypto: same bytes out. */
export interface ChainHasher {
  sha256(text: string): string | Promise<string>;
  /** HMAC-SHA-256 under the chain key, hex. */
  hmac(text: string): string | Promise<string>;
}

/** Used when a store is made without a key: tests and the demo (whose data is synthetic). */
export const DEMO_CHAIN_KEY = 'privacy-console-demo-chain-key';

const hex = (bytes: ArrayBuffer): string => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** A ChainHasher on WebCrypto (browser and Node alike). */
export function webChainHasher(key: string): ChainHasher {
  const encoder = new TextEncoder();
  const hmacKey = crypto.subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return {
    sha256: async (text) => hex(await crypto.subtle.digest('SHA-256', encoder.encode(text))),
    hmac: async (text) => hex(await crypto.subtle.sign('HMAC', await hmacKey, encoder.encode(text))),
  };
}

/**
 * JSON with object keys sorted (by UTF-16 code unit) and no white space; undefined members left out. A record
 * read back from jsonb gives the same text as the one written.
 */
export function canonicalJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The keyed hash of an email that a consent event's link keeps (null for an event without an email). */
export async function emailSeal(hasher: ChainHasher, email: string | null): Promise<string | null> {
  return email === null ? null : hasher.hmac(`email\n${email.toLowerCase()}`);
}

/** The text a link's content hash is taken over. */
export function sealedForm(chain: ChainName, record: unknown, seal: string | null): string {
  if (chain === 'audit') return canonicalJson(record);
  const { email: _email, ...rest } = record as ConsentEvent;
  return canonicalJson({ ...rest, emailSeal: seal });
}

function linkText(link: Pick<ChainLink, 'chain' | 'seq' | 'eventId' | 'contentHash' | 'prevHash'>): string {
  return ['privacy-console/chain/v1', link.chain, String(link.seq), link.eventId, link.contentHash, link.prevHash].join('|');
}

/** An event waiting for its link: written in a transaction, linked just before that transaction commits. */
export type PendingLink = { chain: 'audit'; record: AuditEvent } | { chain: 'consent'; record: ConsentEvent };

/** The sealed parts of a pending event, computed before the chain's head is locked (the lock is then held briefly). */
export async function sealPending(
  hasher: ChainHasher,
  pending: PendingLink,
): Promise<{ eventId: string; emailSeal: string | null; contentHash: string }> {
  const seal = pending.chain === 'consent' ? await emailSeal(hasher, pending.record.email) : null;
  return { eventId: pending.record.id, emailSeal: seal, contentHash: await hasher.sha256(sealedForm(pending.chain, pending.record, seal)) };
}

/** The links that follow `head` for the sealed events, in order, and the new head. */
export async function extendChain(
  hasher: ChainHasher,
  head: ChainHead,
  sealed: readonly { eventId: string; emailSeal: string | null; contentHash: string }[],
  linkedAt: string,
): Promise<{ links: ChainLink[]; head: ChainHead }> {
  const links: ChainLink[] = [];
  let { seq, hash } = head;
  for (const s of sealed) {
    seq += 1;
    const base = { chain: head.chain, seq, eventId: s.eventId, contentHash: s.contentHash, prevHash: hash };
    hash = await hasher.sha256(linkText(base));
    links.push({ ...base, emailSeal: s.emailSeal, hash, linkedAt });
  }
  return { links, head: { chain: head.chain, seq, hash } };
}

/**
 * What is wrong with one link, given the link before it (`prev`: its seq and hash) and the event as stored
 * now (null when the row is gone); null when it holds. A consent event whose email was cleared by a
 * redaction checks against the seal its link kept; `redacted` says it was.
 */
export async function checkLink(
  hasher: ChainHasher,
  link: ChainLink,
  prev: { seq: number; hash: string },
  record: unknown,
): Promise<{ problem: ChainProblem; detail: string } | { problem: null; redacted: boolean }> {
  if (link.seq !== prev.seq + 1) return { problem: 'out_of_order', detail: `link ${link.seq} follows link ${prev.seq}` };
  if (link.prevHash !== prev.hash) return { problem: 'relinked', detail: `link ${link.seq} does not name the hash of the link before it` };
  if ((await hasher.sha256(linkText(link))) !== link.hash)
    return { problem: 'relinked', detail: `link ${link.seq}'s own hash does not match it` };
  if (record === null) return { problem: 'missing', detail: `event ${link.eventId} is no longer stored` };
  let redacted = false;
  if (link.chain === 'consent') {
    const email = (record as ConsentEvent).email;
    if (email === null || email === undefined) redacted = link.emailSeal !== null;
    else if ((await emailSeal(hasher, email)) !== link.emailSeal)
      return { problem: 'altered', detail: `event ${link.eventId}'s email was changed` };
  }
  if ((await hasher.sha256(sealedForm(link.chain, record, link.emailSeal))) !== link.contentHash) {
    return { problem: 'altered', detail: `event ${link.eventId} differs from what was chained` };
  }
  return { problem: null, redacted };
}
