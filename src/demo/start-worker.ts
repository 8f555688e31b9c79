import { http } from 'msw';
import { setupWorker } from 'msw/browser';
import type { FromApiWorker, ToApiWorker, WireResponse } from './api-worker-protocol';
import { bodyOf } from './api-worker-protocol';

const CLOCK_KEY = 'privacy-console-demo-clock-offset';

/**
 * The page's end of the API's worker (src/demo/api-worker.ts): each request goes there as plain data and its
 * answer comes back the same way. The clock's offset is kept here, in the tab's sessionStorage, which a worker
 * cannot reach.
 */
function connectApiWorker() {
  const worker = new Worker(new URL('./api-worker.ts', import.meta.url), { type: 'module' });
  const waiting = new Map<number, { resolve: (response: WireResponse | null) => void; reject: (err: Error) => void }>();
  let nextId = 1;
  const send = (message: ToApiWorker, transfer: Transferable[] = []) => worker.postMessage(message, transfer);
  const ask = (message: (id: number) => ToApiWorker, transfer: Transferable[] = []) =>
    new Promise<WireResponse | null>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      send(message(id), transfer);
    });
  worker.onmessage = (event: MessageEvent<FromApiWorker>) => {
    const message = event.data;
    if (message.kind === 'clock') {
      sessionStorage.setItem(CLOCK_KEY, String(message.offsetMs));
      return;
    }
    if (message.kind === 'started') {
      // `demo-data:cache` or `demo-data:generated`: what e2e/demo-cache.demo.spec.ts and the benchmark read.
      performance.mark(`demo-data:${message.source}`, { detail: { workerMs: message.ms, steps: message.steps } });
      return;
    }
    const pending = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.kind === 'answer') pending?.resolve(message.response);
    else if (message.kind === 'reset') pending?.resolve(null);
    else pending?.reject(new Error(message.message));
  };
  send({ kind: 'start', clockOffsetMs: Number(sessionStorage.getItem(CLOCK_KEY)) || 0 });
  return {
    async fetch(request: Request): Promise<Response> {
      const body = await bodyOf(request, request.method);
      const wire = { url: request.url, method: request.method, headers: [...request.headers], body };
      const answer = await ask((id) => ({ kind: 'fetch', id, request: wire }), body ? [body] : []);
      if (!answer) throw new Error('The demo API sent no answer');
      return new Response(answer.body, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
    },
    async reset(): Promise<void> {
      sessionStorage.removeItem(CLOCK_KEY);
      await ask((id) => ({ kind: 'reset', id }));
    },
  };
}

/**
 * msw's worker unregisters itself when its last tab closes; a page that opens meanwhile still sees the old
 * registration, and msw's unawaited `registration.update()` on it rejects ("Failed to update a
 * ServiceWorker ... Not found") as an unhandled error. Updating it here first, and dropping it when the
 * update fails, lets msw register a fresh worker instead.
 */
async function dropVanishedWorker(workerUrl: string): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const script = new URL(workerUrl, location.href).href;
  const registrations = await navigator.serviceWorker.getRegistrations();
  for (const registration of registrations) {
    const worker = registration.active ?? registration.waiting ?? registration.installing;
    if (worker?.scriptURL !== script) continue;
    try {
      await registration.update();
    } catch {
      await registration.unregister().catch(() => false);
    }
  }
}

/** The rejection of `registration.update()` on a worker that unregistered itself: "Failed to update a ServiceWorker ... Not found". */
export function isVanishedWorkerUpdate(reason: unknown): boolean {
  return (
    typeof reason === 'object' &&
    reason !== null &&
    'message' in reason &&
    typeof reason.message === 'string' &&
    /Failed to update a ServiceWorker/i.test(reason.message) &&
    /not found|no active worker|unregistered/i.test(reason.message)
  );
}

/**
 * Demo mode: the real API answers every /api request in this browser, through msw's service worker, which
 * hands each to the API's own worker. Resolves once msw's worker is registered: the data loads in the API's
 * worker meanwhile, and requests made before it is ready wait there for it.
 */
export async function startDemo(): Promise<void> {
  const workerUrl = `${import.meta.env.BASE_URL}mockServiceWorker.js`;
  // Should the worker still vanish between that check and msw's own unawaited update, its rejection is
  // that race and nothing else: not an error for the page; the registration msw makes next is live.
  window.addEventListener('unhandledrejection', (event) => {
    if (isVanishedWorkerUpdate(event.reason)) event.preventDefault();
  });
  // The API's worker first: it reads (or generates) the data while msw's service worker registers.
  const api = connectApiWorker();
  await dropVanishedWorker(workerUrl);
  const worker = setupWorker(
    // Answered by the API's worker apart from the API: it replaces the API's store.
    http.post('/api/demo/reset', async () => {
      await api.reset();
      return new Response(null, { status: 204 });
    }),
    http.all('/api/*', ({ request }) => api.fetch(request)),
  );
  await worker.start({
    onUnhandledRequest: 'bypass',
    quiet: true,
    serviceWorker: { url: workerUrl },
  });
}
