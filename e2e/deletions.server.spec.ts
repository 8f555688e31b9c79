import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signIn, statePath } from './roles';

// One browser context throughout: the second officer signs in where the first one worked.
test.use({ storageState: async ({}, use, info) => use(statePath(info.project.name, 'officer')) });

const officer2 = { email: 'officer2@demo.test', password: 'demo-password' };

/**
 * Records an erasure request for an account with nothing open, trying from the end of the picker's list
 * (the other specs work from its start; an earlier failed run may have left a request open).
 */
async function recordErasureRequest(page: Page): Promise<string> {
  const options = page.getByRole('group', { name: 'Account' }).getByRole('radio');
  await expect(options.first()).toBeVisible();
  await page.getByLabel('Note').fill('The account owner asked by email to erase all their data (e2e).');
  const count = await options.count();
  for (let index = count - 1; index >= Math.max(0, count - 8); index--) {
    const option = options.nth(index);
    const id = await option.getAttribute('id');
    const label = await page.locator(`label[for="${id}"] span.font-medium`).innerText();
    await option.check();
    await page.getByRole('button', { name: 'Record erasure request' }).click();
    const created = page.getByRole('heading', { level: 1, name: `Deletion of ${label}` });
    const refused = page.getByRole('alert').filter({ hasText: 'already has an open deletion request' });
    await expect(created.or(refused)).toBeVisible();
    if (await created.isVisible()) return label;
  }
  throw new Error('no account free for a new erasure request');
}

async function approve(page: Page, account: string) {
  await page.getByRole('button', { name: 'Approve deletion…' }).click();
  const dialog = page.getByRole('alertdialog', { name: `Approve the deletion of ${account}?` });
  await dialog.getByLabel('Type the account name to confirm').fill(account);
  await dialog.getByRole('button', { name: 'Approve deletion' }).click();
  return dialog;
}

test('an officer records an erasure request for an account and a second officer approves it', async ({ page }) => {
  test.setTimeout(120_000);

  await page.goto('/deletions');
  await expect(page.getByRole('heading', { level: 1, name: 'Deletions' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Deletion requests' })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Record an erasure request' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Record an erasure request' })).toBeVisible();
  await expect(page.getByText('Searching accounts…')).toHaveCount(0);
  await expectNoAxeViolations(page);
  const account = await recordErasureRequest(page);
  const url = new URL(page.url()).pathname;
  await expectNoAxeViolations(page);

  // The officer who recorded it may not approve it, and is told why before trying.
  const ownApproval = page.getByRole('button', { name: 'Approve deletion…' });
  await expect(ownApproval).toBeDisabled();
  await expect(ownApproval).toHaveAccessibleDescription('You created this request; another officer must approve it');
  await expect(page.getByText('You created this request; another officer must approve it')).toBeVisible();

  await signIn(page, officer2.email, officer2.password);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1, name: `Deletion of ${account}` })).toBeVisible();
  const dialog = await approve(page, account);
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('table', { name: /Deletion tasks/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Complete deletion…' })).toBeDisabled();
  await expectNoAxeViolations(page);

  // The connector jobs, the manual tasks, the backup's roll-off, the completion and what is left afterwards:
  // e2e/deletion-lifecycle.clock.spec.ts, on both sides, from an account's cancellation.
});
