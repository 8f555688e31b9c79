import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, statePath } from './roles';

test.use({ storageState: async ({}, use, info) => use(statePath(info.project.name, 'officer')) });

test('an officer records an account cancellation and lands on the deletion request it opened', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  // Pick a self-hosted account from the middle of the list: the other specs pick cloud accounts or the list's end.
  const account = await page.evaluate(async () => {
    const token = localStorage.getItem('privacy-console.demo-session');
    const res = await fetch('/api/accounts?status=active&hosting=self_hosted&limit=200', {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    const { items } = (await res.json()) as { items: { id: string; name: string }[] };
    return items[Math.floor(items.length / 2)]!;
  });
  await page.goto(`/accounts/${account.id}`);
  await expect(page.getByRole('heading', { level: 1, name: account.name })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Record cancellation' }).click();
  const dialog = page.getByRole('alertdialog', { name: `Record the cancellation of ${account.name}?` });
  await expect(dialog).toContainText('within 30 days');
  await dialog.getByRole('button', { name: 'Record cancellation' }).click();
  await expect(page).toHaveURL(/\/deletions\/del_/);
  await expect(page.getByText('Account cancelled; data to be deleted within 30 days (policy 5.7)')).toBeVisible();
  await expectNoAxeViolations(page);
  // The account says so too, and refuses a second cancellation, saying why.
  await page.goto(`/accounts/${account.id}`);
  await expect(page.getByText('Cancelled', { exact: true }).first()).toBeVisible();
  const again = page.getByRole('button', { name: 'Record cancellation' });
  await expect(again).toBeDisabled();
  await expect(again).toHaveAccessibleDescription(`${account.name} is already cancelled`);
  await expectNoAxeViolations(page);
});
