import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, roles, signIn, statePath } from './roles';

// One browser context throughout: the demo keeps its data per context, so the officer must sign in where
// the agent worked. Signing in over the agent's session (not signing out) leaves the saved sessions valid.
// Playwright reads a fixture's dependencies from its first parameter, which must be an object pattern.
test.use({ storageState: async ({}, use, info) => use(statePath(info.project.name, 'support')) });

const username = 'e2e-admin@customer.test';
const secret = 'e2e correct horse battery staple';

async function switchTo(page: Page, role: 'officer' | 'support', url: string) {
  await signIn(page, roles[role].email);
  await expect(page.getByText(roles[role].name)).toBeVisible();
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1, name: /^Access to / })).toBeVisible();
}

/** Asks for access to the first cloud account the agent has nothing open on (a failed earlier run may have left one). */
async function askForAccess(page: Page, ticket: string): Promise<string> {
  const options = page.getByRole('group', { name: 'Account' }).getByRole('radio', { disabled: false });
  await expect(options.first()).toBeVisible();
  await page.getByLabel('Ticket reference').fill(ticket);
  await page.getByLabel('Reason').fill('The customer’s invoice export fails; reproduce it in their instance.');
  for (let attempt = 0; attempt < 5; attempt++) {
    const option = options.nth(attempt);
    const name = (await option.getAttribute('id')) ? await page.locator(`label[for="${await option.getAttribute('id')}"]`).innerText() : '';
    await option.check();
    await page.getByRole('button', { name: 'Ask for access' }).click();
    const created = page.getByRole('heading', { level: 1, name: `Access to ${name}` });
    const refused = page.getByRole('alert').filter({ hasText: 'already have an open request' });
    await expect(created.or(refused)).toBeVisible();
    if (await created.isVisible()) return name;
  }
  throw new Error('no cloud account free for a new request');
}

test('an agent asks, an officer approves, the agent reveals, the officer revokes, and the reveal is gone', async ({ page }) => {
  // Five sign-ins and four axe scans: longer than one page's worth.
  test.setTimeout(180_000);
  const ticket = `HS-E2E-${Date.now()}`;

  await page.goto('/support-access');
  await expect(page.getByRole('heading', { level: 1, name: 'Support access' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Support-access requests' })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'New request' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New support-access request' })).toBeVisible();
  await expect(page.getByLabel('Duration')).toHaveValue('24');
  await expect(page.getByText('Searching accounts…')).toHaveCount(0);
  await expectNoAxeViolations(page);
  const account = await askForAccess(page, ticket);
  const url = new URL(page.url()).pathname;

  const consent = page.getByRole('form', { name: 'Record customer consent' });
  await consent.getByLabel('Person who consented').selectOption({ index: 1 });
  await consent.getByLabel('Channel').selectOption({ label: 'Call' });
  await consent.getByLabel('Their words, quoted').fill(`Yes, you may log in to ${account} to look into ${ticket}.`);
  await consent.getByRole('button', { name: 'Record consent' }).click();
  await expect(page.getByText(`Yes, you may log in to ${account}`).first()).toBeVisible();

  const credentials = page.getByRole('form', { name: 'Attach login details' });
  await credentials.getByLabel('Username').fill(username);
  await credentials.getByLabel('Password').fill(secret);
  await credentials.getByRole('button', { name: 'Store login details' }).click();
  await expect(page.getByText('Stored, encrypted', { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);

  await switchTo(page, 'officer', url);
  await page.getByRole('button', { name: 'Approve' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByText('Access granted')).toBeVisible();
  await expect(page.getByRole('timer')).toHaveText(/left$/);
  await expect(page.getByRole('button', { name: 'Reveal login details' })).toHaveCount(0);
  await expectNoAxeViolations(page);

  await switchTo(page, 'support', url);
  await page.getByRole('button', { name: 'Reveal login details' }).click();
  const details = page.getByRole('group', { name: 'Login details' });
  await expect(details).toContainText(username);
  await expect(details).toContainText(secret);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Hide login details' }).click();
  await expect(details).toHaveCount(0);

  await switchTo(page, 'officer', url);
  await page.getByRole('button', { name: 'Revoke access', exact: true }).click();
  await page.getByLabel('Reason for revoking').fill('The ticket is solved; access no longer needed.');
  await page.getByRole('button', { name: 'Revoke access…' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Revoke access' }).click();
  await expect(page.getByText('Ask the customer to reset the password', { exact: true })).toBeVisible();

  await switchTo(page, 'support', url);
  await expect(page.getByText('Ask the customer to reset the password', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reveal login details' })).toHaveCount(0);
  // The API refuses too, whatever a page might still offer: the server's state decides.
  const status = await page.evaluate(async (path) => {
    // The demo keeps its session token in localStorage; the real server uses its cookie.
    const token = localStorage.getItem('privacy-console.demo-session');
    const response = await fetch(`/api${path.replace('/support-access/', '/support-access-requests/')}/reveal`, {
      method: 'POST',
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    });
    return response.status;
  }, url);
  expect(status).toBe(409);
});
