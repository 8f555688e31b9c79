import type { Account, Subject } from '@/api/contract/accounts';
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

/** What the console holds about one person that erasing them reads: their record and their events' emails. */
export type ErasedPerson = { subject: Subject; eventEmails: (string | null)[] };

/**
 * The plan that erases `people` of `account` (and the account itself, unless `keepAccount`): each person's email
 * kept only as its keyed hash, and every name and email of theirs that may sit in free text. The store's
 * erasure and the demo seed's completed deletions both start here.
 */
export async function planErasure(
  credentialsKey: string,
  account: Pick<Account, 'id' | 'name'>,
  people: readonly ErasedPerson[],
  otherNames: readonly (string | null)[],
  keepAccount = false,
): Promise<ErasurePlan> {
  const subjects: ErasurePlan['subjects'] = [];
  const texts: { name: string | null; emails: (string | null)[] }[] = [];
  for (const { subject, eventEmails } of people) {
    texts.push({ name: subject.name, emails: [subject.email, ...eventEmails] });
    const emailHash = subject.email ? await keyedEmailHash(credentialsKey, normaliseEmail(subject.email)) : (subject.emailHash ?? null);
    subjects.push({ id: subject.id, emailHash });
  }
  for (const name of otherNames) texts.push({ name, emails: [] });
  return {
    accountId: account.id,
    tombstone: keepAccount ? account.name : tombstoneName(account.id),
    subjects,
    replacements: erasureReplacements(keepAccount ? null : account, texts),
    ...(keepAccount && { keepAccount }),
  };
}

/** The people a request erases: the account's, or the one person a person's erasure request is about. */
export async function peopleErasedBy(tx: Tx, request: Pick<DeletionRequest, 'accountId' | 'person'>): Promise<Subject[]> {
  if (request.person) {
    const subject = await tx.subjects.get(request.person.subjectId);
    return subject ? [subject] : [];
  }
  return request.accountId ? tx.subjects.listByAccount(request.accountId) : [];
}

/**
 * What erasing the request's personal data from the console means, read from the store: its people (with
 * their emails' keyed hashes), and every name and email that may sit in free text about them (the emails
 * their consent events were given with, the names support-access consents were recorded under). A person's
 * erasure leaves their account and its other people alone.
 */
export async function erasurePlanFor(
  tx: Tx,
  ctx: Ctx,
  request: Pick<DeletionRequest, 'accountId' | 'person'>,
): Promise<ErasurePlan | null> {
  const account = request.accountId ? await tx.accounts.get(request.accountId) : null;
  const people: ErasedPerson[] = [];
  for (const subject of await peopleErasedBy(tx, request)) {
    people.push({ subject, eventEmails: (await tx.consentEvents.listBySubject(subject.id)).map((e) => e.email) });
  }
  if (request.person) {
    const scope = account ?? { id: request.person.subjectId, name: '' };
    return people.length > 0 ? planErasure(ctx.deps.credentialsKey, scope, people, [], true) : null;
  }
  if (!account) return null;
  const names: (string | null)[] = [];
  let cursor: string | undefined;
  do {
    const page = await tx.supportAccess.list({ accountId: account.id, sort: 'newest', cursor, limit: 200 });
    for (const r of page.items) if (r.consent) names.push(r.consent.personName);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return planErasure(ctx.deps.credentialsKey, account, people, names);
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
