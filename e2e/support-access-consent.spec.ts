import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, roles, signIn, statePath } from './roles';

// The customer comes with no staff session. On the server they open the link in a fresh browser context; the
// demo keeps its data in its browser context, so there the agent signs out and the customer opens the link in
// the same browser. API calls below send the demo's bearer token when there is one, else the server's cookie.
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

/** Asks for access to the first cloud account the agent has nothing open on; answers the account and the owner asked. */
async function askForAccess(page: Page, ticket: string): Promise<{ account: string; owner: string }> {
  const options = page.getByRole('group', { name: 'Account' }).getByRole('radio', { disabled: false });
  await expect(options.first()).toBeVisible();
  await page.getByLabel('Ticket reference').fill(ticket);
  await page.getByLabel('Reason').fill('The customer’s invoice export fails; reproduce it in their instance.');
  for (let attempt = 0; attempt < 5; attempt++) {
    const option = options.nth(attempt);
    const name = (await option.getAttribute('id')) ? await page.locator(`label[for="${await option.getAttribute('id')}"]`).innerText() : '';
    await option.check();
    const owner = page.getByLabel('Owner asked to consent');
    await expect(owner.locator('option')).not.toHaveCount(1);
    await owner.selectOption({ index: 1 });
    const ownerName = (await owner.locator('option:checked').innerText()).split(' · ')[0] ?? '';
    await page.getByRole('button', { name: 'Ask for access' }).click();
    const created = page.getByRole('heading', { level: 1, name: `Access to ${name}` });
    const refused = page.getByRole('alert').filter({ hasText: /already have an open request|deletion request/ });
    await expect(created.or(refused)).toBeVisible();
    if (await created.isVisible()) return { account: name, owner: ownerName };
  }
  throw new Error('no cloud account free for a new request');
}

test('the customer consents on their own page; the grant ends the moment the account is cancelled', async ({ page, browser }, info) => {
  // Four sign-ins, a second browser and three axe scans: longer than one page's worth.
  test.setTimeout(180_000);
  const ticket = `HS-E2E-${Date.now()}`;

  await page.goto('/support-access/new');
  await expect(page.getByRole('heading', { level: 1, name: 'New support-access request' })).toBeVisible();
  await expect(page.getByText('Searching accounts…')).toHaveCount(0);
  const { account, owner } = await askForAccess(page, ticket);
  const url = new URL(page.url()).pathname;
  await expect(page.getByText(/Waiting for the customer.s consent/).first()).toBeVisible();
  const link = await page.getByRole('textbox', { name: 'Consent link' }).inputValue();
  expect(link).toMatch(/\/access-consent\/[A-Za-z0-9_-]{40,}$/);
  await expectNoAxeViolations(page);

  // The customer: nobody signed in.
  const demo = info.project.name === 'demo';
  if (demo) {
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page.getByRole('heading', { name: /sign in/i }).first()).toBeVisible();
  }
  const customerContext = demo ? page.context() : await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const customer = await customerContext.newPage();
  await customer.goto(link);
  await expect(customer.getByRole('heading', { level: 1, name: `May our support look into ${account}?` })).toBeVisible();
  await expect(customer.getByText(ticket, { exact: true })).toBeVisible();
  await expect(customer.getByText('Sam Support, our support')).toBeVisible();
  await expect(
    customer
      .getByText('Look at your data, without changing anything', { exact: true })
      .or(customer.getByText('Look at and change your data', { exact: true })),
  ).toBeVisible();
  await expectNoAxeViolations(customer);
  await customer.getByLabel('Type your name to agree').fill(owner);
  await customer.getByLabel('Username for your instance').fill(username);
  await customer.getByLabel('Password', { exact: true }).fill(secret);
  await customer.getByRole('button', { name: 'I agree' }).click();
  await expect(customer.getByRole('heading', { level: 1, name: `Our support’s access to ${account}` })).toBeVisible();
  await expect(customer.getByText('Waiting for a privacy officer’s decision')).toBeVisible();
  const statusUrl = customer.url();
  expect(statusUrl).not.toBe(link);
  // The consent link worked once.
  await customer.goto(link);
  await expect(customer.getByRole('heading', { level: 1, name: 'This link does not work' })).toBeVisible();

  // The officer decides with the consent in view.
  await switchTo(page, 'officer', url);
  await expect(page.getByText('Waiting for an officer').first()).toBeVisible();
  await page.getByRole('button', { name: 'Approve' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText(owner);
  await expect(dialog).toContainText('on the consent page');
  await expect(dialog).toContainText('typed their name');
  await expect(dialog).toContainText('invoice export fails');
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByText('Access granted')).toBeVisible();
  await expectNoAxeViolations(page);

  await switchTo(page, 'support', url);
  await page.getByRole('button', { name: 'Reveal login details' }).click();
  const details = page.getByRole('group', { name: 'Login details' });
  await expect(details).toContainText(username);
  await expect(details).toContainText(secret);
  await page.getByRole('button', { name: 'Hide login details' }).click();
  const accountPath = await page.getByRole('link', { name: account, exact: true }).first().getAttribute('href');

  // The account is cancelled: the grant ends at once, by the server, with no page of ours open on it.
  await switchTo(page, 'officer', url);
  const cancelled = await page.evaluate(async (path) => {
    const token = localStorage.getItem('privacy-console.demo-session');
    const response = await fetch(`/api${path}/cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: '{}',
    });
    return response.status;
  }, accountPath ?? '');
  expect(cancelled).toBe(200);

  await switchTo(page, 'support', url);
  await expect(page.getByText('Ask the customer to reset the password', { exact: true })).toBeVisible();
  await expect(page.getByText('The account was cancelled').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reveal login details' })).toHaveCount(0);
  const status = await page.evaluate(async (path) => {
    const token = localStorage.getItem('privacy-console.demo-session');
    const response = await fetch(`/api${path.replace('/support-access/', '/support-access-requests/')}/reveal`, {
      method: 'POST',
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    });
    return response.status;
  }, url);
  expect(status).toBe(409);

  // The customer's page shows the use of their login details and the end.
  await customer.goto(statusUrl);
  await expect(customer.getByText('Ended', { exact: true })).toBeVisible();
  await expect(customer.getByRole('list', { name: 'Uses of your login details' })).toContainText('Sam Support saw them at');
  await expect(customer.getByText(/The account was cancelled/)).toBeVisible();
  await expect(customer.getByRole('button', { name: 'Withdraw my consent' })).toHaveCount(0);
  await expectNoAxeViolations(customer);
  await (demo ? customer.close() : customerContext.close());
});
