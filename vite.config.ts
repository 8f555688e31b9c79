import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// `vite` (dev) and `vite build --mode demo` run the API inside the page (msw); `vite build` is the
// production SPA that the Node server serves next to the real API. `vite --mode server` is a dev server
// that proxies /api to a running `npm start`.
export default defineConfig(({ command, mode }) => {
  const demo = mode === 'demo' || (command === 'serve' && mode === 'development');
  return {
    plugins: [react(), tailwindcss()],
    resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
    define: { __DEMO__: JSON.stringify(demo) },
    server: mode === 'server' ? { proxy: { '/api': 'http://localhost:8080' } } : {},
    build: { sourcemap: true },
  };
});
