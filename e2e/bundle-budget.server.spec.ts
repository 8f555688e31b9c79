import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { get } from 'node:http';
import { statePath } from './roles';

/**
 * The JavaScript budget as a visitor pays it: every script the browser fetches to show the page, counted
 * as it travels (brotli for Chromium) and as gzip (the browser told to accept nothing else), in KB of
 * 1,000 bytes. Lower a budget when the code allows; never raise one without a reason in the commit.
 */
const BUDGET_KB = { signIn: 100, dashboard: 140 };

type Loaded = { files: string[]; bytes: number };

/** The bytes of one file as the server sends it to a client that accepts gzip alone (not decompressed). */
function gzipBytes(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve(bytes));
    }).on('error', reject);
  });
}

/** Every script the page fetched until it showed itself and the network went quiet: as served, and as gzip. */
async function scriptsFor(page: Page, path: string, ready: (page: Page) => Promise<void>): Promise<Loaded & { gzip: number }> {
  const scripts: Promise<{ url: string; bytes: number }>[] = [];
  page.on('requestfinished', (request) => {
    if (request.resourceType() !== 'script') return;
    scripts.push(request.sizes().then((sizes) => ({ url: request.url(), bytes: sizes.responseBodySize })));
  });
  await page.goto(path);
  await ready(page);
  await page.waitForLoadState('networkidle');
  const loaded = await Promise.all(scripts);
  const gzip = await Promise.all(loaded.map((s) => gzipBytes(s.url)));
  return {
    files: loaded.map((s) => new URL(s.url).pathname).sort(),
    bytes: loaded.reduce((sum, s) => sum + s.bytes, 0),
    gzip: gzip.reduce((sum, b) => sum + b, 0),
  };
}

const kb = (bytes: number) => Math.round(bytes / 100) / 10;

const signInReady = async (page: Page) => {
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Demo users' })).toBeVisible();
};

const dashboardReady = async (page: Page) => {
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
};

test.describe('a visitor signing in', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test(`the sign-in page loads at most ${BUDGET_KB.signIn} KB of script, as served and as gzip, and no console code`, async ({ page }) => {
    const { files, bytes, gzip } = await scriptsFor(page, '/sign-in', signInReady);
    console.info(`sign-in: ${files.length} scripts, ${kb(bytes)} KB as served, ${kb(gzip)} KB gzip`);
    expect(files.length).toBeGreaterThan(0);
    // Neither the router, TanStack Query, zod nor any route's code: React and the sign-in form.
    expect(files.filter((file) => /(start-console|console-vendor|contract|-route)-/.test(file))).toEqual([]);
    expect(kb(bytes)).toBeLessThanOrEqual(BUDGET_KB.signIn);
    expect(kb(gzip)).toBeLessThanOrEqual(BUDGET_KB.signIn);
  });
});

test.describe('a signed-in visitor', () => {
  test.use({ storageState: async ({}, use, info) => use(statePath(info.project.name, 'officer')) });

  test(`the dashboard loads at most ${BUDGET_KB.dashboard} KB of script, as served and as gzip, and neither zod nor the contract`, async ({
    page,
  }) => {
    const { files, bytes, gzip } = await scriptsFor(page, '/', dashboardReady);
    console.info(`dashboard: ${files.length} scripts, ${kb(bytes)} KB as served, ${kb(gzip)} KB gzip`);
    expect(files.some((file) => file.includes('dashboard-route-'))).toBe(true);
    // Its answer and the session are checked without zod (src/lib/lean-check.ts): the schemas load on another call.
    expect(files.filter((file) => /\/(zod|contract|contract-form)-/.test(file))).toEqual([]);
    expect(kb(bytes)).toBeLessThanOrEqual(BUDGET_KB.dashboard);
    expect(kb(gzip)).toBeLessThanOrEqual(BUDGET_KB.dashboard);
  });
});
