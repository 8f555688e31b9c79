import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, expect, it } from 'vitest';
import { CONSOLE_MODULE, preloadFiles, readManifest, routeLoadersOf, routeModules, SIGN_IN_MODULE } from '../server/page-hints';
import { initialAssets } from './initial-assets';

/**
 * The production build's entry (the scripts index.html names: React and the boot code), gzipped, must stay within
 * budget. What whole pages load is measured in a browser by e2e/bundle-budget.server.spec.ts.
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
  // The budget is gzip of the files as built (initialAssets): the build's .br/.gz copies (vite.config.ts) go unread.
  const precompress = process.env.PRECOMPRESS;
  process.env.PRECOMPRESS = '0';
  try {
    await build({
      configFile: join(import.meta.dirname, '..', 'vite.config.ts'),
      mode: 'production',
      logLevel: 'error',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
    if (precompress === undefined) delete process.env.PRECOMPRESS;
    else process.env.PRECOMPRESS = precompress;
  }
  const { js } = initialAssets(outDir);
  const kib = js.gzip / 1024;
  console.info(
    `initial JavaScript: ${js.files} files, ${(js.raw / 1024).toFixed(1)} KiB raw, ${kib.toFixed(1)} KiB gzip (budget ${BUDGET_KIB})`,
  );
  expect(js.files).toBeGreaterThan(0);
  expect(kib).toBeLessThanOrEqual(BUDGET_KIB);

  // The server's preload hints (server/page-hints.ts) name modules this very build has chunks for.
  const manifest = readManifest(outDir);
  expect(manifest).not.toBeNull();
  for (const module of [SIGN_IN_MODULE, CONSOLE_MODULE, ...routeModules.map(([, m]) => m)]) {
    expect(manifest?.[module]?.file, module).toMatch(/^assets\/.+\.js$/);
  }
  // Each area's loaders, which the route table runs beside the page's code, are chunks of their own too.
  for (const [, module] of routeModules.filter(([pattern]) => pattern !== '/access-consent/:token' && pattern !== '/processors/new')) {
    expect(manifest?.[routeLoadersOf(module)]?.file, routeLoadersOf(module)).toMatch(/^assets\/.+\.js$/);
  }
  const dashboard = preloadFiles(manifest ?? {}, [CONSOLE_MODULE, routeModules[0]![1]]);
  expect(dashboard.some((file) => file.includes('console-vendor-'))).toBe(true);
  expect(dashboard.some((file) => file.includes('dashboard-route-'))).toBe(true);
}, 90_000);
