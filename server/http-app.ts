import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { constants, createGzip } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { getCookie } from 'hono/cookie';
import { addApiDocs } from './api-docs';
// Before the console's modules (boot-data, the sign-in screen): it defines the globals they read.
import { renderSignIn, withConsoleMarkup, withoutTitle, withRootMarkup } from './sign-in-render';
import { signInScreenData } from '@/app/sign-in-screen';
import { signInOffers } from '@/lib/boot-data';
import { ANSWER_WAIT_MS, answersElement, pagePrint, visitorRead, warmPageAnswers } from './page-answers';
import { modulesFor, preloadFiles, readManifest, routeModuleFor, withHints } from './page-hints';
import { ZONE_COOKIE } from '@/lib/zone-cookie';

/** Anything with a web-standard fetch: the API app from src/api/app.ts. */
export type ApiApp = { fetch(request: Request, env?: unknown): Response | Promise<Response> };

export const securityHeaders: Record<string, string> = {
  // The built SPA loads only its own files; no inline script anywhere (Vite emits none).
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** Behind HTTPS (SECURE_COOKIES=true): browsers then refuse plain HTTP to this host for a year. */
export const hstsHeader = 'max-age=31536000; includeSubDomains';

const withSecurityHeaders =
  (hsts: boolean): MiddlewareHandler =>
  async (c, next) => {
    await next();
    // A copy, since a Response from elsewhere may have immutable headers.
    const response = new Response(c.res.body, c.res);
    for (const [name, value] of Object.entries(securityHeaders)) response.headers.set(name, value);
    if (hsts) response.headers.set('Strict-Transport-Security', hstsHeader);
    c.res = response;
  };

/**
 * The one HTTP app of the Node server: `/api` goes to the API app (its own 404s included), everything else
 * is the built SPA, with `index.html` for any other GET so deep links work.
 */
export function createServerApp({
  api,
  distDir,
  hsts = false,
  answerWaitMs = ANSWER_WAIT_MS,
}: {
  api: ApiApp;
  distDir: string;
  hsts?: boolean;
  /** How long a page waits for its loaders' answers (server/page-answers.ts). */
  answerWaitMs?: number;
}): Hono {
  const app = new Hono();
  app.use('*', withSecurityHeaders(hsts));

  const toApi = (c: { req: { raw: Request }; env: unknown }) => api.fetch(c.req.raw, c.env);
  // API answers over 1 KiB travel gzip (or deflate) when the client accepts it; small ones are not worth it.
  // compress() measures by Content-Length, which the API's JSON answers (built in memory) do not carry:
  // the inner step adds it. Streamed answers (exports) have none and are always compressed.
  app.use('/api/*', compress({ threshold: 1024 }));
  app.use('/api/*', async (c, next) => {
    await next();
    const res = c.res;
    if (res.headers.has('Content-Length') || !res.body || !/^application\/json/.test(res.headers.get('Content-Type') ?? '')) return;
    const body = await res.arrayBuffer();
    const sized = new Response(body, res);
    sized.headers.set('Content-Length', String(body.byteLength));
    c.res = sized;
  });
  addApiDocs(app);
  app.all('/api', toApi);
  app.all('/api/*', toApi);

  // Static roots are relative to the working directory in @hono/node-server.
  const root = relative(process.cwd(), distDir) || '.';
  // Hashed file names never change content: cache them for a year. Everything else revalidates.
  app.use('*', async (c, next) => {
    await next();
    if (c.req.path === '/api' || c.req.path.startsWith('/api/') || c.res.headers.has('Cache-Control')) return;
    const immutable = c.req.path.startsWith('/assets/') && c.res.status === 200;
    c.res.headers.set('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  });
  // The build writes .br and .gz copies (vite.config.ts); serveStatic picks one by Accept-Encoding. Every
  // compressible file varies by it, whether or not this client got a compressed copy, so caches keep both.
  app.use('*', async (c, next) => {
    await next();
    const type = c.res.headers.get('Content-Type') ?? '';
    if (c.req.path.startsWith('/api') || !/^(text\/|application\/(javascript|json)|image\/svg)/.test(type)) return;
    if (!/accept-encoding/i.test(c.res.headers.get('Vary') ?? '')) c.res.headers.append('Vary', 'Accept-Encoding');
  });
  // The build's manifest is for this server (preload hints), not for browsers.
  app.get('/.vite/*', (c) => c.text('Not found', 404));
  if (existsSync(distDir)) {
    app.use('/assets/*', serveStatic({ root, precompressed: true }));
    // Files at the top of the build (icons, the demo's worker script); pages go to the handler below.
    const files: MiddlewareHandler = serveStatic({ root, precompressed: true });
    const pageOrFile: MiddlewareHandler = async (c, next) =>
      /\.[a-z0-9]+$/i.test(c.req.path) && !c.req.path.endsWith('.html') ? files(c, next) : next();
    app.use('*', pageOrFile);
  }
  app.get('/assets/*', (c) => c.text('Not found', 404));

  const indexFile = join(distDir, 'index.html');
  if (existsSync(indexFile)) warmPageAnswers();
  app.get('*', async (c) => {
    if (!existsSync(indexFile)) {
      return c.text('The console is not built yet: run `npm start` (it builds) or `npx vite build`.', 503);
    }
    const path = c.req.path;
    const boot = await bootData(api, c.req.raw, c.env, path);
    const manifest = readManifest(distDir);
    const files = manifest ? preloadFiles(manifest, modulesFor(path, boot.session !== undefined)) : [];
    let html = withHints(readFileSync(indexFile, 'utf8'), files, boot);
    if (path === '/sign-in')
      html = withRootMarkup(html, renderSignIn(signInScreenData(signInOffers(boot.signIn), new URL(c.req.url).searchParams)));
    let response: Response;
    if (answerable(path, boot)) {
      const page = withAnswers(html, api, c.req.raw, c.env, boot.session, answerWaitMs, getCookie(c, ZONE_COOKIE));
      response = c.body(page.body, 200, { ...HTML, ...(page.gzip ? { 'Content-Encoding': 'gzip' } : {}) });
      response.headers.append('Vary', 'Accept-Encoding');
    } else {
      response = c.html(html);
    }
    // The page may carry the user's session: never kept by a shared cache, nor by the browser's.
    response.headers.set('Cache-Control', 'no-store');
    response.headers.append('Vary', 'Cookie');
    return response;
  });
  return app;
}

const HTML = { 'Content-Type': 'text/html; charset=UTF-8' };

/** A signed-in console page: its loaders' reads are answered inside its HTML (server/page-answers.ts). */
function answerable(path: string, boot: Record<string, unknown>): boolean {
  return boot.session !== undefined && routeModuleFor(path) !== null && !path.startsWith('/access-consent/');
}

/**
 * The page in two parts: its head at once, so the browser fetches its scripts and styles while the server
 * answers the page's reads; then the page drawn from those answers (server/page-routes.ts), the answers
 * themselves and the end. No script runs before the end arrives.
 * The page's reads start only once the head is on its way: drawing it holds this process's event loop for
 * a while, and a head still queued behind it (in the compressor, or in the stream) would go out with the rest.
 * Gzip where the browser takes it, flushed after the first part so that part is not held back.
 */
function withAnswers(
  html: string,
  api: ApiApp,
  request: Request,
  env: unknown,
  session: unknown,
  waitMs: number,
  readerZone: string | undefined,
): { body: ReadableStream<Uint8Array>; gzip: boolean } {
  const root = html.indexOf('<div id="root">');
  const cut = root < 0 ? html.lastIndexOf('</body>') : root;
  const [whole, end] = cut < 0 ? [html, ''] : [html.slice(0, cut), html.slice(cut)];
  // The page's own title comes with the page (sign-in-render.ts withConsoleMarkup); until then, none.
  const { head, title } = cut < 0 ? { head: whole, title: '' } : withoutTitle(whole);
  const bodyEnd = end.lastIndexOf('</body>');
  const [body, tail] = bodyEnd < 0 ? [end, ''] : [end.slice(0, bodyEnd), end.slice(bodyEnd)];
  const rest = (headSent: Promise<void>) =>
    headSent
      // A turn of the event loop: what the head's bytes pass through on their way to the socket runs first.
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(() => pagePrint(api, request, env, session, waitMs, readerZone))
      .catch(() => ({ answers: [], page: null }))
      .then(
        ({ answers, page }) =>
          (page === null ? title + body : withConsoleMarkup(body, page.markup, page.drawnAt, title)) + answersElement(answers) + tail,
      );
  if (!/\bgzip\b/.test(request.headers.get('Accept-Encoding') ?? '')) {
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(encoder.encode(head));
        controller.enqueue(encoder.encode(await rest(Promise.resolve())));
        controller.close();
      },
    });
    return { body, gzip: false };
  }
  const zip = createGzip();
  zip.write(head);
  const flushed = new Promise<void>((resolve) => zip.flush(constants.Z_SYNC_FLUSH, () => resolve()));
  void rest(flushed).then((end) => zip.end(end));
  return { body: Readable.toWeb(zip) as ReadableStream<Uint8Array>, gzip: true };
}

/**
 * What the page needs before its first request, asked of the API itself so the same rules answer: the
 * session (`GET /api/session` with the request's cookie) on a console page, the demo users (health) on /sign-in.
 */
async function bootData(api: ApiApp, request: Request, env: unknown, path: string): Promise<Record<string, unknown>> {
  const ask = async (apiPath: string) => {
    const headers = new Headers(request.headers);
    headers.set('Accept', 'application/json');
    const answer = await api.fetch(visitorRead(request, apiPath, headers), env);
    return answer.ok ? ((await answer.json()) as unknown) : undefined;
  };
  if (path === '/sign-in') {
    const health = await ask('/api/health');
    return typeof health === 'object' && health !== null && 'demo' in health
      ? { signIn: { demo: health.demo, sso: 'sso' in health ? health.sso : null } }
      : {};
  }
  if (!request.headers.get('Cookie')) return {};
  const session = await ask('/api/session');
  return session === undefined ? {} : { session };
}
