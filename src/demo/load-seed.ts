import type { ConsentEvent } from '@/api/contract/consent';
import type { PasswordHasher } from '@/api/deps';
import type { ErasurePlan } from '@/api/rules/erasure';
import { planErasure } from '@/api/services/erasure';
import type { ErasableTable } from '@/api/store/erasure';
import { eraseRecord } from '@/api/store/erasure';
import { sealConnectorCredentials } from '@/api/services/processor-connectors';
import type { ConnectorCredentialsRecord, StoreSnapshot, TableRecords } from '@/api/store/schemas';
import type { Store } from '@/api/store/store';
import type { SeedData } from './seed-data';

/** Each seed user's password hash, by user id: one hash per distinct password, since hashing is slow on purpose. */
export async function hashSeedPasswords(seed: SeedData, passwords: PasswordHasher): Promise<Map<string, string>> {
  const byPassword = new Map<string, Promise<string>>();
  const hashes = new Map<string, string>();
  for (const user of seed.users) {
    let hash = byPassword.get(user.password);
    if (!hash) {
      hash = passwords.hash(user.password);
      byPassword.set(user.password, hash);
    }
    hashes.set(user.id, await hash);
  }
  return hashes;
}

/** The seed's connector credentials encrypted with `credentialsKey`, as the store keeps them. */
export function sealSeedSecrets(seed: SeedData, credentialsKey: string): Promise<ConnectorCredentialsRecord[]> {
  return Promise.all(
    seed.connectorSecrets.map((s) => sealConnectorCredentials(credentialsKey, s.processorId, s.vendor, s.credentials, seed.anchor)),
  );
}

/**
 * The erasure plan of each completed deletion in the seed, as the service makes it (PRIVACY-RULES "Deletion"): an
 * account's people, names and emails, or the one person of a person's erasure. Only the records that can name an
 * account's people are read (its people's own consent events).
 */
export async function completedDeletionPlans(seed: SeedData, credentialsKey: string): Promise<ErasurePlan[]> {
  const eventsBySubject = new Map<string, ConsentEvent[]>();
  for (const e of seed.consentEvents) {
    const list = eventsBySubject.get(e.subjectId);
    if (list) list.push(e);
    else eventsBySubject.set(e.subjectId, [e]);
  }
  const accounts = new Map(seed.accounts.map((a) => [a.id, a]));
  const plans: ErasurePlan[] = [];
  const subjects = new Map(seed.subjects.map((s) => [s.id, s]));
  for (const d of seed.deletions) {
    const account = d.accountId ? accounts.get(d.accountId) : undefined;
    if (d.status !== 'completed') continue;
    if (d.person) {
      // A person's erasure erases that person alone and keeps the account, as services/erasure erasurePlanFor plans it.
      const subject = subjects.get(d.person.subjectId);
      if (!subject) continue;
      const person = { subject, eventEmails: (eventsBySubject.get(subject.id) ?? []).map((e) => e.email) };
      plans.push(await planErasure(credentialsKey, account ?? { id: subject.id, name: '' }, [person], [], true));
      continue;
    }
    if (!account) continue;
    const people = seed.subjects
      .filter((s) => s.accountId === account.id)
      .map((subject) => ({ subject, eventEmails: (eventsBySubject.get(subject.id) ?? []).map((e) => e.email) }));
    const names = seed.supportAccess.filter((r) => r.accountId === account.id && r.consent).map((r) => r.consent?.personName ?? null);
    plans.push(await planErasure(credentialsKey, account, people, names));
  }
  return plans;
}

/**
 * Which plans may change a record: a plan changes only a record whose text holds its account's id, one of its
 * people's ids or one of the texts it replaces (lowercase, as the record's lowercased JSON is searched). One
 * expression of every plan's needles tells at once that most records hold none, instead of each of the seed's
 * 25 plans searching all 2,000 accounts for each of its texts; only a record that holds one is searched plan
 * by plan.
 */
function planFinder(plans: readonly ErasurePlan[]): (text: string) => Set<number> {
  const needles = plans.map((plan) =>
    [plan.accountId, ...plan.subjects.map((s) => s.id)].map((id) => id.toLowerCase()).concat(plan.replacements.map((r) => r.text)),
  );
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const any = new RegExp(needles.flat().map(escape).join('|'));
  return (text) => {
    const found = new Set<number>();
    if (!any.test(text)) return found;
    needles.forEach((list, index) => {
      if (list.some((needle) => text.includes(needle))) found.add(index);
    });
    return found;
  };
}

/** `records` with every plan applied, in order, by the stores' own `eraseRecord`: only the plans `planFinder` finds in each. */
function eraseUnder<K extends ErasableTable>(
  table: K,
  records: TableRecords[K][],
  plans: readonly ErasurePlan[],
  narrow = (_r: TableRecords[K]) => true,
): TableRecords[K][] {
  const plansIn = planFinder(plans);
  return records.map((record) => {
    if (!narrow(record)) return record;
    let next = record;
    let candidates = plansIn(JSON.stringify(record).toLowerCase());
    plans.forEach((plan, i) => {
      if (!candidates.has(i)) return;
      const erased = eraseRecord(table, next, plan);
      if (!erased) return;
      next = erased;
      // The changed text is searched again for the plans after this one.
      candidates = plansIn(JSON.stringify(next).toLowerCase());
    });
    return next;
  });
}

/**
 * The seed with its completed deletions done as completing them does (PRIVACY-RULES "Deletion"): each
 * account's people, names and emails erased by the stores' own `eraseRecord` under the plan the service
 * makes (`completedDeletionPlans`), the ledger kept under keyed hashes of `credentialsKey`. A completed request
 * never shows names.
 */
export async function eraseCompletedDeletions(seed: SeedData, credentialsKey: string): Promise<SeedData> {
  const plans = await completedDeletionPlans(seed, credentialsKey);
  if (plans.length === 0) return seed;
  const erased = new Set(plans.flatMap((p) => p.subjects.map((s) => s.id)));
  return {
    ...seed,
    accounts: eraseUnder('accounts', seed.accounts, plans),
    subjects: eraseUnder('subjects', seed.subjects, plans, (s) => erased.has(s.id)),
    consentEvents: eraseUnder('consentEvents', seed.consentEvents, plans, (e) => erased.has(e.subjectId)),
    supportAccess: eraseUnder('supportAccess', seed.supportAccess, plans),
    deletions: eraseUnder('deletions', seed.deletions, plans),
    breaches: eraseUnder('breaches', seed.breaches, plans),
  };
}

/**
 * The seed as a store holds it: users with password hashes (`hashes`, by user id) instead of passwords,
 * created at the seed's anchor, and the connectors' credentials `sealed` (sealSeedSecrets). The seed's
 * objects are shared, not copied.
 */
export function seedSnapshot(
  seed: SeedData,
  hashes: ReadonlyMap<string, string>,
  sealed: readonly ConnectorCredentialsRecord[],
): StoreSnapshot {
  return {
    users: seed.users.map((u) => {
      const passwordHash = hashes.get(u.id);
      if (!passwordHash) throw new Error(`No password hash for seed user ${u.id}`);
      return { id: u.id, email: u.email, name: u.name, role: u.role, passwordHash, createdAt: seed.anchor };
    }),
    accounts: seed.accounts,
    subjects: seed.subjects,
    processors: seed.processors,
    connectorCredentials: [...sealed],
    notices: seed.notices,
    consentEvents: seed.consentEvents,
    supportAccess: seed.supportAccess,
    deletions: seed.deletions,
    breaches: seed.breaches,
  };
}

/**
 * Loads the seed into any Store through its interface, in one transaction: what tests use. Answers the seed
 * as loaded (its completed deletions erased). (The demo makes
 * its MemoryStore with `MemoryStore.fromSnapshot`, and the server bulk-loads SQL: both faster.)
 */
export async function loadSeedThroughStore(
  store: Store,
  generated: SeedData,
  passwords: PasswordHasher,
  credentialsKey: string,
): Promise<SeedData> {
  const seed = await eraseCompletedDeletions(generated, credentialsKey);
  const snapshot = seedSnapshot(seed, await hashSeedPasswords(seed, passwords), await sealSeedSecrets(seed, credentialsKey));
  await store.transaction(async (tx) => {
    for (const u of snapshot.users) await tx.users.insert(u);
    for (const a of snapshot.accounts) await tx.accounts.insert(a);
    for (const s of snapshot.subjects) await tx.subjects.insert(s);
    for (const p of snapshot.processors) await tx.processors.insert(p);
    for (const c of snapshot.connectorCredentials) await tx.connectorCredentials.put(c);
    for (const n of snapshot.notices) await tx.notices.insert(n);
    for (const e of snapshot.consentEvents) await tx.consentEvents.insert(e);
    for (const r of snapshot.supportAccess) await tx.supportAccess.insert(r);
    for (const d of snapshot.deletions) await tx.deletions.insert(d);
    for (const b of snapshot.breaches ?? []) await tx.breaches.insert(b);
  });
  return seed;
}
