/// <reference lib="webworker" />
import type { DemoApi } from './demo-api';
import { buildApi } from './demo-api';
import type { FromApiWorker, ToApiWorker } from './api-worker-protocol';
import { bodyOf } from './api-worker-protocol';
import { openDemoPersistence } from './persistence';
import { indexedDbSeedCache, safeSeedCache } from './seed-cache';

/**
 * The demo's API, off the page's main thread: this worker reads the seed from its IndexedDB cache (or
 * generates it, on a first visit), builds the MemoryStore's indexes and answers every /api request the page's msw handler hands it, so the page stays responsive
 * while the data loads and the console draws its loading states at once.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const tell = (message: FromApiWorker, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

const persistence = openDemoPersistence();
const seedCache = safeSeedCache(() => indexedDbSeedCache());
let api: Promise<DemoApi> | null = null;
let clockOffsetMs = 0;
const onAdvance = (offsetMs: number) => {
  clockOffsetMs = offsetMs;
  tell({ kind: 'clock', offsetMs });
};

async function build(fresh: boolean): Promise<DemoApi> {
  if (fresh) clockOffsetMs = 0;
  const started = performance.now();
  const built = await buildApi(await persistence, seedCache, fresh, { offsetMs: clockOffsetMs, onAdvance });
  // The page marks it (start-worker.ts), so a test or the benchmark can tell a cached start from a generated one.
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
