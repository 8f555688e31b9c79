import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { MiddlewareHandler } from 'hono';
import { Hono } from 'hono';

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
export function createServerApp({ api, distDir, hsts = false }: { api: ApiApp; distDir: string; hsts?: boolean }): Hono {
  const app = new Hono();
  app.use('*', withSecurityHeaders(hsts));

  const toApi = (c: { req: { raw: Request }; env: unknown }) => api.fetch(c.req.raw, c.env);
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
  if (existsSync(distDir)) {
    app.use('/assets/*', serveStatic({ root }));
    app.use('*', serveStatic({ root }));
  }
  app.get('/assets/*', (c) => c.text('Not found', 404));

  const indexFile = join(distDir, 'index.html');
  app.get('*', (c) => {
    if (!existsSync(indexFile)) {
      return c.text('The console is not built yet: run `npm start` (it builds) or `npx vite build`.', 503);
    }
    return c.html(readFileSync(indexFile, 'utf8'));
  });
  return app;
}
