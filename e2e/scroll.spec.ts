import { expect, test } from '@playwright/test';
import { statePath } from './roles';

test.use({ storageState: async ({}, use, info) => use(statePath(info.project.name, 'officer')) });

test('a new page opens at the top, and Back returns to where the reader was', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 500 });
  await page.goto('/processors');
  const rows = page.getByRole('row');
  await expect(page.getByRole('cell', { name: 'Stripe' }).first()).toBeVisible();
  // Every lazy part of the page drawn first (the demo's banner, for one): its full height is what Back restores.
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const scrolled = await page.evaluate(() => window.scrollY);
  expect(scrolled).toBeGreaterThan(200);

  await rows.last().getByRole('link').first().click();
  await expect(page).toHaveURL(/\/processors\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);

  await page.goBack();
  await expect(page.getByRole('cell', { name: 'Stripe' }).first()).toBeVisible();
  await expect.poll(async () => Math.abs((await page.evaluate(() => window.scrollY)) - scrolled)).toBeLessThan(5);
});
