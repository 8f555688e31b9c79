/// <reference lib="webworker" />
import type { StoreSnapshot } from '@/api/store/schemas';
import type { DemoApi } from './demo-api';
import type { FromApiWorker, ToApiWorker } from './api-worker-protocol';
import { bodyOf } from './api-worker-protocol';
import type { DemoPersistence } from './persistence';
import { openDemoPersistence } from './persistence';
import type { SeedCache } from './seed-cache';
import { demoSeedKey, indexedDbSeedCache, safeSeedCache } from './seed-cache';

/**
 * The demo's API, off the page's main thread: this worker reads the seed from its IndexedDB cache (or
 * generates it, on a first visit), builds the MemoryStore's indexes and answers every /api request the page
 * hands it, so the page stays responsive while the data loads and the console draws its loading states at once.
 *
 * This module holds no API code: the journal and the cached seed are read from IndexedDB while the API's
 * code (demo-api.ts and all it imports, a half-megabyte module graph whose schemas take a while to build) loads
 * and runs, instead of after it.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const tell = (message: FromApiWorker, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

const persistence = openDemoPersistence();
const seedCache = safeSeedCache(() => indexedDbSeedCache());
const apiCode = import('./demo-api');

/** The first start's reads, begun before the API's code is in: its `load()` and its seed cache `get()` answer them once. */
function readAhead(): { persistence: Promise<DemoPersistence>; cache: SeedCache } {
  const saved = persistence.then((p) => p.load());
  // A failed read fails the start as it always did (through `load()`), not here as well.
  const key = saved.then(
    ({ anchor }) => (anchor === null ? null : demoSeedKey(anchor)),
    () => null,
  );
  const cached = key.then((k) => (k === null ? null : seedCache.get(k)));
  let loaded = false;
  let got = false;
  return {
    persistence: persistence.then((p) => ({
      ...p,
      load: () => {
        if (loaded) return p.load();
        loaded = true;
        return saved;
      },
    })),
    cache: {
      async get(k): Promise<StoreSnapshot | null> {
        if (!got && k === (await key)) {
          got = true;
          return cached;
        }
        return seedCache.get(k);
      },
      put: (k, snapshot) => seedCache.put(k, snapshot),
    },
  };
}
const first = readAhead();

let api: Promise<DemoApi> | null = null;
let clockOffsetMs = 0;
const onAdvance = (offsetMs: number) => {
  clockOffsetMs = offsetMs;
  tell({ kind: 'clock', offsetMs });
};

async function build(fresh: boolean): Promise<DemoApi> {
  if (fresh) clockOffsetMs = 0;
  const started = performance.now();
  const { buildApi } = await apiCode;
  const built = await buildApi(await first.persistence, first.cache, fresh, { offsetMs: clockOffsetMs, onAdvance });
  // The page marks it (api-connection.ts), so a test or the benchmark can tell a cached start from a generated one.
  tell({ kind: 'started', source: built.source, ms: Math.round(performance.now() - started), steps: built.steps });
  return built;
}

async function answer(id: number, request: Request): Promise<void> {
  try {
    if (!api) throw new Error('The demo API was asked before it started');
    const built = await api;
    const response = await built.app.fetch(request);
    const body = await bodyOf(response, request.method === 'HEAD' ? 'HEAD' : 'POST');
    await built.saved();
    tell(
      {
        kind: 'answer',
        id,
        response: { status: response.status, statusText: response.statusText, headers: [...response.headers], body },
      },
      body ? [body] : [],
    );
  } catch (err) {
    tell({ kind: 'failed', id, message: err instanceof Error ? err.message : String(err) });
  }
}

scope.onmessage = (event: MessageEvent<ToApiWorker>) => {
  const message = event.data;
  switch (message.kind) {
    case 'start':
      clockOffsetMs = message.clockOffsetMs;
      api = build(false);
      return;
    case 'fetch': {
      const { url, method, headers, body } = message.request;
      void answer(message.id, new Request(url, { method, headers, body }));
      return;
    }
    case 'reset': {
      const previous = api;
      api = (async () => {
        (await previous?.catch(() => null))?.stop();
        return build(true);
      })();
      void api.then(
        () => tell({ kind: 'reset', id: message.id }),
        (err: unknown) => tell({ kind: 'failed', id: message.id, message: String(err) }),
      );
      return;
    }
  }
};
