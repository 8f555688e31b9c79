import type { DeletionRequest } from '@/api/contract/deletions';
import type { ErasurePlan } from '@/api/rules/erasure';
import type { ErasureCounts } from '@/api/store/erasure';
import { erasureReplacements, normaliseEmail, tombstoneName } from '@/api/rules/erasure';
import type { Tx } from '@/api/store/store';
import type { Ctx } from './context';
import { keyedEmailHash } from './crypto';

/** The keyed hash an erased person's email is kept as, and found by when they give it again. */
export function emailHashOf(ctx: Ctx, email: string): Promise<string> {
  return keyedEmailHash(ctx.deps.credentialsKey, normaliseEmail(email));
}

/**
 * What erasing the account's personal data from the console means, read from the store: its people (with
 * their emails' keyed hashes), and every name and email that may sit in free text about them (the emails
 * their consent events were given with, the names support-access consents were recorded under).
 */
export async function erasurePlanFor(tx: Tx, ctx: Ctx, request: Pick<DeletionRequest, 'accountId'>): Promise<ErasurePlan | null> {
  const account = await tx.accounts.get(request.accountId);
  if (!account) return null;
  const people = await tx.subjects.listByAccount(account.id);
  const subjects: ErasurePlan['subjects'] = [];
  const texts: { name: string | null; emails: (string | null)[] }[] = [];
  for (const person of people) {
    const events = await tx.consentEvents.listBySubject(person.id);
    const emails = [person.email, ...events.map((e) => e.email)];
    texts.push({ name: person.name, emails });
    subjects.push({ id: person.id, emailHash: person.email ? await emailHashOf(ctx, person.email) : (person.emailHash ?? null) });
  }
  let cursor: string | undefined;
  do {
    const page = await tx.supportAccess.list({ accountId: account.id, sort: 'newest', cursor, limit: 200 });
    for (const r of page.items) if (r.consent) texts.push({ name: r.consent.personName, emails: [] });
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { accountId: account.id, tombstone: tombstoneName(account.id), subjects, replacements: erasureReplacements(account, texts) };
}

/** Erases the account's personal data in this console, in the caller's transaction; answers what changed. */
export async function eraseConsoleCopy(tx: Tx, plan: ErasurePlan): Promise<ErasureCounts> {
  return tx.erasure.eraseAccount(plan);
}

export function describeCounts(counts: ErasureCounts): string {
  const parts = Object.entries(counts).map(([table, n]) => `${n} ${table}`);
  return parts.length > 0 ? parts.join(', ') : 'nothing left to erase';
}
