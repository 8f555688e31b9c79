import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, statePath } from './roles';

test.use({ storageState: async ({}, use, info) => use(statePath(info.project.name, 'officer')) });

// Every page at 1366 and 390 px in both themes is scanned by layout.spec.ts; here, the theme follows the system and the switch.
test('quick find passes axe in the dark and the light theme, following the system until the switch says otherwise', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  for (const scheme of ['dark', 'light'] as const) {
    // The page follows the system's scheme as it changes, without a reload.
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
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
