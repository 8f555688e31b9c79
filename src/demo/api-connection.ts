import type { FromApiWorker, ToApiWorker, WireResponse } from './api-worker-protocol';
import { bodyOf } from './api-worker-protocol';

const CLOCK_KEY = 'privacy-console-demo-clock-offset';

/** Answered by the API's worker apart from the API: it replaces the API's store. */
const RESET_PATH = '/api/demo/reset';

export type ApiConnection = {
  /** Any /api request, answered by the API in its worker (the demo's reset by replacing its store). */
  answer(request: Request): Promise<Response>;
};

/**
 * The page's end of the API's worker (src/demo/api-worker.ts): each request goes there as plain data and its
 * answer comes back the same way. The clock's offset is kept here, in the tab's sessionStorage, which a worker
 * cannot reach. No msw here: the console's own calls come straight to `answer` (start-worker.ts).
 */
function connectApiWorker(): ApiConnection {
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

  const fetchFromApi = async (request: Request): Promise<Response> => {
    const body = await bodyOf(request, request.method);
    const wire = { url: request.url, method: request.method, headers: [...request.headers], body };
    const answer = await ask((id) => ({ kind: 'fetch', id, request: wire }), body ? [body] : []);
    if (!answer) throw new Error('The demo API sent no answer');
    return new Response(answer.body, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
  };
  const reset = async (): Promise<Response> => {
    sessionStorage.removeItem(CLOCK_KEY);
    await ask((id) => ({ kind: 'reset', id }));
    return new Response(null, { status: 204 });
  };
  return {
    answer(request) {
      const resetting = request.method === 'POST' && new URL(request.url).pathname === RESET_PATH;
      return resetting ? reset() : fetchFromApi(request);
    },
  };
}

let connection: ApiConnection | null = null;

/**
 * The page's one connection to the API's worker, made on first call: src/demo-main.ts makes it before React
 * has loaded, so the worker reads or generates the data while the console's code downloads.
 */
export function demoApiConnection(): ApiConnection {
  connection ??= connectApiWorker();
  return connection;
}
