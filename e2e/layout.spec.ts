import './router-globals';
import type { Page } from '@playwright/test';
import { QueryClient } from '@tanstack/react-query';
import { expect, test } from '@playwright/test';
import type { RouteObject } from 'react-router';
import { createRoutes } from '@/app/routes';
import type { Side } from './roles';
import { expectNoAxeViolations, getJson, sideOf, statePath } from './roles';

test.use({ storageState: async ({}, use, info) => use(statePath(info.project.name, 'officer')) });

/** Every path pattern the router knows, from the router itself: a new page is checked without editing this spec. */
function routePatterns(routes: RouteObject[], base = ''): string[] {
  return routes.flatMap((route) => {
    const here = route.path === undefined ? base : route.path.startsWith('/') ? route.path : `${base}/${route.path}`;
    const own = route.path !== undefined || route.index ? [here || '/'] : [];
    return [...own, ...routePatterns(route.children ?? [], here)];
  });
}

const patterns = [...new Set(routePatterns(createRoutes({ queryClient: new QueryClient(), demo: false })))].filter((p) => p !== '/*');

type Items<T> = { items: T[] };

/** A concrete address for each pattern: detail pages open a record that a list leads to. */
async function concreteUrls(page: Page): Promise<Map<string, string>> {
  const [accounts, consents, access, deletions, breaches] = await Promise.all([
    getJson<Items<{ id: string }>>(page, '/api/accounts?limit=1'),
    getJson<Items<{ subjectId: string }>>(page, '/api/consent-events?limit=1'),
    getJson<Items<{ id: string }>>(page, '/api/support-access-requests?limit=1'),
    getJson<Items<{ id: string; status: string }>>(page, '/api/deletion-requests?status=completed&limit=1'),
    getJson<Items<{ id: string }>>(page, '/api/breaches?limit=1'),
  ]);
  const completed = deletions.items[0]!.id;
  const urls = new Map<string, string>([
    ['/', '/'],
    ['/sign-in', '/sign-in'],
    ['/access-consent/:token', '/access-consent/not-a-real-link'],
    ['/processors', '/processors'],
    ['/processors/:id', '/processors/prc_stripe'],
    ['/processors/new', '/processors/new'],
    ['/processors/:id/edit', '/processors/prc_stripe/edit'],
    ['/record-of-processing', '/record-of-processing'],
    ['/consents', '/consents'],
    ['/consents/review', '/consents/review'],
    ['/consents/trends', '/consents/trends'],
    ['/subjects/:id', `/subjects/${consents.items[0]!.subjectId}`],
    ['/support-access', '/support-access'],
    ['/support-access/new', '/support-access/new'],
    ['/support-access/:id', `/support-access/${access.items[0]!.id}`],
    ['/deletions', '/deletions'],
    ['/deletions/:id', `/deletions/${completed}`],
    ['/deletions/:id/certificate', `/deletions/${completed}/certificate`],
    ['/deletions/new', '/deletions/new'],
    ['/breaches/new', '/breaches/new'],
    ['/breaches', '/breaches'],
    ['/breaches/:id', `/breaches/${breaches.items[0]!.id}`],
    ['/audit', '/audit'],
    ['/audit/integrity', '/audit/integrity'],
    ['/outbox', '/outbox'],
    ['/accounts/:id', `/accounts/${accounts.items[0]!.id}`],
    ['/sessions', '/sessions'],
    ['/security', '/security'],
    ['/users', '/users'],
    ['/api-tokens', '/api-tokens'],
    ['/webhooks', '/webhooks'],
  ]);
  return urls;
}

/** A client-side navigation: no reload, so the demo's in-page API is not started again for every page. */
async function go(page: Page, path: string) {
  await page.evaluate((to) => {
    // The page's heading is marked, so the check waits for the next page's own heading.
    document.querySelector('h1')?.setAttribute('data-left', '');
    window.history.pushState({}, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  // The review queue folds every person's consent on first open (its loader holds the navigation until then):
  // slow on a shared machine.
  await expect(page.locator('h1:not([data-left])')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByText('Loading', { exact: false })).toHaveCount(0);
}

async function horizontalOverflow(page: Page) {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
}

/** Tables whose content is wider than the space they have: a column that matters would be cut off or scrolled away. */
async function cutTables(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('table')]
      .filter((table) => table.scrollWidth > (table.parentElement?.clientWidth ?? 0) + 1)
      .map((table) => table.querySelector('caption')?.textContent ?? 'a table'),
  );
}

type Combination = readonly ['light' | 'dark', number];
const combinations: Record<Side, Combination[]> = {
  demo: [
    ['light', 1366],
    ['dark', 390],
  ],
  server: [
    ['dark', 1366],
    ['light', 390],
  ],
};

/**
 * Both modes draw the same pages from the same components and seed, so each checks half of the four theme and
 * width combinations and together they check all four: every page, both themes, both widths, in half the time.
 */
function combinationsFor(project: string): Combination[] {
  return combinations[sideOf(project)];
}

/** The signed-in pages: every pattern but the two a visitor without a session sees (the test after these). */
const signedInPatterns = patterns.filter((pattern) => pattern !== '/sign-in' && pattern !== '/access-consent/:token');
/**
 * Each side's check in four tests (its two combinations, each over one half of the pages), so that two
 * workers share them; together they still visit every page in every combination of the side.
 */
const PARTS = 2;
const part = (index: number) => signedInPatterns.filter((_, i) => i % PARTS === index);

// The four are independent (each opens its own page), so they may run side by side.
test.describe.configure({ mode: 'parallel' });

for (const combination of [0, 1]) {
  for (let index = 0; index < PARTS; index++) {
    test(`every page fits a phone and a laptop in both themes, and passes axe at both widths: combination ${combination + 1}, pages ${index + 1} of ${PARTS}`, async ({
      page,
    }, info) => {
      test.setTimeout(300_000);
      await page.setViewportSize({ width: 1366, height: 900 });
      // Start elsewhere than the first page checked, so that each check follows a navigation.
      await page.goto('/sessions');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const urls = await concreteUrls(page);
      // Every page of the router has an address here, so a new page cannot be left out.
      expect(patterns.filter((pattern) => !urls.has(pattern))).toEqual([]);
      const [scheme, width] = combinationsFor(info.project.name)[combination]!;
      await page.emulateMedia({ colorScheme: scheme });
      await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
      await page.setViewportSize({ width, height: width > 1000 ? 900 : 844 });
      for (const pattern of part(index)) {
        const url = urls.get(pattern)!;
        await test.step(`${scheme} ${width}px ${pattern}`, async () => {
          await go(page, url);
          const { scrollWidth, innerWidth } = await horizontalOverflow(page);
          expect.soft(scrollWidth, `${url} scrolls sideways at ${width}px`).toBeLessThanOrEqual(innerWidth);
          if (width === 1366) expect.soft(await cutTables(page), `${url} cuts tables at 1366px`).toEqual([]);
          await expectNoAxeViolations(page);
        });
      }
    });
  }
}

test('the pages without a session fit a phone in both themes and pass axe', async ({ browser }, info) => {
  const context = await browser.newContext({ baseURL: info.project.use.baseURL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: 844 });
      for (const url of ['/sign-in', '/access-consent/not-a-real-link']) {
        await page.goto(url);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        const { scrollWidth, innerWidth } = await horizontalOverflow(page);
        expect(scrollWidth, `${url} scrolls sideways at ${width}px`).toBeLessThanOrEqual(innerWidth);
        await expectNoAxeViolations(page);
      }
    }
  }
  await context.close();
});
