import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, roles, signIn } from './roles';

test('a wrong password is refused with a message and keeps the email', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.getByLabel('Email')).toBeVisible();
  await expectNoAxeViolations(page);
  await signIn(page, roles.officer.email, 'wrong-password');
  await expect(page.getByRole('alert')).toContainText(/not right/i);
  await expect(page.getByLabel('Email')).toHaveValue(roles.officer.email);
});

test('signing in with a password, following a deep link, and signing out', async ({ page }) => {
  await page.goto('/audit');
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel('Email').fill(roles.auditor.email);
  await page.getByLabel('Password').fill('demo-password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/audit/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.reload();
  await expect(page).toHaveURL(/\/audit/);
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/audit');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('a support agent is refused the audit log by the API, not only by the menu', async ({ page }) => {
  await signIn(page, roles.support.email);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  const status = await page.evaluate(async () => {
    const token = localStorage.getItem('privacy-console.demo-session') ?? sessionStorage.getItem('privacy-console.demo-session');
    const res = await fetch('/api/audit-events', { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return res.status;
  });
  expect(status).toBe(403);
});

test('the sign-in page says where demo users exist and lists them', async ({ page }) => {
  await page.goto('/sign-in');
  const demo = page.getByRole('region', { name: 'Demo users' });
  await expect(demo).toContainText('demo-password');
  for (const role of Object.values(roles)) await expect(demo.getByRole('button', { name: new RegExp(role.email) })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('one’s own sessions: listed with the current one marked, and ended everywhere at once', async ({ page }) => {
  // A user the other specs do not sign in as: signing out everywhere ends only this one's sessions.
  await signIn(page, 'officer2@demo.test');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await page.getByRole('link', { name: 'Your sessions' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your sessions' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Your sessions, newest first' });
  await expect(table.getByText('This session')).toHaveCount(1);
  await expectNoAxeViolations(page);
  await page.getByRole('main').getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/audit');
  await expect(page).toHaveURL(/\/sign-in/);
});
