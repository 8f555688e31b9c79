import react from '@vitejs/plugin-react';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  define: { __DEMO__: 'false', __DEMO_SEED_FINGERPRINT__: JSON.stringify('tests') },
  test: {
    globals: true,
    include: ['src/**/*.test.{ts,tsx}', 'server/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['./src/test/setup.ts'],
    testTimeout: 20000,
    hookTimeout: 60000,
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core CI machine, every file in
    // turn. The main process only collects results, so a worker per core runs the files in about half the time.
    maxWorkers: Math.max(2, availableParallelism()),
    // Worker threads, not child processes: each test file still gets its own module graph and globals, but
    // starting and importing cost about a third of what a process per file did (import 124 s against 46 s,
    // transform 51 s against 12 s over src/api and src/lib on a busy 2-core machine; every test passes both ways).
    pool: 'threads',
  },
});
