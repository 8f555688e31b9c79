import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { defineConfig } from 'vite';

/** Text assets worth compressing ahead of time; the Node server picks a copy by Accept-Encoding. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|webmanifest)$/;

/**
 * Writes a brotli (.br) and a gzip (.gz) copy of every compressible built file over 1 KiB. PRECOMPRESS=0 leaves
 * them out, for builds nothing serves through the Node server: the browser tests' demo build (`vite preview`
 * never reads them) and bench/bundle-budget.test.ts's. Brotli at its best quality takes seconds per build.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'precompress',
    apply: (_config, env) => env.command === 'build' && process.env.PRECOMPRESS !== '0',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir).flatMap((name) => {
          const path = join(dir, name);
          return statSync(path).isDirectory() ? walk(path) : [path];
        });
      for (const file of walk(outDir)) {
        if (!COMPRESSIBLE.test(file)) continue;
        const content = readFileSync(file);
        if (content.length < 1024) continue;
        writeFileSync(`${file}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
      }
    },
  };
}

/**
 * Libraries in chunks of their own, so a change to the app's code leaves them cached, and each page loads
 * only those it uses: the sign-in page React alone; the console adds the router and TanStack Query, and zod
 * comes with the contract's schemas.
 */
const vendorChunks = [
  { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
  {
    name: 'console-vendor',
    test: /node_modules[\\/](react-router|cookie|set-cookie-parser|@tanstack[\\/](query-core|react-query))[\\/]/,
    priority: 2,
  },
  // zod goes with the contract's schemas, on the first call that needs one: the dashboard paints without it
  // (its answer and the page's session are checked by src/lib/lean-check.ts).
  { name: 'zod', test: /node_modules[\\/]zod[\\/]/, priority: 2 },
  // Small pieces nearly every page draws, in one chunk rather than a dozen tiny ones. The calendar arithmetic
  // `format` reads goes with it: left to the console's chunk, the sign-in page would load the console for it.
  {
    name: 'ui',
    test: /src[\\/](components[\\/]ui[\\/](alert|badge|countdown|section|skeleton|table|page-header|toaster|states|definition-list)\.tsx|lib[\\/](format|can|toast|now)\.ts|api[\\/]rules[\\/]time\.ts)$/,
    priority: 1,
  },
  // The permission names the contract's session schema and the console's `can()` both read: a chunk of its own,
  // or the demo build (whose page holds no API) puts it in the console's chunk, which imports the contract's.
  // The consent purposes and attention reasons the dashboard names (without zod) join it: one file rather than three tiny ones.
  {
    name: 'permissions',
    test: /src[\\/]api[\\/](rules[\\/]permissions|contract[\\/](consent-purposes|attention-reasons))\.ts$/,
    priority: 1,
  },
  {
    name: 'contract',
    test: (id: string) =>
      /src[\\/]api[\\/]contract[\\/]/.test(id) &&
      !/(roles|calls|sso-refusals|audit-actions|consent-purposes|attention-reasons)\.ts$/.test(id),
    priority: 1,
  },
];

/** zod's JSON Schema output (OpenAPI): the server and the demo's in-page API use it, the console never does. */
const JSON_SCHEMA_MODULES = /node_modules[\\/]zod[\\/]v4[\\/]core[\\/](json-schema-processors|to-json-schema)\.js$/;

/**
 * In the production console build only, zod's JSON Schema modules (a fifth of zod) are left out: each of their
 * exports becomes a function that throws, and the factories zod calls when it builds a schema return such a
 * function. Parsing is untouched; only `toJSONSchema()` would throw.
 */
function withoutJsonSchema(): Plugin {
  return {
    name: 'zod-without-json-schema',
    apply: (_config, env) => env.command === 'build' && env.mode !== 'demo',
    enforce: 'pre',
    load(id) {
      if (!JSON_SCHEMA_MODULES.test(id)) return null;
      const source = readFileSync(id, 'utf8');
      const names = [...source.matchAll(/^export (?:const|function) (\w+)/gm)].map((m) => m[1] ?? '');
      const aliases = [...source.matchAll(/^export \{ (\w+) as (\w+) \};/gm)].map((m) => m[2] ?? '');
      const lines = ['const unavailable = () => { throw new Error("JSON Schema is not part of the console build"); };'];
      for (const name of [...names, ...aliases]) {
        lines.push(`export const ${name} = ${name.startsWith('create') ? '() => unavailable' : 'unavailable'};`);
      }
      return lines.join('\n');
    },
  };
}

/**
 * A hash of the source the demo's seed depends on: the generator (src/demo) and everything its records pass
 * through (src/api: record shapes, erasure, sealing), tests left out. It keys the demo's seed cache
 * (src/demo/seed-cache.ts), so a build whose seed could differ never reads an older build's. Broad on
 * purpose: an API change costs one regenerated seed per browser, a stale seed would be wrong data.
 */
function demoSeedFingerprint(): string {
  const root = fileURLToPath(new URL('.', import.meta.url));
  const walk = (dir: string): string[] =>
    readdirSync(dir)
      .sort()
      .flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? walk(path) : [path];
      });
  const hash = createHash('sha256');
  for (const dir of ['src/demo', 'src/api']) {
    for (const file of walk(join(root, dir))) {
      if (!/\.ts$/.test(file) || /\.test\.ts$/.test(file)) continue;
      hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * In demo builds (and the dev server), index.html names src/demo-main.ts instead of src/main.tsx: an entry
 * without React that starts the demo's API worker before the console's code has loaded, then imports the
 * console's entry. The production page keeps src/main.tsx, with nothing of the demo.
 */
function demoEntry(demo: boolean): Plugin {
  return {
    name: 'demo-entry',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        if (!demo) return html;
        const entry = '<script type="module" src="/src/main.tsx"></script>';
        if (!html.includes(entry)) throw new Error('index.html no longer names /src/main.tsx as its entry');
        return html.replace(entry, '<script type="module" src="/src/demo-main.ts"></script>');
      },
    },
  };
}

// `vite` (dev) and `vite build --mode demo` run the API inside the page (msw); `vite build` is the
// production SPA that the Node server serves next to the real API. `vite --mode server` is a dev server
// that proxies /api to a running `npm start`.
export default defineConfig(({ command, mode }) => {
  const demo = mode === 'demo' || (command === 'serve' && mode === 'development');
  return {
    plugins: [demoEntry(demo), react(), tailwindcss(), withoutJsonSchema(), precompress()],
    resolve: {
      alias: [
        { find: '@', replacement: fileURLToPath(new URL('./src', import.meta.url)) },
        // react-router's package exports name its development build for every bundler; a build takes the production one.
        ...(command === 'build'
          ? [
              {
                find: /^react-router$/,
                replacement: fileURLToPath(new URL('./node_modules/react-router/dist/production/index.mjs', import.meta.url)),
              },
            ]
          : []),
      ],
    },
    define: { __DEMO__: JSON.stringify(demo), __DEMO_SEED_FINGERPRINT__: JSON.stringify(demo ? demoSeedFingerprint() : '') },
    // The demo's API worker as a module with chunks: what it loads on first use (exceljs, for the XLSX export)
    // stays out of the script every demo visit parses before its first answer.
    worker: { format: 'es' },
    server: mode === 'server' ? { proxy: { '/api': 'http://localhost:8080' } } : {},
    build: {
      sourcemap: true,
      // server/http-app.ts reads it to name each route's chunks as modulepreload hints.
      manifest: true,
      rolldownOptions: { output: { codeSplitting: { includeDependenciesRecursively: false, groups: vendorChunks } } },
    },
  };
});
