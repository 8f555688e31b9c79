import { expect, test } from '@playwright/test';
import { statePath } from './roles';

test.use({ storageState: async ({}, use, info) => use(statePath(info.project.name, 'auditor')) });

test('quick find, the shortcuts help and g-navigation work by keyboard alone', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();

  await page.keyboard.press('Control+k');
  const box = page.getByRole('dialog', { name: 'Quick find' }).getByRole('combobox', { name: 'Quick find' });
  await expect(box).toBeFocused();
  await box.pressSequentially('google');
  const options = page.getByRole('listbox', { name: 'Results' }).getByRole('option');
  await expect(options.nth(1)).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  const chosen = (await options.nth(1).locator('span.font-medium').innerText()).trim();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: chosen })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // A name part many accounts share: the count is the true total, and "Show all" lists more, by keyboard.
  await page.keyboard.press('Control+k');
  const dialog = page.getByRole('dialog', { name: 'Quick find' });
  await dialog.getByRole('combobox').pressSequentially('ar');
  const status = dialog.getByRole('status');
  await expect(status).toHaveText(/^\d+ of [\d,]+ results\./);
  const [, shown, total] = /^(\d+) of ([\d,]+)/.exec((await status.innerText()).trim()) ?? [];
  const all = Number(total?.replace(/,/g, ''));
  expect(await options.count()).toBe(Number(shown));
  expect(all).toBeGreaterThan(Number(shown));
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: /^Show all/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('combobox')).toBeFocused();
  await expect(dialog.getByRole('button', { name: /^Show all/ })).toHaveCount(0);
  await expect.poll(() => options.count()).toBeGreaterThan(Number(shown));
  const listed = await options.count();
  await expect(status).toContainText(listed === all ? `${total} results.` : `${listed} of ${total} results.`);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await page.keyboard.press('Control+k');
  await expect(page.getByRole('dialog', { name: 'Quick find' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help.getByRole('row', { name: /Go to Audit log/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  await page.keyboard.press('g');
  await page.keyboard.press('a');
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
});
