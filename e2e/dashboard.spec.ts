import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, statePath } from './roles';

test.use({ storageState: async ({}, use, info) => use(statePath(info.project.name, 'officer')) });

test('the overdue figure opens the deletions it counts', async ({ page }) => {
  await page.goto('/');
  const figure = page.getByRole('link', { name: /^[\d,]+ Deletions overdue$/ });
  await expect(figure).toBeVisible();
  await expectNoAxeViolations(page);
  const count = (await figure.innerText()).match(/^[\d,]+/)?.[0] ?? '';

  await figure.click();
  await expect(page).toHaveURL(/\/deletions\?overdue=1$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Deletions' })).toBeVisible();
  if (count === '0') {
    await expect(page.getByRole('table', { name: 'Deletion requests' })).toHaveCount(0);
  } else {
    await expect(page.getByText(new RegExp(`^Showing [\\d,]+ of ${count} requests$`))).toBeVisible();
  }
});

test('each processors-needing-attention figure, and the grants ending within the hour, open exactly what they count', async ({ page }) => {
  await page.goto('/');
  const attention = page.getByRole('region', { name: 'Processors needing attention' }).getByRole('link');
  await expect(attention.first()).toBeVisible();
  const figures = await attention.evaluateAll((links) =>
    links.map((a) => ({ href: a.getAttribute('href') ?? '', text: a.textContent ?? '' })),
  );
  expect(figures.length).toBeGreaterThan(0);
  for (const { href, text } of figures) {
    const count = Number(text.match(/^[\d,]+/)?.[0]?.replace(/,/g, ''));
    await page.goto(href);
    const table = page.getByRole('table', { name: 'Processors and storage locations' });
    await expect(table.getByRole('row')).toHaveCount(count + 1);
  }

  await page.goto('/');
  const ending = page.getByRole('link', { name: /^[\d,]+ Grants ending within the hour$/ });
  const count = Number((await ending.innerText()).match(/^[\d,]+/)?.[0]?.replace(/,/g, ''));
  await ending.click();
  await expect(page).toHaveURL(/\/support-access\?ending=1&sort=ending$/);
  await expect(page.getByLabel('Grant ends')).toHaveValue('1');
  const history = page.getByRole('table', { name: 'Support-access requests' });
  if (count === 0) await expect(page.getByText('No support-access requests match')).toBeVisible();
  else await expect(history.getByRole('row')).toHaveCount(count + 1);
  await expectNoAxeViolations(page);
});
