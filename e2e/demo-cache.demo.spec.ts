import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { seedCached } from './demo-seed-cache';
import { statePath } from './roles';

test.use({ storageState: async ({}, use, info) => use(statePath(info.project.name, 'officer')) });

/** Where the demo's data came from on this load: the worker's `started` message, marked by the page (src/demo/start-worker.ts). */
async function dataSource(page: Page): Promise<string> {
  let source = '';
  await expect
    .poll(async () => {
      source = await page.evaluate(
        () =>
          performance
            .getEntriesByType('mark')
            .map((m) => m.name)
            .find((name) => name.startsWith('demo-data:')) ?? '',
      );
      return source;
    })
    .not.toBe('');
  return source;
}

/** The dashboard's figures as a visitor reads them. */
async function figures(page: Page): Promise<string[]> {
  await expect(page.getByRole('link', { name: /^[\d,]+ Deletions overdue$/ })).toBeVisible();
  return page.getByRole('main').getByRole('link').allInnerTexts();
}

test('a reload makes the demo from its IndexedDB cache and shows the same figures', async ({ page }) => {
  // Forget the cached seed (the journal of changes, and so the session, stays): the next load is a first one.
  await page.goto('/mockServiceWorker.js');
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.deleteDatabase('privacy-console-demo-seed');
        req.onsuccess = () => resolve();
        req.onerror = () => reject(new Error('could not delete the seed cache'));
      }),
  );

  await page.goto('/');
  expect(await dataSource(page)).toBe('demo-data:generated');
  const first = await figures(page);
  await expect.poll(() => seedCached(page)).toBe(true);

  await page.reload();
  expect(await dataSource(page)).toBe('demo-data:cache');
  // Still signed in: the session, a change journaled in this browser, lands on the cached seed too.
  await expect(page.getByText('Olivia Officer')).toBeVisible();
  expect(await figures(page)).toEqual(first);
});
