import { expect, test } from '@playwright/test';
import type { RoleKey } from './roles';
import { areas, expectNoAxeViolations, roles, statePath } from './roles';

// Each test opens its own page and changes nothing: they may run side by side.
test.describe.configure({ mode: 'parallel' });

/** Each role's areas in two tests (alternate areas of the menu), so that two workers share them; together every area. */
const PARTS = 2;

for (const role of Object.keys(roles) as RoleKey[]) {
  test.describe(`as ${roles[role].label}`, () => {
    test.use({ storageState: async ({}, use, info) => use(statePath(info.project.name, role)) });

    for (let part = 0; part < PARTS; part++) {
      test(`sees the areas the role may use, each filled and accessible (${part + 1} of ${PARTS})`, async ({ page }) => {
        // Every area with an axe scan each: a minute on a busy machine.
        test.slow();
        await page.goto('/');
        const nav = page.getByRole('navigation', { name: 'Main' });
        for (const area of areas.filter((_, i) => i % PARTS === part)) {
          const link = nav.getByRole('link', { name: area.link, exact: true });
          if (!area.roles.includes(role)) {
            await expect(link).toHaveCount(0);
            continue;
          }
          await link.click();
          await expect(page).toHaveURL(new RegExp(`${area.path === '/' ? '/$' : area.path}`));
          await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
          await expect(page.getByText('Loading', { exact: false })).toHaveCount(0);
          await expectNoAxeViolations(page);
        }
        await expect(page.getByText(roles[role].label).first()).toBeVisible();
      });
    }
  });
}

test.describe('deep links and missing pages', () => {
  test.use({ storageState: async ({}, use, info) => use(statePath(info.project.name, 'officer')) });

  test('a filtered list survives a reload', async ({ page }) => {
    await page.goto('/processors');
    await expect(page.getByRole('cell', { name: 'Stripe' }).first()).toBeVisible();
    await page.reload();
    await expect(page.getByRole('cell', { name: 'Stripe' }).first()).toBeVisible();
  });

  test('an unknown page says so and offers a way back', async ({ page }) => {
    await page.goto('/no-such-page');
    await expect(page.getByRole('heading', { level: 1 })).toContainText(/not found/i);
    await expectNoAxeViolations(page);
    await page
      .getByRole('link', { name: /dashboard/i })
      .first()
      .click();
    await expect(page).toHaveURL(/\/$/);
  });

  test('the officer sees the seeded processors, deletions and support requests', async ({ page }) => {
    await page.goto('/processors');
    for (const name of [
      'Help Scout',
      'Crisp',
      'Stripe',
      'FastSpring',
      'Google Analytics',
      'Google AdWords',
      'Facebook Ads Manager',
      'MailChimp',
      'Google Drive',
      'Zoom',
      'Skype',
    ]) {
      await expect(page.getByRole('cell', { name, exact: true })).toBeVisible();
    }
    await page.goto('/deletions');
    await expect(page.getByRole('row')).not.toHaveCount(1);
    await page.goto('/support-access');
    await expect(page.getByRole('row')).not.toHaveCount(1);
  });
});
