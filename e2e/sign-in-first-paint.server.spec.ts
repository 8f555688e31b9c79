import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, password, roles } from './roles';

// The server draws the sign-in screen into its HTML (server/sign-in-render.ts) and React takes it over.
test.use({ storageState: { cookies: [], origins: [] } });

test('the sign-in page is drawn by the server, and what is typed before its script runs is kept', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
  });
  // The screen's script held back: the page as it is before any of its code has run.
  let release = () => undefined as void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/sign-in-screen-[\w-]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/sign-in?next=%2Faudit', { waitUntil: 'domcontentloaded' });
  await expect(page).toHaveTitle('Sign in · Privacy Console');
  await expect(page.getByRole('region', { name: 'Demo users' })).toContainText(roles.auditor.email);
  // Until React runs the form, its buttons wait: a click then would be lost.
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeDisabled();
  await page.getByLabel('Email').fill(roles.auditor.email);
  await page.getByLabel('Password').fill(password);

  release();
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
  await expect(page.getByLabel('Email')).toHaveValue(roles.auditor.email);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  // A server page React could not take over would say so here (a hydration mismatch is an error).
  expect(errors).toEqual([]);
});
