import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, statePath } from './roles';

test.use({ storageState: async ({}, use, info) => use(statePath(info.project.name, 'officer')) });

test('the overdue figure opens the deletions it counts', async ({ page }) => {
  await page.goto('/');
  const figure = page.getByRole('link', { name: /^[\d,]+ Deletions overdue$/ });
  await expect(figure).toBeVisible();
  await expectNoAxeViolations(page);
  const count = (await figure.innerText()).match(/^[\d,]+/)?.[0] ?? '';

  await figure.click();
  await expect(page).toHaveURL(/\/deletions\?overdue=1$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Deletions' })).toBeVisible();
  if (count === '0') {
    await expect(page.getByRole('table', { name: 'Deletion requests' })).toHaveCount(0);
  } else {
    await expect(page.getByText(new RegExp(`^Showing [\\d,]+ of ${count} requests$`))).toBeVisible();
  }
});
