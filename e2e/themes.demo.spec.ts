import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, statePath } from './roles';

test.use({ storageState: async ({}, use, info) => use(statePath(info.project.name, 'officer')) });

/** A client-side navigation: no reload, so the demo's in-page API is not started again for every page. */
async function go(page: Page, path: string) {
  await page.evaluate((to) => {
    window.history.pushState({}, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[?]/g, '\\$&')}$`));
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

test('every page passes axe in the dark and the light theme, following the system until the switch says otherwise', async ({ page }) => {
  test.setTimeout(180_000);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  const account = await page.evaluate(async () => {
    const token = localStorage.getItem('privacy-console.demo-session');
    const res = await fetch('/api/accounts?limit=1', { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return ((await res.json()) as { items: { id: string }[] }).items[0]!.id;
  });
  const dashboard = ['/', `/accounts/${account}`];
  const pages = [...dashboard, '/processors', '/processors/prc_stripe', '/consents', '/support-access', '/deletions', '/audit', '/outbox'];

  // Dark: every page. Light: the pages this issue added (shell.spec.ts scans every area in light for each role).
  for (const [scheme, paths] of [
    ['dark', pages],
    ['light', dashboard],
  ] as const) {
    // The page follows the system's scheme as it changes, without a reload.
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
    for (const path of paths) {
      await go(page, path);
      await expectNoAxeViolations(page);
    }
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Quick find' }).fill('stripe');
    await expect(page.getByRole('listbox', { name: 'Results' }).getByRole('option').first()).toBeVisible();
    await expectNoAxeViolations(page);
    await page.keyboard.press('Escape');
  }

  // The switch wins over the system, and is remembered.
  await page.getByLabel('Theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByLabel('Theme')).toHaveValue('dark');
});
