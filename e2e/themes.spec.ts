import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, statePath } from './roles';

test.use({ storageState: async ({}, use, info) => use(statePath(info.project.name, 'officer')) });

const pages = ['/', '/processors', '/processors/prc_stripe', '/consents', '/support-access', '/deletions', '/audit'];

test('every page passes axe in the dark and the light theme, following the system until the switch says otherwise', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  const account = await page.evaluate(async () => {
    const token = localStorage.getItem('privacy-console.demo-session');
    const res = await fetch('/api/accounts?limit=1', { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return ((await res.json()) as { items: { id: string }[] }).items[0]!.id;
  });

  for (const scheme of ['dark', 'light'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const path of [...pages, `/accounts/${account}`]) {
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoAxeViolations(page);
    }
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Quick find' }).fill('stripe');
    await expect(page.getByRole('listbox', { name: 'Results' }).getByRole('option').first()).toBeVisible();
    await expectNoAxeViolations(page);
    await page.keyboard.press('Escape');
  }

  // The switch wins over the system, and is remembered.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByLabel('Theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByLabel('Theme')).toHaveValue('dark');
});
