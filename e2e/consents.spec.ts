import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, statePath } from './roles';

// Playwright reads a fixture's dependencies from its first parameter, which must be an object pattern.
test.use({ storageState: async ({}, use, info) => use(statePath(info.project.name, 'officer')) });

test('an officer finds a person by email, records a withdrawal, and finds it in the ledger and the audit log', async ({ page }) => {
  // Three axe scans; and every full page load restarts the demo over its seed, so the rest moves
  // by links inside the console.
  test.setTimeout(180_000);
  const note = `Asked in support ticket E2E-${Date.now()} to stop the newsletter.`;

  // Someone who once granted marketing consent; their address is revealed deliberately (and audited).
  await page.goto('/consents?purpose=marketing_emails&action=granted');
  const ledger = page.getByRole('table', { name: 'Consent events, newest first' });
  await expect(ledger).toBeVisible();
  await expectNoAxeViolations(page);
  await ledger.getByRole('row').nth(1).getByRole('link').click();
  await expect(page.getByRole('table', { name: 'Current consent by purpose' })).toBeVisible();
  const subjectPath = new URL(page.url()).pathname;
  const subjectId = subjectPath.split('/').pop() ?? '';
  await page.getByLabel('Reason for revealing').fill('Checking the address before recording a withdrawal');
  await page.getByRole('button', { name: 'Reveal email' }).click();
  const email = (
    await page
      .getByText(/^[^*\s]+@[^\s]+$/)
      .first()
      .innerText()
  ).trim();
  expect(email).not.toContain('***');

  // Find them again by that address.
  await page.getByRole('link', { name: '← Consent records' }).click();
  await page.getByRole('textbox', { name: 'Email address' }).fill(email);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/email=/);
  await page.getByRole('table', { name: 'Consent events, newest first' }).getByRole('row').nth(1).getByRole('link').click();
  await expect(page).toHaveURL(subjectPath);
  const timeline = page.getByRole('list', { name: 'Consent history, newest first' });
  await expect(timeline).toBeVisible();
  await expectNoAxeViolations(page);
  const before = await timeline.getByRole('listitem').count();

  const form = page.getByRole('form', { name: 'Record a grant or withdrawal' });
  await form.getByLabel('Purpose').selectOption({ label: 'Marketing emails and newsletter' });
  await form.getByLabel('Action').selectOption({ label: 'Withdraw consent' });
  await form.getByLabel('Channel').selectOption({ label: 'Support conversation' });
  await form.getByLabel('Note').fill(note);
  await form.getByRole('button', { name: 'Review and record…' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Record this withdrawal?' });
  const mustStop = dialog.getByRole('list', { name: 'Processors that must stop' });
  for (const name of ['MailChimp', 'Google AdWords', 'Facebook Ads Manager'])
    await expect(mustStop.getByText(name, { exact: true })).toBeVisible();
  await expect(dialog.getByText(/Processing before then stays lawful/)).toBeVisible();
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: 'Record withdrawal' }).click();
  await expect(page.getByText('Withdrawal of “Marketing emails and newsletter” recorded.')).toBeVisible();
  await expect(timeline.getByRole('listitem')).toHaveCount(before + 1);
  await expect(timeline.getByRole('listitem').first()).toContainText(note);
  await expect(
    page.getByRole('table', { name: 'Current consent by purpose' }).getByRole('row', { name: /Marketing emails and newsletter/ }),
  ).toContainText('Withdrawn');

  // In the ledger, newest first, under this person.
  await page.getByRole('link', { name: '← Consent records' }).click();
  await page.getByLabel('Subject id').fill(subjectId);
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByLabel('Purpose', { exact: true }).selectOption('marketing_emails');
  await page.getByLabel('Action', { exact: true }).selectOption('withdrawn');
  await expect(page).toHaveURL(new RegExp(`subjectId=${subjectId}&purpose=marketing_emails&action=withdrawn`));
  const first = page.getByRole('table', { name: 'Consent events, newest first' }).getByRole('row').nth(1);
  await expect(first).toContainText('Support conversation');
  await expect(first.getByRole('link')).toHaveAttribute('href', subjectPath);

  // And in the audit log, as a consent event recorded by this officer.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
  await page.getByLabel('Record type').selectOption('consent_event');
  await expect(page).toHaveURL(/recordType=consent_event/);
  const audit = page.getByRole('table', { name: 'Audit events, newest first' });
  await expect(audit.getByRole('row').filter({ hasText: subjectId }).filter({ hasText: 'consent.withdraw' }).first()).toBeVisible();
});

test('the ledger loads more as it is scrolled, and an officer marks a review-queue item reviewed', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/consents');
  const box = page.getByRole('region', { name: 'Consent events, newest first' });
  // "Showing 50 of 10,000" in the demo; the server counts up to 10,000 and then says "Showing 50".
  await expect(page.getByText(/^Showing 50\b(?!,)/)).toBeVisible();
  await box.evaluate((element) => element.scrollTo(0, element.scrollHeight));
  await expect(page.getByText(/^Showing 100\b(?!,)/)).toBeVisible();
  // Only the rows in view are in the page, each with its place in the whole list.
  expect(await box.getByRole('row').count()).toBeLessThan(60);

  await page.getByRole('link', { name: 'Review queue' }).click();
  const queue = page.getByRole('table', { name: 'Consent events that need a review' });
  // The queue folds every person's current consent: on a loaded machine the demo takes its time.
  await expect(queue).toBeVisible({ timeout: 30_000 });
  await expectNoAxeViolations(page);
  const row = queue.getByRole('row').nth(1);
  const subjectHref = await row.getByRole('link').first().getAttribute('href');
  await row.getByRole('button', { name: /^Mark reviewed/ }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Mark this event reviewed' });
  const note = `Checked the sign-up records (E2E-${Date.now()}).`;
  await dialog.getByLabel('Review note').fill(note);
  await dialog.getByRole('button', { name: 'Mark reviewed' }).click();
  await expect(page.getByText('Marked as reviewed.')).toBeVisible();

  await page.getByRole('navigation', { name: 'Queue status' }).getByRole('link', { name: 'Reviewed' }).click();
  const reviewed = page.getByRole('table', { name: 'Consent events reviewed, newest first' });
  const done = reviewed.getByRole('row').filter({ hasText: note });
  await expect(done).toContainText('Olivia Officer');
  await expect(done.getByRole('link').first()).toHaveAttribute('href', subjectHref ?? '');
  await expectNoAxeViolations(page);
});

test('the trends page draws 12 months and lists them in a table', async ({ page }) => {
  await page.goto('/consents/trends');
  await expect(page.getByRole('img', { name: /All purposes: grants and withdrawals per month/ })).toBeVisible();
  const table = page.getByRole('table', { name: 'Grants and withdrawals per month: All purposes' });
  await expect(table.getByRole('row')).toHaveCount(14);
  await expectNoAxeViolations(page);
  await page.getByRole('combobox', { name: 'Purpose' }).selectOption({ label: 'Advertising cookies' });
  await expect(page.getByRole('table', { name: 'Grants and withdrawals per month: Advertising cookies' })).toBeVisible();
});
