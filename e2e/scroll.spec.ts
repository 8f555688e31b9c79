import { expect, test } from '@playwright/test';
import { statePath } from './roles';

test.use({ storageState: async ({}, use, info) => use(statePath(info.project.name, 'officer')) });

test('a new page opens at the top, and Back returns to where the reader was', async ({ page }, info) => {
  await page.setViewportSize({ width: 1280, height: 500 });
  await page.goto('/processors');
  const rows = page.getByRole('row');
  await expect(page.getByRole('cell', { name: 'Stripe' }).first()).toBeVisible();
  // Every lazy part of the page drawn first: its full height is what Back restores. The demo's banner comes
  // in its own chunk above the page; drawn after the scroll, it would push the page (and scrollY) down.
  if (info.project.name === 'demo') await expect(page.getByRole('region', { name: 'Demo mode' })).toBeVisible();
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
