import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { statePath } from './roles';

test.use({ storageState: async ({}, use, info) => use(statePath(info.project.name, 'auditor')) });

/** The controls that change something, by the names the console gives them. */
const writes = new RegExp(
  '^(' +
    [
      'Add processor',
      'Edit',
      'Activate',
      'Retire',
      'Save( changes| notice period)?',
      'Approve( deletion…| selected.*)?',
      'Deny',
      'Revoke access',
      'Reject request',
      'Complete deletion…',
      'Extend deadline',
      'Add legal hold',
      'Resolve .+',
      'Record (cancellation|an erasure request|consent|consent withdrawal|a grant or withdrawal)',
      'Mark reviewed….*',
      'Cancel request',
      'Reveal (email|login details)',
      'Store login details',
      'New request',
      'Ask for support access',
    ].join('|') +
    ')$',
);

async function expectReadOnly(page: Page) {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await expect(page.getByRole('form')).toHaveCount(0);
  await expect(page.getByRole('main').getByRole('button', { name: writes })).toHaveCount(0);
  await expect(page.getByRole('main').getByRole('link', { name: writes })).toHaveCount(0);
}

/** Opens the first record a list links to, and checks its page too. */
async function openFirst(page: Page, table: string) {
  await page.getByRole('table', { name: table }).getByRole('link').first().click();
  await expect(page).not.toHaveURL(/\/(processors|deletions|support-access|consents)$/);
  await expectReadOnly(page);
}

test('an auditor is offered no write form or action in any area, nor on its records', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await expectReadOnly(page);

  await page.goto('/processors');
  await expectReadOnly(page);
  await openFirst(page, 'Processors and storage locations');

  await page.goto('/consents');
  await expectReadOnly(page);
  await openFirst(page, 'Consent events, newest first');
  await page.goto('/consents/review');
  await expectReadOnly(page);

  await page.goto('/support-access');
  await expectReadOnly(page);
  await openFirst(page, 'Support-access requests');

  await page.goto('/deletions');
  await expectReadOnly(page);
  await openFirst(page, 'Deletion requests');
  const heading = await page.getByRole('heading', { level: 1 }).innerText();
  const accountName = heading.replace(/^Deletion of /, '');
  await page.getByRole('main').getByRole('link', { name: accountName, exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: accountName })).toBeVisible();
  await expectReadOnly(page);

  // The write pages themselves are closed to the role.
  for (const path of ['/processors/new', '/deletions/new', '/support-access/new']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: 'Not available to your role' })).toBeVisible();
    await expect(page.getByRole('form')).toHaveCount(0);
  }
});
