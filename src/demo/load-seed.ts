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
 * The seed with its completed deletions done as completing them does (PRIVACY-RULES "Deletion"): each
 * account's people, names and emails erased by the stores' own `eraseRecord` under the plan the service
 * makes, the ledger kept under keyed hashes of `credentialsKey`. A completed request never shows names.
 * Only the records that can name an account's people are read (its people's own consent events).
 */
export async function eraseCompletedDeletions(seed: SeedData, credentialsKey: string): Promise<SeedData> {
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
  if (plans.length === 0) return seed;
  const erased = new Set(plans.flatMap((p) => p.subjects.map((s) => s.id)));
  const erase = <K extends ErasableTable>(
    table: K,
    records: TableRecords[K][],
    narrow = (_r: TableRecords[K]) => true,
  ): TableRecords[K][] =>
    records.map((record) => {
      if (!narrow(record)) return record;
      let next = record;
      for (const plan of plans) next = eraseRecord(table, next, plan) ?? next;
      return next;
    });
  return {
    ...seed,
    accounts: erase('accounts', seed.accounts),
    subjects: erase('subjects', seed.subjects, (s) => erased.has(s.id)),
    consentEvents: erase('consentEvents', seed.consentEvents, (e) => erased.has(e.subjectId)),
    supportAccess: erase('supportAccess', seed.supportAccess),
    deletions: erase('deletions', seed.deletions),
    breaches: erase('breaches', seed.breaches),
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
