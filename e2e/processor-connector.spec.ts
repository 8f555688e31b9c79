import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, statePath } from './roles';

test.use({ storageState: async ({}, use, info) => use(statePath(info.project.name, 'officer')) });

test('an officer tests Stripe’s connector against its sandbox, meets a refusal, and opens the form', async ({ page }) => {
  await page.goto('/processors/prc_stripe');
  const section = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Connector' }) });
  await expect(section.getByText('Set, stored encrypted')).toBeVisible();
  await section.getByRole('button', { name: 'Test the connection' }).click();
  await expect(section.getByText('The connection works')).toBeVisible();

  // The sandbox refuses the next call, as Stripe does a revoked key (the demo answers this in the page).
  const status = await page.evaluate(async () => {
    const res = await fetch('/api/test/sandboxes/stripe/failures', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'unauthorized' }),
    });
    return res.status;
  });
  expect(status).toBe(204);
  await section.getByRole('button', { name: 'Test the connection' }).click();
  await expect(section.getByText('The connection failed')).toBeVisible();
  await expect(section.getByText(/Stripe refused the credentials \(401\)/)).toBeVisible();

  await section.getByRole('button', { name: 'Change the connector' }).click();
  await expect(page.getByRole('form', { name: 'Configure the connector' })).toBeVisible();
  await expect(page.getByLabel('Secret or restricted key')).toHaveValue('');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('form', { name: 'Configure the connector' })).toHaveCount(0);
});
