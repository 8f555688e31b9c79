import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Vite's build manifest (`build.manifest` in vite.config.ts): each source module's chunk and what it imports. */
type Manifest = Record<string, { file: string; imports?: string[]; isEntry?: boolean }>;

/**
 * Which module draws each page of the console, as src/app/routes.tsx lazy-loads it (page-hints.test.ts
 * holds the two together). More specific paths first: `processors/new` before `processors/:id`.
 */
export const routeModules: readonly (readonly [pattern: string, module: string])[] = [
  ['/', 'src/features/dashboard/routes/dashboard-route.tsx'],
  ['/access-consent/:token', 'src/features/support-access/routes/access-consent-route.tsx'],
  ['/processors', 'src/features/processors/routes/processors-route.tsx'],
  ['/processors/new', 'src/features/processors/routes/processor-new-route.tsx'],
  ['/processors/:id/edit', 'src/features/processors/routes/processor-edit-route.tsx'],
  ['/processors/:id', 'src/features/processors/routes/processor-route.tsx'],
  ['/record-of-processing', 'src/features/processors/routes/record-of-processing-route.tsx'],
  ['/consents', 'src/features/consents/routes/consents-route.tsx'],
  ['/consents/review', 'src/features/consents/routes/consent-review-route.tsx'],
  ['/consents/trends', 'src/features/consents/routes/consent-trends-route.tsx'],
  ['/subjects/:id', 'src/features/consents/routes/subject-route.tsx'],
  ['/support-access', 'src/features/support-access/routes/support-access-route.tsx'],
  ['/support-access/new', 'src/features/support-access/routes/support-access-new-route.tsx'],
  ['/support-access/:id', 'src/features/support-access/routes/support-access-detail-route.tsx'],
  ['/deletions', 'src/features/deletions/routes/deletions-route.tsx'],
  ['/deletions/new', 'src/features/deletions/routes/deletion-new-route.tsx'],
  ['/deletions/:id/certificate', 'src/features/deletions/routes/deletion-certificate-route.tsx'],
  ['/deletions/:id', 'src/features/deletions/routes/deletion-route.tsx'],
  ['/breaches', 'src/features/breaches/routes/breaches-route.tsx'],
  ['/breaches/new', 'src/features/breaches/routes/breach-new-route.tsx'],
  ['/breaches/:id', 'src/features/breaches/routes/breach-route.tsx'],
  ['/audit', 'src/features/audit/routes/audit-route.tsx'],
  ['/audit/integrity', 'src/features/audit/routes/audit-chain-route.tsx'],
  ['/outbox', 'src/features/outbox/routes/outbox-route.tsx'],
  ['/accounts/:id', 'src/features/accounts/routes/account-route.tsx'],
  ['/sessions', 'src/app/sessions-route.tsx'],
  ['/security', 'src/app/security-route.tsx'],
  ['/users', 'src/app/users-route.tsx'],
  ['/api-tokens', 'src/features/api-tokens/routes/api-tokens-route.tsx'],
  ['/webhooks', 'src/features/webhooks/routes/webhooks-route.tsx'],
];

export const SIGN_IN_MODULE = 'src/app/sign-in-screen.tsx';
export const CONSOLE_MODULE = 'src/app/start-console.tsx';

function matches(pattern: string, path: string): boolean {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  return want.length === got.length && want.every((segment, i) => segment.startsWith(':') || segment === got[i]);
}

/** The module that draws `path`, or null (a 404, drawn by the console itself). */
export function routeModuleFor(path: string): string | null {
  return routeModules.find(([pattern]) => matches(pattern, path))?.[1] ?? null;
}

/**
 * The modules a page needs at once: on /sign-in its screen alone (src/main.tsx); elsewhere the console, and
 * with a session the page's own route module (without one the console goes to sign-in).
 */
export function modulesFor(path: string, signedIn: boolean): string[] {
  if (path === '/sign-in') return [SIGN_IN_MODULE];
  const route = routeModuleFor(path);
  const needsSession = !path.startsWith('/access-consent/');
  if (!route || !needsSession) return [CONSOLE_MODULE, ...(route ? [route] : [])];
  return [CONSOLE_MODULE, ...(signedIn ? [route, routeLoadersOf(route)] : [])];
}

/**
 * The area's loaders module beside a page's module (`src/features/<area>/route-loaders.ts`, or the console's own
 * `src/app/route-loaders.ts`): the route table loads it beside the page to start the page's queries. An area
 * without one is simply not in the manifest, and names no file.
 */
export function routeLoadersOf(routeModule: string): string {
  return routeModule.replace(/(\/routes)?\/[^/]+$/, '/route-loaders.ts');
}

export function readManifest(distDir: string): Manifest | null {
  const file = join(distDir, '.vite', 'manifest.json');
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

/** Each module's chunk and every chunk it imports statically, minus those index.html already names. */
export function preloadFiles(manifest: Manifest, modules: string[]): string[] {
  const inHtml = new Set<string>();
  const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry);
  const collect = (key: string, into: Set<string>) => {
    const chunk = manifest[key];
    if (!chunk || into.has(chunk.file)) return;
    into.add(chunk.file);
    for (const imported of chunk.imports ?? []) collect(imported, into);
  };
  if (entry) collect(entry[0], inHtml);
  const wanted = new Set<string>();
  for (const module of modules) collect(module, wanted);
  return [...wanted].filter((file) => !inHtml.has(file) && file.endsWith('.js'));
}

/** `<` becomes `\u003c`: no `</script>` or `<!--` inside the JSON can end or change the element. */
export function inertJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** The page's HTML with its modulepreload hints and its boot data (read by src/lib/boot-data.ts). */
export function withHints(html: string, files: string[], boot: Record<string, unknown> | null): string {
  const links = files.map((file) => `<link rel="modulepreload" crossorigin href="/${file}">`).join('');
  const data = boot ? `<script type="application/json" id="boot-data">${inertJson(boot)}</script>` : '';
  return html.replace('</head>', `${links}${data}</head>`);
}
