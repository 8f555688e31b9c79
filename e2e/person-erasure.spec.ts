import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, getJson, statePath } from './roles';

test.use({ storageState: async ({}, use, info) => use(statePath(info.project.name, 'officer')) });

/** A website visitor of the seed: someone who answered the cookie banner without an account. */
async function aVisitor(page: Page): Promise<string> {
  const events = await getJson<{ items: { subjectId: string }[] }>(page, '/api/consent-events?channel=cookie_banner&limit=50');
  for (const id of new Set(events.items.map((e) => e.subjectId))) {
    const detail = await getJson<{ subject: { kind: string } }>(page, `/api/subjects/${id}`);
    if (detail.subject.kind === 'visitor') return id;
  }
  throw new Error('the seed has no website visitor among the first cookie-banner events');
}

test('an officer records a website visitor’s erasure request, with the identity check, and sees its deadline', async ({ page }) => {
  await page.goto('/deletions/new');
  await expect(page.getByRole('heading', { level: 1, name: 'Record an erasure request' })).toBeVisible();
  const visitor = await aVisitor(page);

  await page.getByLabel('What to erase').selectOption('person');
  const form = page.getByRole('form', { name: "Record a person's erasure request" });
  await form.getByLabel('Who asked').selectOption('website_visitor');
  // Sent without the identity check: refused, the form kept, the field named.
  await form.getByLabel('Visitor id').fill(visitor);
  await form.getByRole('button', { name: 'Record erasure request' }).click();
  await expect(form.getByRole('alert')).toContainText('What was checked');
  await expect(form.getByLabel('Visitor id')).toHaveValue(visitor);

  await form.getByLabel('How their identity was verified').selectOption('visitor_cookie');
  await form.getByLabel('What was checked').fill('The request came from the browser holding this visitor cookie (E2E).');
  await form.getByLabel('Note').fill('Asked through the cookie banner’s privacy link.');
  await form.getByRole('button', { name: 'Record erasure request' }).click();

  await expect(page).toHaveURL(/\/deletions\/(?!new$)[^/]+$/);
  await expect(page.getByText(/only this person is erased/)).toBeVisible();
  await expect(page.getByRole('link', { name: visitor })).toBeVisible();
  await expect(page.getByText(/Visitor cookie: The request came from the browser/)).toBeVisible();
  await expect(page.getByText(/in \d+ days \(/).first()).toBeVisible();
  await expectNoAxeViolations(page);
});
