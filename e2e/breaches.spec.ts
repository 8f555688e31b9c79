import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, statePath } from './roles';

// Playwright reads a fixture's dependencies from its first parameter, which must be an object pattern.
test.use({ storageState: async ({}, use, info) => use(statePath(info.project.name, 'officer')) });

/** `2026-11-29T10:15`, the machine's local time (the browser's), as a datetime-local input takes it. */
function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

test('an officer records a breach at MailChimp, assesses high risk, notifies the authority and the people on time, and closes it', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const title = `MailChimp audience exported ${Date.now()}`;

  await page.goto('/breaches');
  await expect(page.getByRole('heading', { level: 1, name: 'Breaches' })).toBeVisible();
  // The seed's open breach, at about hour 50 of its 72.
  const seedRow = page.getByRole('row').filter({ hasText: 'MailChimp API key exposed in a public repository' });
  await expect(seedRow).toContainText(/2\d h \d+ min left to notify the supervisory authority/);
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Record a breach' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Record a breach' })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'MailChimp' })).toBeVisible();
  await expectNoAxeViolations(page);
  const now = Date.now();
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('What happened').fill('An API key leaked and was used to export the newsletter audience.');
  await page.getByLabel('Happened at (or from)').fill(localInput(new Date(now - 3 * 3_600_000)));
  await page.getByLabel('We became aware at').fill(localInput(new Date(now - 3_600_000)));
  await page.getByLabel('Reported by').fill('MailChimp Trust & Safety');
  await page.getByRole('checkbox', { name: 'MailChimp' }).check();
  await page.getByRole('checkbox', { name: 'Email', exact: true }).check();
  await page.getByRole('checkbox', { name: 'Name', exact: true }).check();
  await page.getByRole('button', { name: 'Record breach' }).click();

  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const affected = page.getByRole('region', { name: 'Who is affected' });
  await expect(affected).toContainText(/[1-9][\d,]* people in [1-9][\d,]* accounts/);
  await expect(page.getByRole('group', { name: 'Clocks' })).toContainText(/2 d 2\d h \d+ min left to notify the supervisory authority/);
  await expectNoAxeViolations(page);
  const breachUrl = new URL(page.url()).pathname;

  // Who is affected, as a file: an account from it shows the breach on its timeline.
  const download = page.waitForEvent('download');
  await affected.getByRole('link', { name: 'Download the affected list (CSV)' }).click();
  const file = await download;
  const { readFile } = await import('node:fs/promises');
  const csv = await readFile((await file.path()) ?? '', 'utf8');
  const accountId = csv
    .split(/\r?\n/)
    .find((line) => line.startsWith('account,'))
    ?.split(',')[1];
  expect(accountId).toBeTruthy();
  // Masked unless the officer asks for them in clear and says why (as every export of email addresses).
  expect(csv).toMatch(/\*\*\*@/);
  expect(csv).not.toMatch(/[a-z0-9._%+-]{2,}@[a-z0-9.-]+\.[a-z]{2,}/i);

  const assessment = page.getByRole('form', { name: 'Risk assessment' });
  await assessment.getByLabel('Likelihood').selectOption('high');
  await assessment.getByLabel('Severity').selectOption('high');
  await assessment.getByLabel('Reasoning').fill('Names and emails of subscribers in the hands of a stranger: targeted phishing is likely.');
  await assessment.getByRole('button', { name: 'Record assessment' }).click();
  await expect(page.getByText('A high risk: notify the supervisory authority and tell the people affected (Art. 34(1))')).toBeVisible();

  // The authority's notification, pre-filled with the four parts of Art. 33(3).
  const next = page.getByRole('form', { name: 'New notification' });
  await expect(next.getByLabel('Text')).toHaveValue(/\(d\) Measures taken or proposed/);
  await next.getByRole('button', { name: 'Save as draft' }).click();
  const toAuthority = page.getByRole('form', { name: 'Record the notice to the supervisory authority as sent' });
  await toAuthority.getByRole('button', { name: 'Record as sent' }).click();
  await expect(page.getByRole('group', { name: 'Clocks' })).toContainText('Supervisory authority: notified on time');

  // The people's notice, in plain language.
  await next.getByLabel('Audience').selectOption('people');
  await expect(next.getByLabel('Text')).toHaveValue(/What information was involved: email, name/);
  await next.getByRole('button', { name: 'Save as draft' }).click();
  await page
    .getByRole('form', { name: 'Record the notice to the people affected as sent' })
    .getByRole('button', { name: 'Record as sent' })
    .click();
  await expect(page.getByRole('article', { name: 'Sent to the people affected' })).toBeVisible();
  await expectNoAxeViolations(page);

  // Open, it is on the dashboard with its clock.
  await page.goto('/');
  await expect(page.getByRole('region', { name: 'Breaches' }).getByRole('link', { name: title })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto(breachUrl);
  await page.getByRole('button', { name: 'Close the breach' }).click();
  await expect(page.getByText('Breach closed.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Close the breach' })).toHaveCount(0);

  await page.goto(`/accounts/${accountId}`);
  const timeline = page.getByRole('list', { name: 'Timeline, newest first' });
  await expect(timeline.getByRole('link', { name: `Breach: ${title}` })).toHaveAttribute('href', breachUrl);
  await expect(timeline.getByRole('link', { name: 'Breach notice sent to the people affected' }).first()).toBeVisible();
});
