import react from '@vitejs/plugin-react';
import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import type { TestSpecification } from 'vitest/node';
import { BaseSequencer } from 'vitest/node';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The files that take longest, longest first (a busy 2-core machine: a minute or more each). Without the
 * durations of an earlier run (a clean clone, as in CI) Vitest starts the largest files first, and some of
 * these are a few lines that run a whole shared suite (the API suite over a SQL store): started last, one
 * ran alone for minutes at the end while the other core had nothing to do.
 */
const LONGEST_FILES = [
  'server/api-suite.postgres.test.ts',
  'server/api-suite.pglite.test.ts',
  'server/sql-store/sql-store.test.ts',
  'server/hostile.test.ts',
  'server/jobs.test.ts',
  'bench/bundle-budget.test.ts',
  'server/find-in-rows.test.ts',
  'server/main.test.ts',
  'server/pg-boss-queue.test.ts',
];

/** Vitest's order (by the last run's durations when it has them), with LONGEST_FILES first when it has none. */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const known = sorted.every((file) =>
      this.ctx.cache.getFileTestResults(`${file.project.name}:${relative(this.ctx.config.root, file.moduleId)}`),
    );
    if (known) return sorted;
    const rank = (file: TestSpecification) => {
      const at = LONGEST_FILES.indexOf(relative(root, file.moduleId).split('\\').join('/'));
      return at === -1 ? LONGEST_FILES.length : at;
    };
    return sorted
      .map((file, at) => ({ file, at }))
      .sort((a, b) => rank(a.file) - rank(b.file) || a.at - b.at)
      .map(({ file }) => file);
  }
}

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
    sequence: { sequencer: LongestFirst },
  },
});
