import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerApp, securityHeaders } from './http-app';
import { CONSOLE_MODULE, routeLoadersOf, routeModuleFor, routeModules, SIGN_IN_MODULE } from './page-hints';

const dashboard = 'src/features/dashboard/routes/dashboard-route.tsx';
const processors = 'src/features/processors/routes/processors-route.tsx';

/** A build's manifest in miniature: the entry, the console, the sign-in screen and two routes, sharing chunks. */
const manifest = {
  'index.html': { file: 'assets/index-e.js', isEntry: true, imports: ['_react-r.js'] },
  '_react-r.js': { file: 'assets/react-r.js' },
  '_vendor-v.js': { file: 'assets/vendor-v.js', imports: ['_react-r.js'] },
  '_contract-c.js': { file: 'assets/contract-c.js', imports: ['_vendor-v.js'] },
  [CONSOLE_MODULE]: { file: 'assets/start-console-s.js', imports: ['_vendor-v.js', '_contract-c.js', 'index.html'] },
  [SIGN_IN_MODULE]: { file: 'assets/sign-in-screen-i.js', imports: ['_react-r.js'] },
  [dashboard]: { file: 'assets/dashboard-route-d.js', imports: ['_vendor-v.js', '_ui-u.js', '_dashboard-queries-q.js'] },
  '_dashboard-queries-q.js': { file: 'assets/dashboard-queries-q.js' },
  'src/features/dashboard/route-loaders.ts': { file: 'assets/route-loaders-l.js', imports: ['_dashboard-queries-q.js'] },
  '_ui-u.js': { file: 'assets/ui-u.js' },
  [processors]: { file: 'assets/processors-route-p.js', imports: ['_vendor-v.js'] },
};

const officer = {
  user: {
    id: 'usr_1',
    email: 'officer@example.test',
    name: 'Olivia </script><script>alert(1)</script> <!-- Officer',
    role: 'privacy_officer',
  },
  permissions: ['processors.read'],
};

describe('the page the server sends', () => {
  let dist: string;
  const api = new Hono();
  const asked: string[] = [];
  api.get('/api/session', (c) => {
    asked.push(c.req.header('cookie') ?? '');
    return c.req.header('cookie') === 'pc_session=good'
      ? c.json(officer)
      : c.json({ error: { code: 'unauthenticated', message: 'Sign in' } }, 401);
  });
  api.get('/api/health', (c) =>
    c.json({ status: 'ok', demo: { users: [{ email: 'a@demo.test', name: 'A', role: 'auditor' }], password: 'pw' } }),
  );

  beforeAll(() => {
    dist = mkdtempSync(join(tmpdir(), 'pc-hints-'));
    mkdirSync(join(dist, '.vite'), { recursive: true });
    writeFileSync(
      join(dist, 'index.html'),
      '<!doctype html><html><head><title>Privacy Console</title></head><body><div id="root"></div></body></html>',
    );
    writeFileSync(join(dist, '.vite', 'manifest.json'), JSON.stringify(manifest));
  });
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  const page = async (path: string, cookie?: string) => {
    const res = await createServerApp({ api, distDir: dist }).request(path, cookie ? { headers: { cookie } } : {});
    expect(res.status, path).toBe(200);
    return { res, html: await res.text() };
  };
  const hints = (html: string) => [...html.matchAll(/<link rel="modulepreload" crossorigin href="([^"]+)">/g)].map((m) => m[1]);
  const bootData = (html: string): unknown => {
    const json = /<script type="application\/json" id="boot-data">(.*?)<\/script>/s.exec(html)?.[1];
    return json === undefined ? undefined : JSON.parse(json);
  };

  it('names the console and the requested route’s chunks as modulepreload hints, not those the entry already loads', async () => {
    const { html } = await page('/', 'pc_session=good');
    expect(hints(html).sort()).toEqual(
      [
        '/assets/contract-c.js',
        '/assets/dashboard-queries-q.js',
        '/assets/dashboard-route-d.js',
        // The loaders the route table runs beside the page: the dashboard's request starts with no wait for them.
        '/assets/route-loaders-l.js',
        '/assets/start-console-s.js',
        '/assets/ui-u.js',
        '/assets/vendor-v.js',
      ].sort(),
    );
    const other = await page('/processors', 'pc_session=good');
    expect(hints(other.html)).toContain('/assets/processors-route-p.js');
    expect(hints(other.html)).not.toContain('/assets/dashboard-route-d.js');
    expect(hints(other.html)).not.toContain('/assets/route-loaders-l.js');
  });

  it('names only the sign-in screen on /sign-in, and no route without a session', async () => {
    expect(hints((await page('/sign-in')).html)).toEqual(['/assets/sign-in-screen-i.js']);
    const signedOut = hints((await page('/processors')).html);
    expect(signedOut).toContain('/assets/start-console-s.js');
    expect(signedOut).not.toContain('/assets/processors-route-p.js');
  });

  it('writes the session into the page as inert JSON, with every < escaped, and the CSP unchanged', async () => {
    const { res, html } = await page('/processors', 'pc_session=good');
    expect(bootData(html)).toEqual({ session: officer });
    expect(html).not.toContain('</script><script>alert');
    expect(html).not.toContain('<!-- Officer');
    expect(html).toContain('\\u003c/script>');
    // Only the JSON element: nothing in the page runs inline, so the CSP keeps script-src 'self'.
    expect([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual(['<script type="application/json" id="boot-data">']);
    for (const [name, value] of Object.entries(securityHeaders)) expect(res.headers.get(name), name).toBe(value);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('vary')).toMatch(/cookie/i);
  });

  it('writes no session for a refused cookie or none, and asks the API nothing without a cookie', async () => {
    asked.length = 0;
    expect(bootData((await page('/', 'pc_session=stale')).html)).toEqual({});
    expect(bootData((await page('/')).html)).toEqual({});
    expect(asked).toEqual(['pc_session=stale']);
  });

  it('writes the demo users health names into the sign-in page', async () => {
    expect(bootData((await page('/sign-in')).html)).toEqual({
      signIn: { demo: { users: [{ email: 'a@demo.test', name: 'A', role: 'auditor' }], password: 'pw' }, sso: null },
    });
  });

  it('keeps the build’s manifest to itself', async () => {
    const res = await createServerApp({ api, distDir: dist }).request('/.vite/manifest.json');
    expect(res.status).toBe(404);
  });
});

describe('the route table the hints follow', () => {
  const routes = readFileSync(join(import.meta.dirname, '..', 'src', 'app', 'routes.tsx'), 'utf8');
  const lazyModules = [...routes.matchAll(/import\('([^']+)'\)/g)]
    .map((m) => m[1]!)
    .filter((module) => module !== './sign-in-page' && !module.endsWith('/route-loaders'))
    .map((module) => (module.startsWith('@/') ? `src/${module.slice(2)}.tsx` : `src/app/${module.slice(2)}.tsx`));

  it('lists every page module src/app/routes.tsx loads, and no other', () => {
    expect(routeModules.map(([, module]) => module).sort()).toEqual([...new Set(lazyModules)].sort());
  });

  it('finds each page’s area loaders beside its module, where the route table loads them', () => {
    const loaders = new Set([...routes.matchAll(/import\('([^']+\/route-loaders)'\)/g)].map((m) => m[1]!));
    for (const [, module] of routeModules) {
      const expected = routeLoadersOf(module);
      if (!existsSync(join(import.meta.dirname, '..', expected))) continue;
      expect(loaders, expected).toContain(expected.startsWith('src/app/') ? './route-loaders' : `@/${expected.slice(4, -3)}`);
    }
    expect(routeLoadersOf(processors)).toBe('src/features/processors/route-loaders.ts');
    expect(routeLoadersOf('src/app/users-route.tsx')).toBe('src/app/route-loaders.ts');
  });

  it('finds a page’s module by its path, the fixed parts before the parameters', () => {
    expect(routeModuleFor('/')).toBe(dashboard);
    expect(routeModuleFor('/processors/new')).toBe('src/features/processors/routes/processor-new-route.tsx');
    expect(routeModuleFor('/processors/proc_1')).toBe('src/features/processors/routes/processor-route.tsx');
    expect(routeModuleFor('/processors/proc_1/edit')).toBe('src/features/processors/routes/processor-edit-route.tsx');
    expect(routeModuleFor('/no/such/page')).toBeNull();
  });
});
