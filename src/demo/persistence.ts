import type { JournalEntry } from '@/api/store/memory/memory-store';

/**
 * Bump when the seed generator changes what it makes, or a stored record's shape changes: a journal written
 * over an older seed is dropped. (2: settings carry their version beside the value. 3: sessions carry an id
 * and last-seen, sign-in attempts became throttle counters.)
 */
export const DEMO_DATA_VERSION = 3;

/** Where the demo keeps the instant its seed was generated around and the changes made since. */
export interface DemoPersistence {
  /** The saved anchor (null on a first visit, or after the data version changed) and the saved changes, unparsed. */
  load(): Promise<{ anchor: string | null; changes: unknown[] }>;
  /** Forgets every change and remembers `anchor` as the seed's instant. */
  reset(anchor: string): Promise<void>;
  /** Keeps the writes of one commit; a later write of the same record replaces the earlier one. */
  append(entries: readonly JournalEntry[]): Promise<void>;
}

/** Keeps everything in memory: for tests, and for browsers where IndexedDB is unavailable (the data then lasts until reload). */
export function memoryPersistence(): DemoPersistence {
  let anchor: string | null = null;
  const changes = new Map<string, unknown>();
  return {
    load: async () => ({ anchor, changes: [...changes.values()] }),
    reset: async (next) => {
      anchor = next;
      changes.clear();
    },
    append: async (entries) => {
      for (const e of entries) changes.set(`${e.table}\u0000${e.key}`, structuredClone(e));
    },
  };
}

const DB_NAME = 'privacy-console-demo';
const META = 'meta';
const CHANGES = 'changes';

function settle<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function finished(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore(META);
      req.result.createObjectStore(CHANGES);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB did not open'));
    req.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
  });
}

/**
 * The demo's changes in IndexedDB, one row per record (keyed by table and key), so the saved history
 * never grows beyond the records that changed. Writes are queued in order; `reset` waits for them.
 */
export async function indexedDbPersistence(): Promise<DemoPersistence> {
  const db = await openDb();
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (work: () => Promise<void>): Promise<void> => {
    const next = queue.then(work);
    // One failed write must not stop the ones after it.
    queue = next.catch((err: unknown) => console.error('Could not save a demo change', err));
    return next;
  };

  return {
    async load() {
      await queue;
      const tx = db.transaction([META, CHANGES], 'readonly');
      const [version, anchor, changes] = await Promise.all([
        settle<unknown>(tx.objectStore(META).get('version')),
        settle<unknown>(tx.objectStore(META).get('anchor')),
        settle(tx.objectStore(CHANGES).getAll()),
      ]);
      if (version !== DEMO_DATA_VERSION || typeof anchor !== 'string') return { anchor: null, changes: [] };
      return { anchor, changes };
    },
    reset: (anchor) =>
      enqueue(async () => {
        const tx = db.transaction([META, CHANGES], 'readwrite');
        tx.objectStore(CHANGES).clear();
        tx.objectStore(META).put(DEMO_DATA_VERSION, 'version');
        tx.objectStore(META).put(anchor, 'anchor');
        await finished(tx);
      }),
    append: (entries) =>
      enqueue(async () => {
        const tx = db.transaction(CHANGES, 'readwrite');
        const changes = tx.objectStore(CHANGES);
        for (const e of entries) changes.put(e, [e.table, e.key]);
        await finished(tx);
      }),
  };
}

/** IndexedDB where the browser allows it (private windows of some browsers do not), memory otherwise. */
export async function openDemoPersistence(): Promise<DemoPersistence> {
  try {
    return await indexedDbPersistence();
  } catch (err) {
    console.warn('Demo changes will not survive a reload: IndexedDB is unavailable.', err);
    return memoryPersistence();
  }
}
