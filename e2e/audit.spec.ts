import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, statePath } from './roles';

test.use({ storageState: async ({}, use, info) => use(statePath(info.project.name, 'officer')) });

test('an officer’s action shows in the audit log, on the account’s timeline, and in the CSV export', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  // An active cloud account a third of the way down: the other specs pick self-hosted ones or the list's end.
  const account = await page.evaluate(async () => {
    const token = localStorage.getItem('privacy-console.demo-session');
    const res = await fetch('/api/accounts?status=active&hosting=cloud&limit=200', {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    const { items } = (await res.json()) as { items: { id: string; name: string }[] };
    return items[Math.floor(items.length / 3)]!;
  });

  await page.goto(`/accounts/${account.id}`);
  await page.getByRole('button', { name: 'Record cancellation' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Record cancellation' }).click();
  await expect(page).toHaveURL(/\/deletions\/del_/);

  await page.goto(`/audit?recordId=${account.id}`);
  const row = page.getByRole('row').filter({ hasText: 'account.cancel' });
  await expect(row).toBeVisible();
  await expect(row.getByRole('link', { name: `Account ${account.id}` })).toHaveAttribute('href', `/accounts/${account.id}`);
  // Screen readers hear "became" in place of the arrow.
  await expect(row).toContainText(/Status: active →\s+became\s+cancelled/);
  await expectNoAxeViolations(page);

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('audit-events.csv');
  const { readFile } = await import('node:fs/promises');
  const csv = await readFile((await file.path()) ?? '', 'utf8');
  expect(csv).toContain('account.cancel');
  expect(csv.split('\n').filter((line) => line.includes(account.id)).length).toBeGreaterThan(0);

  // The Action filter speaks in words; the address keeps the internal name, so the view survives a reload.
  await page.goto('/audit');
  await page.getByLabel('Action').selectOption({ label: 'Account cancelled' });
  await expect(page).toHaveURL(/[?&]action=account\.cancel(&|$)/);
  const actionCells = page.getByRole('table', { name: 'Audit events, newest first' }).getByRole('row').locator('td:nth-child(4)');
  await expect(actionCells.first()).toHaveText('Account cancelledaccount.cancel');
  await page.reload();
  await expect(page.getByLabel('Action')).toHaveValue('account.cancel');
  await expect(page.getByRole('link', { name: `Account ${account.id}` })).toBeVisible();
  const texts = await actionCells.allTextContents();
  expect(texts.length).toBeGreaterThan(0);
  for (const text of texts) expect(text).toBe('Account cancelledaccount.cancel');
  await expectNoAxeViolations(page);

  await page.goto(`/audit?recordId=${account.id}`);
  await row.getByRole('link', { name: `Account ${account.id}` }).click();
  const timeline = page.getByRole('list', { name: 'Timeline, newest first' });
  await expect(timeline.getByRole('listitem').first()).toBeVisible();
  await expect(timeline.getByRole('link', { name: /deletion/i }).first()).toHaveAttribute('href', /\/deletions\/del_/);
});
