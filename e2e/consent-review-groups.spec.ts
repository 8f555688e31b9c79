import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, statePath } from './roles';

// Playwright reads a fixture's dependencies from its first parameter, which must be an object pattern.
test.use({ storageState: async ({}, use, info) => use(statePath(info.project.name, 'officer')) });

const count = (text: string) => Number(text.replace(/[^\d]/g, ''));

test('an officer empties a whole review group in one action, and the queue falls by that number', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/consents/review');
  const groups = page.getByRole('table', { name: 'Review queue by reason and purpose' });
  await expect(groups).toBeVisible({ timeout: 60_000 });
  await expectNoAxeViolations(page);
  const totalText = page.getByText(/open items; an item with two reasons/);
  const before = count(await totalText.innerText());

  // The smallest group: the one whose count is least.
  const rows = groups.getByRole('row');
  const sizes: { name: string; size: number }[] = [];
  for (let i = 1; i < (await rows.count()); i++) {
    const cells = rows.nth(i).getByRole('cell');
    sizes.push({ name: await rows.nth(i).getByRole('button').innerText(), size: count(await cells.nth(2).innerText()) });
  }
  const smallest = sizes.sort((a, b) => a.size - b.size)[0]!;
  expect(smallest.size).toBeGreaterThan(0);

  await groups.getByRole('button', { name: smallest.name, exact: true }).click();
  const dialog = page.getByRole('alertdialog', {
    name: new RegExp(`^Mark all ${smallest.size.toLocaleString('en-US')} items reviewed\\?$`),
  });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Review note').fill(`Checked as a batch in E2E-${Date.now()}`);
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: /^Mark [\d,]+ reviewed$/ }).click();
  await expect(page.getByText(new RegExp(`^Marked ${smallest.size} reviewed`))).toBeVisible({ timeout: 60_000 });
  await expect(groups.getByRole('button', { name: smallest.name, exact: true })).toHaveCount(0);
  await expect.poll(async () => count(await totalText.innerText())).toBe(before - smallest.size);
});
