import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, statePath } from './roles';

// A signed-in console page is drawn by the server from its loaders' answers (server/page-routes.ts), and
// React takes that page over where it stands (src/app/start-console.tsx).
test.use({ storageState: async ({}, use, info) => use(statePath(info.project.name, 'officer')) });

/** Every error or warning the page logs: a page React could not take over says so (a mismatch is an error). */
function problemsOf(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

/** Holds every script back until the returned function is called: the page as it is before any code runs. */
async function holdScripts(page: Page): Promise<() => void> {
  let release = () => undefined as void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/[\w.-]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

const root = (page: Page) => page.locator('#root');

/**
 * Opens `path`, a page the server draws, and waits until React has taken it over (its `#root` no longer inert).
 * A page whose reads were later than the server waits for (400 ms: a busy CI machine) is drawn by the browser
 * instead; it is opened again until the server has drawn it.
 */
async function openDrawn(page: Page, path: string, heading: string): Promise<void> {
  await expect(async () => {
    await page.goto(path);
    await expect(root(page), path).toHaveAttribute('data-server-rendered', /^\d+$/, { timeout: 2000 });
  }).toPass({ timeout: 30_000 });
  await expect(root(page), path).not.toHaveAttribute('inert');
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
}

test('a list page shows its rows before any script runs, then works once React has taken it over', async ({ page }) => {
  const problems = problemsOf(page);
  // A server that has just started may still be loading the pages' code, and then leaves drawing to the browser.
  await expect.poll(async () => (await (await page.request.get('/processors')).text()).includes('data-server-rendered')).toBe(true);
  const release = await holdScripts(page);
  await page.goto('/processors', { waitUntil: 'commit' });
  await expect(page.getByRole('heading', { level: 1, name: 'Processors' })).toBeVisible();
  await expect(page.locator('main tbody tr').first()).toBeVisible();
  // Titled as the page it is, before any script (a screen reader announces it on arrival).
  await expect(page).toHaveTitle('Processors · Privacy Console');
  // Nothing on it can be used before its script runs: a click then would be lost, so none reaches it.
  await expect(root(page)).toHaveAttribute('inert', '');
  const first = page.locator('main tbody tr').first().getByRole('link').first();
  const name = (await first.textContent()) ?? '';

  release();
  await expect(root(page)).not.toHaveAttribute('inert');
  await expectNoAxeViolations(page);
  // The page is React's now: a link opens its page without loading the document again.
  await page.evaluate(() => ((window as unknown as { kept: boolean }).kept = true));
  await first.click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  // React's own title (in the head, before the drawn one) follows the page.
  await expect(page).toHaveTitle(`${name} · Privacy Console`);
  expect(await page.evaluate(() => (window as unknown as { kept?: boolean }).kept)).toBe(true);
  expect(problems).toEqual([]);
});

test('pages with countdowns, days left and a scrolled ledger are taken over without a mismatch', async ({ page }) => {
  const problems = problemsOf(page);
  await expect.poll(async () => (await (await page.request.get('/')).text()).includes('data-server-rendered')).toBe(true);
  for (const [path, heading] of [
    ['/', 'Dashboard'],
    ['/support-access', 'Support access'],
    ['/deletions', 'Deletions'],
    ['/consents', 'Consent records'],
    ['/audit', 'Audit log'],
  ] as const) {
    const release = await holdScripts(page);
    await page.goto(path, { waitUntil: 'commit' });
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(root(page), path).toHaveAttribute('data-server-rendered', /^\d+$/);
    // Drawn a little while ago: hydration must still render it as of that instant, not of the reader's clock.
    await page.waitForTimeout(1100);
    release();
    await expect(root(page), path).not.toHaveAttribute('inert');
    await page.unroute(/\/assets\/[\w.-]+\.js$/);
  }
  expect(problems).toEqual([]);
});

test('a theme chosen in this browser shows on a page the server drew with the system’s', async ({ page }) => {
  const problems = problemsOf(page);
  await page.goto('/');
  await page.getByLabel('Theme').selectOption('dark');
  await page.goto('/processors');
  await expect(root(page)).not.toHaveAttribute('inert');
  await expect(page.getByLabel('Theme')).toHaveValue('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(problems).toEqual([]);
});

test('a reader who scrolls the drawn page before React takes it over stays where they scrolled', async ({ page }) => {
  await expect.poll(async () => (await (await page.request.get('/processors')).text()).includes('data-server-rendered')).toBe(true);
  await page.setViewportSize({ width: 1280, height: 500 });
  const release = await holdScripts(page);
  await page.goto('/processors', { waitUntil: 'commit' });
  await expect(page.locator('main tbody tr').first()).toBeVisible();
  await expect(root(page)).toHaveAttribute('inert', '');
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const scrolled = await page.evaluate(() => window.scrollY);
  expect(scrolled).toBeGreaterThan(200);

  release();
  await expect(root(page)).not.toHaveAttribute('inert');
  // A frame for anything React or the router would do after taking over.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrolled)).toBeLessThan(5);
});

test.describe('a reader whose browser speaks German', () => {
  // The server draws in the console's locale; a browser formatting in its own would draw dates and numbers
  // another way, and React would throw the drawn page away (a mismatch).
  test.use({ locale: 'de-DE' });

  test('is given the drawn pages as drawn: React takes each over without a mismatch', async ({ page }) => {
    const problems = problemsOf(page);
    for (const [path, heading] of [
      ['/', 'Dashboard'],
      ['/processors', 'Processors'],
      ['/deletions', 'Deletions'],
      ['/consents', 'Consent records'],
      ['/audit', 'Audit log'],
    ] as const) {
      await openDrawn(page, path, heading);
    }
    expect(problems).toEqual([]);
  });
});

test.describe('a reader in another time zone than the server', () => {
  // The server draws instants in the zone the browser wrote into its cookie (src/lib/zone-cookie.ts); drawn
  // in the server's own, the ledger's, deletions' and audit's times differed from the browser's (a mismatch).
  test.use({ timezoneId: 'America/New_York' });

  test('is given the drawn pages in their own zone: React takes each over without a mismatch', async ({ page, context }) => {
    await page.goto('/support-access');
    await expect(page.getByRole('heading', { level: 1, name: 'Support access' })).toBeVisible();
    // The first page may have been drawn before the browser said where it is; it writes its zone when idle.
    await expect
      .poll(async () => (await context.cookies()).find((c) => c.name === 'console-zone')?.value)
      .toBe(encodeURIComponent('America/New_York'));
    const problems = problemsOf(page);
    for (const [path, heading] of [
      ['/deletions', 'Deletions'],
      ['/support-access', 'Support access'],
      ['/consents', 'Consent records'],
      ['/audit', 'Audit log'],
    ] as const) {
      await openDrawn(page, path, heading);
      // Drawn in the reader's zone: New York's abbreviations, not the server's UTC.
      if (path === '/audit' || path === '/support-access')
        await expect(
          page
            .locator('main')
            .getByText(/\bE[SD]T\b/)
            .first(),
          path,
        ).toBeVisible();
    }
    expect(problems).toEqual([]);
  });
});
