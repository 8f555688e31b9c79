import { setApiFetch } from '@/lib/api-fetch';
import type { ApiConnection } from './api-connection';
import { demoApiConnection } from './api-connection';

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

/** A request to this origin's API (what msw's service worker answers), as `fetch` is called with it. */
export function isApiRequest(input: RequestInfo | URL, origin: string): boolean {
  const url = new URL(input instanceof Request ? input.url : String(input), origin);
  return url.origin === origin && url.pathname.startsWith('/api/');
}

/** The API client's calls, sent to the API's worker as the browser's `fetch` would have sent them, abort included. */
function directFetch(api: ApiConnection) {
  return async (url: string, init: RequestInit): Promise<Response> => {
    const request = new Request(new URL(url, location.href), init);
    const { signal } = request;
    signal.throwIfAborted();
    return new Promise<Response>((resolve, reject) => {
      const aborted = () => reject(signal.reason instanceof DOMException ? signal.reason : new DOMException('Aborted', 'AbortError'));
      signal.addEventListener('abort', aborted, { once: true });
      api
        .answer(request)
        .then(resolve, reject)
        .finally(() => signal.removeEventListener('abort', aborted));
    });
  };
}

/**
 * Until msw's service worker answers for the page, a `fetch` of /api made outside the API client (a
 * download) waits for it, and goes to the API's worker directly should it fail to register or not start
 * for this page (msw-worker.ts); other fetches pass. Once it answers, the browser's own `fetch` is back.
 */
function holdApiFetches(registered: Promise<unknown>, api: ApiConnection, needed: () => void): void {
  const browserFetch = window.fetch.bind(window);
  const held: typeof fetch = async (input, init) => {
    if (!isApiRequest(input, location.origin)) return browserFetch(input, init);
    needed();
    // Answered by msw's worker once it has started for this page; else (it failed, or this page is not the
    // worker's: msw-worker.ts) by the API's worker directly.
    const ok = await registered.then(
      (answering) => answering !== false,
      () => false,
    );
    return ok ? browserFetch(input, init) : api.answer(new Request(input, init));
  };
  window.fetch = held;
  // The browser's own fetch is back only where msw's worker answers; elsewhere /api stays the API worker's.
  void registered.then(
    (answering) => {
      if (answering !== false && window.fetch === held) window.fetch = browserFetch;
    },
    () => undefined,
  );
}

/** How long after the console's first answer msw may load: time for the answer to be drawn. */
const MSW_AFTER_FIRST_ANSWER_MS = 1000;

/**
 * When msw's code (a third of a megabyte, parsed on the main thread) may load: once the console's first
 * answer has been drawn and the page is idle, so it is off the first screen's path; at once when a fetch
 * needs it (`now`); at the latest after `latestMs`.
 */
function mswMoment(firstAnswer: Promise<unknown>, now: Promise<void>, latestMs = 10_000): Promise<void> {
  const idle = () =>
    new Promise<void>((resolve) => {
      if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 2000 });
      else setTimeout(resolve, 200);
    });
  const drawn = firstAnswer
    .catch(() => undefined)
    .then(() => new Promise((resolve) => setTimeout(resolve, MSW_AFTER_FIRST_ANSWER_MS)))
    .then(idle);
  return Promise.race([drawn, now, new Promise<void>((resolve) => setTimeout(resolve, latestMs))]);
}

/**
 * Demo mode: the real API answers every /api request in this browser, in a Web Worker of its own
 * (src/demo/api-worker.ts), which reads (or generates) the data as soon as this runs. The console's API
 * client sends its calls there by message, so the console renders at once; msw's service worker, which
 * answers what the browser asks of /api itself (links, downloads), registers in the background once the page
 * is idle, and such fetches wait for it.
 */
export function startDemo(): ApiConnection {
  const workerUrl = `${import.meta.env.BASE_URL}mockServiceWorker.js`;
  // Should the worker vanish between msw-worker.ts's check and msw's own unawaited update, its rejection is
  // that race and nothing else: not an error for the page; the registration msw makes next is live.
  window.addEventListener('unhandledrejection', (event) => {
    if (isVanishedWorkerUpdate(event.reason)) event.preventDefault();
  });
  const api = demoApiConnection();
  let answered = (): void => undefined;
  const firstAnswer = new Promise<void>((resolve) => (answered = resolve));
  const direct = directFetch(api);
  setApiFetch((url, init) => {
    const response = direct(url, init);
    // Settled either way (an aborted call rejects); `.finally` would hand that rejection on, unhandled.
    response.then(answered, answered);
    return response;
  });
  let needed = (): void => undefined;
  const now = new Promise<void>((resolve) => (needed = resolve));
  const registered = mswMoment(firstAnswer, now)
    .then(() => import('./msw-worker'))
    .then(({ registerMsw }) => registerMsw(api, workerUrl));
  registered.catch((err: unknown) => console.warn('The demo could not register its service worker: links to /api will not open.', err));
  holdApiFetches(registered, api, needed);
  return api;
}
