import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { ssoRefusals } from '@/api/contract/sso-refusals';
import { expectNoAxeViolations, roles } from './roles';
import type { ssoIdentities } from './sso-identities';
import { ssoIssuer, ssoName } from './sso-identities';

/** At the test provider (e2e/sso-provider.ts): its login form takes any password; its consent, if it asks. */
async function signInAtProvider(page: Page, login: keyof typeof ssoIdentities): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`^${ssoIssuer}/`));
  await page.getByPlaceholder('Enter any login').fill(login);
  await page.getByPlaceholder('and password').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  const consent = page.getByRole('button', { name: 'Continue' });
  await expect(
    page
      .getByRole('heading', { level: 1, name: 'Sign in', exact: true })
      .or(page.getByRole('navigation', { name: 'Main' }))
      .or(consent),
  ).toBeVisible();
  if (await consent.isVisible()) await consent.click();
}

test('single sign-on through the identity provider opens the page asked for, as the console user', async ({ page }) => {
  await page.goto('/audit');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Faudit/);
  const sso = page.getByRole('link', { name: `Sign in with ${ssoName}` });
  await expect(sso).toBeVisible();
  await expectNoAxeViolations(page);
  await sso.click();
  await signInAtProvider(page, 'auditor');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page).toHaveURL(/\/audit$/);
  // The console's own user (its name, not the provider's), and the sign-in in its audit log.
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await expect(page.getByRole('cell', { name: `${roles.auditor.name} signed in through ${ssoName}` }).first()).toBeVisible();
});

test('single sign-on of an email no console user has comes back to the sign-in page, refused', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByRole('link', { name: `Sign in with ${ssoName}` }).click();
  await signInAtProvider(page, 'stranger');
  await expect(page).toHaveURL(/\/sign-in\?sso_error=unknown/);
  await expect(page.getByRole('alert')).toContainText(ssoRefusals.unknown);
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await expectNoAxeViolations(page);
});
