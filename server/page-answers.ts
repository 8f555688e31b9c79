// First: the globals the console's modules read as they load.
import './browser-globals';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ApiFetch } from '@/lib/api-fetch';
import { setApiFetch } from '@/lib/api-fetch';
import { BOOT_ANSWERS_ID } from '@/lib/boot-data';
import { inertJson } from './page-hints';
import type { runPage as RunPage } from './page-routes';

/** Anything with a web-standard fetch: the API app. */
type Api = { fetch(request: Request, env?: unknown): Response | Promise<Response> };

export type PageAnswer = { url: string; body: unknown };

/**
 * How long a page waits for its answers before it goes without them (the browser then asks as usual). The
 * page's scripts are fetched meanwhile (its head is already sent), but none runs before the HTML ends.
 */
export const ANSWER_WAIT_MS = 400;

/** A larger answer is left for the browser to fetch (compressed, and it needs not hold the page back). */
export const MAX_ANSWER_CHARS = 256 * 1024;

/**
 * A `GET url` to the API in this process for the visitor who sent `visitor`: with `headers` (the visitor's own
 * by default) and the visitor's cookie, uncompressed (the server reads the answer itself).
 */
export function visitorRead(visitor: Request, url: string, headers: HeadersInit = visitor.headers): Request {
  const sent = new Headers(headers);
  const cookie = visitor.headers.get('Cookie');
  if (cookie) sent.set('Cookie', cookie);
  sent.delete('Accept-Encoding');
  return new Request(new URL(url, visitor.url), { method: 'GET', headers: sent });
}

/** The page request whose loaders are running: its API calls go to the API in this process with its cookie. */
const pageRequest = new AsyncLocalStorage<ApiFetch>();
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  setApiFetch((url, init) => {
    const send = pageRequest.getStore();
    return send ? send(url, init) : Promise.reject(new Error('An API call outside a page request'));
  });
}

/** The console's route table, loaded once on the first page that needs it (it is most of the console's code). */
let routeTable: Promise<{ runPage: typeof RunPage; warmRoutes: () => Promise<void> }> | undefined;

/** Loads the route table ahead of the first page (the server calls it as it starts serving the console). */
export function warmPageAnswers(): void {
  routeTable ??= import('./page-routes');
  routeTable.then(({ warmRoutes }) => warmRoutes()).catch(() => undefined);
}

/** What the server puts into a signed-in console page: its loaders' answers, and the page drawn from them. */
export type PagePrint = { answers: PageAnswer[]; page: { markup: string; drawnAt: number } | null };

/**
 * The API answers a page's loaders read, got by running those loaders (the console's own, from its route
 * table) against the API in this process with the visitor's cookie: the same requests the browser would
 * make, answered by the same rules, for the browser to take instead of asking (src/lib/boot-data.ts).
 * Reads only; the session is left out (the page carries it already). Whatever fails or is late is left out.
 * When every loader is done in time, the page is also drawn from those answers (server/page-routes.ts), for
 * the browser to show before any script runs and then hydrate.
 */
export async function pagePrint(
  api: Api,
  request: Request,
  env: unknown,
  session: unknown,
  waitMs = ANSWER_WAIT_MS,
  /** The time zone the visitor's browser said it is in (src/lib/zone-cookie.ts); page-routes.ts checks it. */
  readerZone?: string,
): Promise<PagePrint> {
  install();
  routeTable ??= import('./page-routes');
  const { runPage } = await routeTable;
  const page = new URL(request.url);
  const answers: PageAnswer[] = [];
  const inFlight = new Set<Promise<Response>>();
  const ask: ApiFetch = async (url, init) => {
    const method = (init.method ?? 'GET').toUpperCase();
    if (method !== 'GET' || init.body != null) throw new Error('A page’s loaders only read');
    const answer = await api.fetch(visitorRead(request, url, init.headers), env);
    if (!answer.ok || !/^application\/json/.test(answer.headers.get('Content-Type') ?? '')) return answer;
    const text = await answer.text();
    if (new URL(url, page).pathname !== '/api/session' && text.length <= MAX_ANSWER_CHARS)
      answers.push({ url, body: JSON.parse(text) as unknown });
    return new Response(text, { status: answer.status, headers: answer.headers });
  };
  const send: ApiFetch = (url, init) => {
    const call = ask(url, init);
    inFlight.add(call);
    void call.finally(() => inFlight.delete(call)).catch(() => undefined);
    return call;
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), waitMs);
  });
  // Loaders that start a read without waiting for it (the dashboard's) are waited for all the same.
  const ran = pageRequest.run(send, async () => {
    const run = await runPage(page, session);
    while (inFlight.size) await Promise.allSettled([...inFlight]);
    return run;
  });
  const outcome = await Promise.race([ran.catch(() => 'failed' as const), late]).finally(() => clearTimeout(timer));
  // A copy: a late loader may still add to the list, after this page has gone.
  if (typeof outcome === 'string') return { answers: [...answers], page: null };
  let drawn: PagePrint['page'] = null;
  try {
    drawn = outcome.render(readerZone);
  } catch {
    // A page that cannot be drawn here is drawn by the browser, as before; its answers still serve.
  }
  return { answers: [...answers], page: drawn };
}

/** The answers as the inert JSON element the browser reads (the CSP allows it: it never runs). */
export function answersElement(answers: PageAnswer[]): string {
  return answers.length ? `<script type="application/json" id="${BOOT_ANSWERS_ID}">${inertJson(answers)}</script>` : '';
}
