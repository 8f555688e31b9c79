import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { defineConfig } from 'vite';

/** Text assets worth compressing ahead of time; the Node server picks a copy by Accept-Encoding. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|webmanifest)$/;

/** Writes a brotli (.br) and a gzip (.gz) copy of every compressible built file over 1 KiB. */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'precompress',
    apply: 'build',
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

// `vite` (dev) and `vite build --mode demo` run the API inside the page (msw); `vite build` is the
// production SPA that the Node server serves next to the real API. `vite --mode server` is a dev server
// that proxies /api to a running `npm start`.
export default defineConfig(({ command, mode }) => {
  const demo = mode === 'demo' || (command === 'serve' && mode === 'development');
  return {
    plugins: [react(), tailwindcss(), precompress()],
    resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
    define: { __DEMO__: JSON.stringify(demo) },
    server: mode === 'server' ? { proxy: { '/api': 'http://localhost:8080' } } : {},
    build: { sourcemap: true },
  };
});
