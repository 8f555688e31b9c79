import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, expect, it } from 'vitest';
import { initialAssets } from './initial-assets';

/**
 * The production build's initial JavaScript (entry plus preloaded chunks), gzipped, must stay within budget.
 * Measured on a fresh build into a temporary directory, so it holds whether or not dist/ exists or is stale.
 * Lower the budget when the code allows; never raise it without a reason in the commit.
 */
const BUDGET_KIB = 75;

const outDir = mkdtempSync(join(tmpdir(), 'pc-bundle-budget-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

it(`keeps the production build's initial JavaScript within ${BUDGET_KIB} KiB gzip`, async () => {
  // Vitest runs with NODE_ENV=test, which would make the build pick React's development bundles.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(import.meta.dirname, '..', 'vite.config.ts'),
      mode: 'production',
      logLevel: 'error',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  const { js } = initialAssets(outDir);
  const kib = js.gzip / 1024;
  console.info(
    `initial JavaScript: ${js.files} files, ${(js.raw / 1024).toFixed(1)} KiB raw, ${kib.toFixed(1)} KiB gzip (budget ${BUDGET_KIB})`,
  );
  expect(js.files).toBeGreaterThan(0);
  expect(kib).toBeLessThanOrEqual(BUDGET_KIB);
}, 90_000);
