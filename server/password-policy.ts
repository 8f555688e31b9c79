import { readFileSync } from 'node:fs';

/**
 * The rule for a password of the console, as NIST SP 800-63B (5.1.1.2) asks of memorized secrets: long
 * enough (12 characters here), and not one that is known or guessable: not in a list of common passwords
 * (server/data/common-passwords.txt, 49,233 of them), not the account's email or its name part, not one
 * character or a short run repeated, not a straight sequence. No composition rules (NIST advises against
 * them). Checked on the server wherever a password is set (today the user command, server/cli.ts); the
 * list never ships to the browser.
 */
const MIN_PASSWORD_LENGTH = 12;

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(new URL('./data/common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
  return common;
}

/** The list's size, for the tests that pin it. */
export function commonPasswordCount(): number {
  return commonPasswords().size;
}

/** `unit` when `text` is nothing but `unit` said again and again (`abcabcabc` -> `abc`), else null. */
function repeatedUnit(text: string): string | null {
  for (let size = 1; size <= text.length / 2; size++) {
    if (text.length % size !== 0) continue;
    const unit = text.slice(0, size);
    if (unit.repeat(text.length / size) === text) return unit;
  }
  return null;
}

/** Each character one more (or one less) than the one before: `abcdefghijkl`, `987654321098` wrapping 0-9. */
function isSequence(text: string): boolean {
  const codes = [...text].map((c) => c.codePointAt(0) ?? 0);
  const digits = /^\d+$/.test(text);
  for (const step of [1, -1]) {
    if (codes.every((code, i) => i === 0 || code - codes[i - 1]! === step || (digits && Math.abs(code - codes[i - 1]!) === 9))) return true;
  }
  return false;
}

/**
 * The forms of a password that are looked up in the list: as typed (lower case), without spaces, and
 * without the digits and symbols people put before and after a word (`Password2026!` -> `password`).
 */
function listForms(lower: string): string[] {
  const forms = new Set([lower, lower.replace(/\s+/g, ''), lower.replace(/^[\d\W_]+|[\d\W_]+$/gu, '')]);
  const unit = repeatedUnit(lower);
  if (unit) forms.add(unit);
  return [...forms].filter((form) => form.length >= 4);
}

/** What is wrong with `password` for the account `email`, in plain words; empty when it is fine. */
export function passwordProblems(password: string, email: string): string[] {
  const problems: string[] = [];
  const lower = password.normalize('NFC').toLowerCase();
  if ([...password].length < MIN_PASSWORD_LENGTH) problems.push(`Use at least ${MIN_PASSWORD_LENGTH} characters`);
  const address = email.trim().toLowerCase();
  const local = address.split('@')[0] ?? '';
  if (lower.includes(address) || (local.length >= 3 && lower.includes(local))) {
    problems.push('Do not use your email address, or its part before the @, in the password');
  }
  if (listForms(lower).some((form) => commonPasswords().has(form))) {
    problems.push('This password is on a list of common passwords that attackers try first: choose another');
  }
  if (repeatedUnit(lower) !== null && (repeatedUnit(lower)?.length ?? 0) <= 4) {
    problems.push('Do not repeat a character or a short run of characters (such as aaaa or abab)');
  } else if (lower.length > 1 && isSequence(lower)) {
    problems.push('Do not use a sequence (such as abcdef or 123456)');
  }
  return problems;
}
