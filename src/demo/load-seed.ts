import type { PasswordHasher } from '@/api/deps';
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

/**
 * Loads the seed into any Store through its interface, in one transaction: what tests and the server's
 * seed command use. (The demo loads its MemoryStore directly with `MemoryStore.fromSeed`, which is faster.)
 */
export async function loadSeedThroughStore(store: Store, seed: SeedData, passwords: PasswordHasher): Promise<void> {
  const hashes = await hashSeedPasswords(seed, passwords);
  await store.transaction(async (tx) => {
    for (const u of seed.users) {
      await tx.users.insert({
        id: u.id,
        email: u.email,
        name: u.name,
        role: u.role,
        passwordHash: hashes.get(u.id) ?? '',
        createdAt: seed.anchor,
      });
    }
    for (const a of seed.accounts) await tx.accounts.insert(a);
    for (const s of seed.subjects) await tx.subjects.insert(s);
    for (const p of seed.processors) await tx.processors.insert(p);
    for (const n of seed.notices) await tx.notices.insert(n);
    for (const e of seed.consentEvents) await tx.consentEvents.insert(e);
    for (const r of seed.supportAccess) await tx.supportAccess.insert(r);
    for (const d of seed.deletions) await tx.deletions.insert(d);
  });
}
