import type { StoreSnapshot } from '@/api/store/schemas';
import { DEMO_DATA_VERSION } from './persistence';

/**
 * The demo's seed as the store first holds it (generated, completed deletions erased, passwords hashed,
 * connector credentials sealed), kept in IndexedDB so that a reload makes the store from it instead of
 * generating the seed again. One entry is kept: the one for the current key.
 */
export interface SeedCache {
  /** The snapshot kept under `key`, or null (none, another key, or unreadable). */
  get(key: string): Promise<StoreSnapshot | null>;
  /** Keeps `snapshot` under `key`, replacing whatever was kept. */
  put(key: string, snapshot: StoreSnapshot): Promise<void>;
}

/**
 * What the cached snapshot depends on: the build's fingerprint of the generator's source (vite.config.ts,
 * `__DEMO_SEED_FINGERPRINT__`), the stored records' version, the seed's size and the instant it was made
 * around. Any of them changed, the cache is missed, so a new build never reads an older generator's seed.
 */
export function seedCacheKey(seed: { fingerprint: string; consentEvents: number | undefined; anchor: string }): string {
  return ['seed', `data-${DEMO_DATA_VERSION}`, seed.fingerprint, `events-${seed.consentEvents ?? 'default'}`, seed.anchor].join('/');
}

/**
 * How many consent events the demo generates: the seed's default, or VITE_DEMO_CONSENT_EVENTS at build time
 * (the benchmark builds a demo with 100,000 to measure the ledger at that size).
 */
export function demoConsentEvents(): number | undefined {
  const configured = Number(import.meta.env.VITE_DEMO_CONSENT_EVENTS);
  return Number.isInteger(configured) && configured > 0 ? configured : undefined;
}

/** This build's key for the seed made around `anchor`. */
export function demoSeedKey(anchor: string): string {
  return seedCacheKey({ fingerprint: __DEMO_SEED_FINGERPRINT__, consentEvents: demoConsentEvents(), anchor });
}

const snapshotArrays = [
  'users',
  'accounts',
  'subjects',
  'processors',
  'connectorCredentials',
  'notices',
  'consentEvents',
  'supportAccess',
  'deletions',
] as const satisfies readonly (keyof StoreSnapshot)[];

/** A kept value is the cache's own; this only checks it still is one (not a value some other code left). */
function asSnapshot(value: unknown): StoreSnapshot | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  return snapshotArrays.every((table) => Array.isArray(record[table])) ? (value as StoreSnapshot) : null;
}

type Entry = { key: string; snapshot: unknown };

/** For tests, and where IndexedDB is missing: nothing survives a reload. */
export function memorySeedCache(): SeedCache & { puts: number } {
  let entry: Entry | null = null;
  return {
    puts: 0,
    async get(key) {
      return entry?.key === key ? asSnapshot(structuredClone(entry.snapshot)) : null;
    },
    async put(key, snapshot) {
      this.puts++;
      entry = { key, snapshot: structuredClone(snapshot) };
    },
  };
}

const DB_NAME = 'privacy-console-demo-seed';
const STORE = 'seed';
const ENTRY = 'current';
/** IndexedDB that neither opens nor fails (a few private modes) must not hold the demo up. */
const OPEN_TIMEOUT_MS = 3000;

function opened(factory: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('IndexedDB did not open in time')), OPEN_TIMEOUT_MS);
    const req = factory.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => {
      clearTimeout(timer);
      resolve(req.result);
    };
    req.onerror = () => {
      clearTimeout(timer);
      reject(req.error ?? new Error('IndexedDB did not open'));
    };
    req.onblocked = () => {
      clearTimeout(timer);
      reject(new Error('IndexedDB is blocked by another tab'));
    };
  });
}

function done(tx: IDBTransaction, req?: IDBRequest): Promise<unknown> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve(req?.result);
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/**
 * The seed in IndexedDB (its own database, apart from the journal of changes: a full disk may refuse the
 * seed yet keep the changes). One row, the key beside the snapshot; reading another key's row is a miss.
 */
export async function indexedDbSeedCache(factory: IDBFactory = indexedDB): Promise<SeedCache> {
  const db = await opened(factory);
  return {
    async get(key) {
      const tx = db.transaction(STORE, 'readonly');
      const entry = (await done(tx, tx.objectStore(STORE).get(ENTRY))) as Partial<Entry> | undefined;
      return entry?.key === key ? asSnapshot(entry.snapshot) : null;
    },
    async put(key, snapshot) {
      const tx = db.transaction(STORE, 'readwrite');
      const entry: Entry = { key, snapshot };
      tx.objectStore(STORE).put(entry, ENTRY);
      await done(tx);
    },
  };
}

/**
 * A cache that never fails the demo: where IndexedDB is missing, blocked or refuses (quota), a read is a
 * miss and a write is dropped, and the seed is generated as on a first visit.
 */
export function safeSeedCache(open: () => Promise<SeedCache>): SeedCache {
  const cache = open().catch((err: unknown) => {
    console.warn('The demo will generate its data at each load: IndexedDB is unavailable.', err);
    return null;
  });
  return {
    async get(key) {
      try {
        return (await (await cache)?.get(key)) ?? null;
      } catch (err) {
        console.warn('The demo could not read its cached data; generating it.', err);
        return null;
      }
    },
    async put(key, snapshot) {
      try {
        await (await cache)?.put(key, snapshot);
      } catch (err) {
        console.warn('The demo could not cache its data (storage full or refused).', err);
      }
    },
  };
}
