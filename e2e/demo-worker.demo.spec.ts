import { expect, test } from '@playwright/test';
import { statePath } from './roles';

test.use({ storageState: async ({}, use, info) => use(statePath(info.project.name, 'officer')) });

// msw's worker unregisters itself as its last tab closes; a page opened right after still finds the old
// registration. No reload, and no closing and reopening, may end in an unhandled error.
test('the demo starts cleanly across reloads and after its last tab closed', async ({ context }) => {
  const errors: string[] = [];
  const open = async () => {
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto('/');
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    return page;
  };
  let page = await open();
  for (let i = 0; i < 3; i++) {
    await page.reload();
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  }
  for (let i = 0; i < 3; i++) {
    await page.close();
    page = await open();
  }
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(errors).toEqual([]);
});
