import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, statePath } from './roles';

test.use({ storageState: async ({}, use, info) => use(statePath(info.project.name, 'officer')) });

const PDF = '%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';

test('an officer attaches FastSpring’s signed DPA, downloads it and removes it', async ({ page }) => {
  await page.goto('/processors/prc_fastspring');
  const section = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Data processing agreement' }) });
  await expect(section.getByText('No signed PDF is attached.')).toBeVisible();
  const field = section.getByLabel('Signed DPA (PDF)');
  await expect(section.getByText('A PDF of at most 10 MB.')).toBeVisible();

  await field.setInputFiles({ name: 'FastSpring DPA.pdf', mimeType: 'application/pdf', buffer: Buffer.from(PDF) });
  await section.getByRole('button', { name: 'Attach the PDF' }).click();
  await expect(section.getByText('FastSpring DPA.pdf')).toBeVisible();
  await expect(section.getByText(`${PDF.length} bytes`)).toBeVisible();
  await expect(section.getByText(/by Olivia Officer$/)).toBeVisible();
  await expectNoAxeViolations(page);

  const download = page.waitForEvent('download');
  await section.getByRole('link', { name: 'Download the PDF' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('FastSpring DPA.pdf');
  const { readFile } = await import('node:fs/promises');
  expect(await readFile((await file.path()) ?? '', 'utf8')).toBe(PDF);

  await section.getByRole('button', { name: 'Remove the PDF' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Remove the signed DPA of FastSpring?' });
  await dialog.getByRole('button', { name: 'Remove the PDF' }).click();
  await expect(section.getByText('No signed PDF is attached.')).toBeVisible();
  await expect(section.getByRole('link', { name: 'Download the PDF' })).toHaveCount(0);
});
