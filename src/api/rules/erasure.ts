import type { Account } from '@/api/contract/accounts';

/**
 * The erasure of the console's own copy of an account's personal data (policy 5.7; PRIVACY-RULES
 * "Deletion"): names and emails go, the account keeps a tombstone name, and the consent ledger stays as a
 * pseudonymous record: each person's email only as a keyed hash (HMAC-SHA256 with a server secret), so the
 * suppression list still knows them and a proof can be matched when they give their email again.
 */
export type ErasurePlan = {
  /** The account erased; for one person's erasure, their account's id (or theirs when they have none). */
  accountId: string;
  /** One person's erasure (Art. 17): the account, its name and its other people stay as they are. */
  keepAccount?: boolean;
  /** The account's name from now on: "Deleted account acc_…". */
  tombstone: string;
  /** The account's people, each with the keyed hash of their normalised email (null when they had none). */
  subjects: { id: string; emailHash: string | null }[];
  /** Text that names them (names, emails, the account's name), longest first, each with what replaces it. */
  replacements: { text: string; with: string }[];
};

export const ERASED_NAME = '[erased name]';
export const ERASED_EMAIL = '[erased email]';
export const ERASED_TEXT = '[erased]';

/** Shorter text than this is not searched for in free text: it would blank common words. */
const MIN_NEEDLE = 3;

export function tombstoneName(accountId: string): string {
  return `Deleted account ${accountId}`;
}

/** The email as its hash is taken: trimmed and lower-cased, so "A@x.com " and "a@x.com" match. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The replacements for an account's names and emails, longest first (an email may contain a name). */
export function erasureReplacements(
  account: Pick<Account, 'id' | 'name'> | null,
  people: { name: string | null; emails: (string | null)[] }[],
): ErasurePlan['replacements'] {
  const found = new Map<string, string>();
  const add = (text: string | null, replacement: string) => {
    const t = text?.trim();
    if (t && t.length >= MIN_NEEDLE && !found.has(t.toLowerCase())) found.set(t.toLowerCase(), replacement);
  };
  for (const p of people) for (const e of p.emails) add(e, ERASED_EMAIL);
  if (account) add(account.name, tombstoneName(account.id));
  for (const p of people) add(p.name, ERASED_NAME);
  return [...found.entries()].map(([text, replacement]) => ({ text, with: replacement })).sort((a, b) => b.text.length - a.text.length);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces every case-insensitive occurrence of each text in `value`. */
function redactText(value: string, replacements: ErasurePlan['replacements']): string {
  let out = value;
  for (const r of replacements) {
    if (out.toLowerCase().includes(r.text)) out = out.replace(new RegExp(escapeRegExp(r.text), 'gi'), r.with);
  }
  return out;
}

/** `redactText` on every string inside a JSON value; keys stay as they are. */
export function redactDeep<T>(value: T, replacements: ErasurePlan['replacements']): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactText(v, replacements);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/** Whether any of the texts occurs in the record (a quick filter before rewriting it). */
export function mentions(record: unknown, replacements: ErasurePlan['replacements']): boolean {
  const text = JSON.stringify(record).toLowerCase();
  return replacements.some((r) => text.includes(r.text));
}
