import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { password, roles, signIn, statePath } from './roles';

/** Ends the page's session at the API, as its expiry would: the next request of the page gets a 401. */
async function endSession(page: Page) {
  const status = await page.evaluate(async () => {
    // The demo carries its session as a bearer token (src/lib/session-transport.ts), the server as a cookie.
    const token = localStorage.getItem('privacy-console.demo-session');
    const res = await fetch('/api/session', { method: 'DELETE', headers: token ? { Authorization: `Bearer ${token}` } : {} });
    return res.status;
  });
  expect(status).toBe(204);
}

test.describe('forms', () => {
  test.describe('a failed submit', () => {
    test.use({ storageState: async ({}, use, info) => use(statePath(info.project.name, 'officer')) });

    test('moves focus to the error summary and brings it into view, from the foot of a long form', async ({ page }) => {
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.goto('/processors/new');
      await expect(page.getByRole('heading', { level: 1, name: 'Add processor' })).toBeVisible();
      await page.getByLabel('Review cycle (months)', { exact: true }).fill('');
      const submit = page.getByRole('button', { name: 'Add processor' });
      await submit.scrollIntoViewIfNeeded();
      const summary = page.getByText('Check the highlighted fields');
      await expect(summary).not.toBeInViewport();
      await submit.click();
      const focused = page.locator(':focus');
      await expect(focused).toContainText('Check the highlighted fields');
      await expect(focused).toContainText('Processor name: Required');
      await expect(focused).toBeInViewport();
      await expect(summary).toBeInViewport();
      // Plain words naming the field, never zod's own.
      await expect(focused).not.toContainText(/expected|Too (big|small)|Invalid input/);
    });
  });

  test.describe('a draft', () => {
    // A session of this test's own: ending it leaves the shared signed-in states alone.
    test.use({ storageState: { cookies: [], origins: [] } });

    test('survives the session ending and a reload, and is back after signing in again', async ({ page }) => {
      await signIn(page, roles.officer.email);
      await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
      await page.goto('/processors/new');
      await expect(page.getByRole('heading', { level: 1, name: 'Add processor' })).toBeVisible();
      await page.getByLabel('Processor name', { exact: true }).fill('Draft Mail');
      await page.getByLabel('Description', { exact: true }).fill('Typed before the session ended');
      await page.getByRole('checkbox', { name: 'Email' }).check();
      await page.getByLabel('Purpose 1', { exact: true }).fill('Send receipts');

      await endSession(page);
      await page.reload();
      await expect(page).toHaveURL(/\/sign-in\?next=%2Fprocessors%2Fnew$/);
      await page.getByLabel('Email').fill(roles.officer.email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();

      await expect(page).toHaveURL(/\/processors\/new$/);
      await expect(page.getByRole('heading', { level: 1, name: 'Add processor' })).toBeVisible();
      await expect(page.getByLabel('Processor name', { exact: true })).toHaveValue('Draft Mail');
      await expect(page.getByLabel('Description', { exact: true })).toHaveValue('Typed before the session ended');
      await expect(page.getByRole('checkbox', { name: 'Email' })).toBeChecked();
      await expect(page.getByLabel('Purpose 1', { exact: true })).toHaveValue('Send receipts');

      // Cancelled, the draft is gone: the form opens empty next time.
      await page.getByRole('button', { name: 'Cancel' }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Leave' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Add processor' })).toHaveCount(0);
      await page.goto('/processors/new');
      await expect(page.getByRole('heading', { level: 1, name: 'Add processor' })).toBeVisible();
      await expect(page.getByLabel('Processor name', { exact: true })).toHaveValue('');
    });
  });
});
