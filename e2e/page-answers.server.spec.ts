import { expect, test } from '@playwright/test';
import { statePath } from './roles';

// A signed-in page arrives with its loaders' first answers inside its HTML (server/page-answers.ts).
test.use({ storageState: async ({}, use, info) => use(statePath(info.project.name, 'officer')) });

test('a signed-in list page shows its rows without asking the API for them', async ({ page }) => {
  const asked: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/processors')) asked.push(url.pathname + url.search);
  });
  await page.goto('/processors');
  await expect(page.getByRole('heading', { level: 1, name: 'Processors' })).toBeVisible();
  await expect(page.locator('main tbody tr').first()).toBeVisible();
  expect(asked).toEqual([]);
});
