import type { FieldChange } from '@/api/contract/audit';
import type { ConsentEvent } from '@/api/contract/consent';
import type { ChainName } from '@/api/contract/ledger-chain';
import { emailSeal, sealedForm } from '@/api/store/chain';
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

/** The audit action whose changes prove each chained event the erasure rewrote (ledger-chain reads it). */
export const CHAIN_REDACTION_ACTION = 'deletion.erase_console_copy';

/**
 * Erases the account's personal data in this console, in the caller's transaction; answers what changed and,
 * for each audit or consent event rewritten, its chained content hash before and after (`field` is
 * `chain:eventId`). The caller writes them into its audit event, itself chained, so a later check of the
 * hash chains tells this one sanctioned rewrite from an edit made around the console.
 */
export async function eraseConsoleCopy(tx: Tx, plan: ErasurePlan): Promise<{ counts: ErasureCounts; redactions: FieldChange[] }> {
  const rewritten: { chain: ChainName; before: unknown; after: unknown; email: string | null }[] = [];
  const counts = await tx.erasure.eraseAccount(plan, (table, before, after) => {
    if (table === 'audit') rewritten.push({ chain: 'audit', before, after, email: null });
    if (table === 'consentEvents') rewritten.push({ chain: 'consent', before, after, email: (before as ConsentEvent).email });
  });
  const hasher = tx.chain.hasher;
  const redactions: FieldChange[] = [];
  for (const r of rewritten) {
    const seal = r.chain === 'consent' ? await emailSeal(hasher, r.email) : null;
    redactions.push({
      field: `${r.chain}:${(r.before as { id: string }).id}`,
      before: await hasher.sha256(sealedForm(r.chain, r.before, seal)),
      after: await hasher.sha256(sealedForm(r.chain, r.after, seal)),
    });
  }
  return { counts, redactions };
}

export function describeCounts(counts: ErasureCounts): string {
  const parts = Object.entries(counts).map(([table, n]) => `${n} ${table}`);
  return parts.length > 0 ? parts.join(', ') : 'nothing left to erase';
}
