import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signIn, statePath } from './roles';

// Runs after every other server spec (the `server-clock` project): it moves the server's clock weeks ahead,
// which ends every saved session.
// One browser context throughout: the demo keeps its data per context, so the second officer must sign
// in where the first one worked. Signing in over a session (not signing out) leaves the saved ones valid.
// Playwright reads a fixture's dependencies from its first parameter, which must be an object pattern.
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

test('an officer records an erasure request, a second officer approves it, resolves every task, completes it and opens the certificate', async ({
  page,
}) => {
  test.setTimeout(300_000);

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

  // The tasks at processors with a connector run as jobs against the vendors' sandboxes; the page follows them.
  await expect(page.getByText('Done, verified')).toHaveCount(5, { timeout: 60_000 });
  const forms = page.getByRole('form', { name: /^Resolve / });
  for (let remaining = await forms.count(); remaining > 0; remaining--) {
    const form = forms.first();
    await form.getByLabel('Outcome').selectOption('deleted');
    await form.getByLabel('Reference').fill(`E2E-${remaining}`);
    await form.getByLabel('Recipient notified (Art. 19)').check();
    await form.getByRole('button', { name: /^Resolve / }).click();
    await expect(forms).toHaveCount(remaining - 1);
  }

  // The offsite backup cannot be marked deleted: it resolves itself on its roll-off date, by the minute sweep.
  // Move the server's clock to the day after (still inside the 30 days), sign in again, wait for the sweep.
  const refusal = page.getByText(/rolls off on (\d{4}-\d{2}-\d{2}); the task resolves itself/).first();
  await expect(refusal).toBeVisible();
  const rollOffOn = /(\d{4}-\d{2}-\d{2})/.exec(await refusal.innerText())![1];
  const days = Math.ceil((Date.parse(`${rollOffOn}T00:00:00Z`) - Date.now()) / 86_400_000) + 1;
  const moved = await page.request.post('/api/test/clock', { data: { advanceSeconds: days * 86_400 } });
  expect(moved.ok()).toBe(true);
  await signIn(page, officer2.email, officer2.password);
  await expect(async () => {
    await page.goto(url);
    await expect(page.getByRole('button', { name: 'Complete deletion…' })).toBeEnabled({ timeout: 2_000 });
  }).toPass({ timeout: 120_000, intervals: [5_000] });
  await page.getByRole('button', { name: 'Complete deletion…' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Complete deletion' }).click();
  await page.getByRole('link', { name: 'View the certificate of deletion' }).click();
  // Completing erased the console's own copy too: the certificate names the account by its id only.
  const certificateHeading = page.getByRole('heading', { level: 1, name: /^Certificate of deletion: Deleted account acc_/ });
  await expect(certificateHeading).toBeVisible();
  await expect(page.getByRole('main')).not.toContainText(account);
  await expect(page.getByRole('table', { name: 'What was cleared where' })).toBeVisible();
  await expect(page.getByText('On time')).toBeVisible();
  await expectNoAxeViolations(page);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download JSON' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.json$/);
  // The page checks the downloaded file against the published key; one changed byte fails.
  const text = await readFile(await (await download).path(), 'utf8');
  const upload = (content: string) =>
    page
      .getByLabel('Certificate file')
      .setInputFiles({ name: 'certificate.json', mimeType: 'application/json', buffer: Buffer.from(content) });
  await upload(text);
  await expect(page.getByText(/^Valid: signed with the published key/)).toBeVisible();
  await upload(text.replace('E2E-1', 'E2E-7'));
  await expect(page.getByText(/^Not valid: .*changed/)).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  await expect(certificateHeading).toBeVisible();
  await expect(page.getByRole('table', { name: 'What was cleared where' })).toBeVisible();
  await expect(page.getByLabel('Certificate file')).toBeHidden();
});
