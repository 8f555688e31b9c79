import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, statePath } from './roles';

const registry = (page: Page) => page.getByRole('table', { name: 'Processors and storage locations' });

/** Adds a processor of this spec's own, so no other spec's records change. */
async function addProcessor(page: Page, name: string) {
  await page.goto('/processors');
  await page.getByRole('link', { name: 'Add processor' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Add processor' })).toBeVisible();
  await page.getByLabel('Processor name', { exact: true }).fill(name);
  await page.getByLabel('Legal entity', { exact: true }).fill(`${name} Ltd`);
  await page.getByLabel('Description', { exact: true }).fill('Sends transactional email for us');
  await page.getByLabel('Owner', { exact: true }).fill('Engineering');
  await page.getByRole('checkbox', { name: 'Email' }).check();
  await page.getByLabel('Purpose 1', { exact: true }).fill('Send receipts');
  await page.getByLabel('Country 1', { exact: true }).selectOption({ label: 'Germany' });
  await page.getByRole('button', { name: 'Add processor' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test.describe('as a privacy officer', () => {
  test.use({ storageState: async ({}, use, info) => use(statePath(info.project.name, 'officer')) });

  test('filters the registry on payment details and finds Stripe', async ({ page }) => {
    await page.goto('/processors');
    await expect(registry(page)).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByLabel('Data category', { exact: true }).selectOption('payment_details');
    await expect(page).toHaveURL(/dataCategory=payment_details/);
    await expect(registry(page).getByRole('link', { name: 'Stripe' })).toBeVisible();
    await expect(registry(page).getByRole('link', { name: 'Zoom' })).toHaveCount(0);
  });

  test('opens Zoom and sees its 14-day retention', async ({ page }) => {
    await page.goto('/processors?q=zoom');
    await registry(page).getByRole('link', { name: 'Zoom' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Zoom' })).toBeVisible();
    await expect(page.getByText(/14 days after recording/)).toBeVisible();
    await page.getByRole('button', { name: 'Show the history of changes' }).click();
    await expect(page.getByRole('table', { name: 'History of changes' }).or(page.getByText('No changes recorded yet.'))).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('adds a processor that waits out the notice period, then edits it', async ({ page }) => {
    const name = `Acme Mail ${Date.now()}`;
    await page.goto('/processors/new');
    await expect(page.getByRole('heading', { level: 1, name: 'Add processor' })).toBeVisible();
    await expectNoAxeViolations(page);

    await addProcessor(page, name);
    await expect(page.getByText('Proposed', { exact: true }).first()).toBeVisible();
    await expect(page.getByText('Customer notice ends', { exact: true })).toBeVisible();
    const activate = page.getByRole('button', { name: 'Activate' });
    await expect(activate).toBeDisabled();
    await expect(activate).toHaveAccessibleDescription(/The customer notice period ends on .+; it cannot become active before then/);
    await expect(page.getByText(/The customer notice period ends on/)).toBeVisible();

    await page.getByRole('link', { name: 'Edit' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Edit ${name}` })).toBeVisible();
    await page.getByLabel('Owner', { exact: true }).fill('Customer Care');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await page.getByRole('button', { name: 'Show the history of changes' }).click();
    const history = page.getByRole('table', { name: 'History of changes' });
    const ownerRow = history.getByRole('row').filter({ hasText: 'Owner: Engineering → Customer Care' });
    await expect(ownerRow).toContainText('Olivia Officer');
    await expect(ownerRow).toContainText('Changed Owner of');
    // Only the owner changed: no other field is recorded for that save (PostgreSQL reorders jsonb keys).
    await expect(history.getByRole('row').filter({ hasText: 'Changed Owner of' })).toHaveCount(1);
    await expectNoAxeViolations(page);
  });
});

test.describe('as a support agent', () => {
  test.use({ storageState: async ({}, use, info) => use(statePath(info.project.name, 'support')) });

  test('sees no Add or Edit', async ({ page }) => {
    await page.goto('/processors');
    await expect(registry(page)).toBeVisible();
    await expect(page.getByRole('link', { name: 'Add processor' })).toHaveCount(0);
    await registry(page).getByRole('link', { name: 'Stripe' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Stripe' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Retire' })).toHaveCount(0);
    await expectNoAxeViolations(page);
  });
});
