// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DPA_DOCUMENT_MAX_BYTES } from '@/api/contract/processors';
import { renderConsole } from './render-console';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const PDF = '%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';
const pdfFile = (name = 'Stripe DPA signed.pdf', content = PDF) => new File([content], name, { type: 'application/pdf' });

const dpaSection = async () =>
  within((await screen.findByRole('heading', { level: 2, name: 'Data processing agreement' })).closest('section') as HTMLElement);

/** The field's own description: its hint and, once refused, the refusal in words. */
const description = (field: HTMLElement) =>
  (field.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

describe('the processor page’s data processing agreement', () => {
  it('shows the DPA’s status and dates, and lets an officer attach, download, replace and remove the signed PDF', async () => {
    const { user, harness } = await renderConsole('/processors/prc_stripe', { as: 'officer' });
    const section = await dpaSection();
    expect(section.getByText('DPA expires on')).toBeInTheDocument();
    expect(section.getByText('DPA next review')).toBeInTheDocument();
    expect(await section.findByText('No signed PDF is attached.')).toBeInTheDocument();
    const field = section.getByLabelText('Signed DPA (PDF)');
    // The limit is said before anything is sent.
    expect(description(field)).toContain('A PDF of at most 10 MB.');

    // A renamed file that is not a PDF: the server refuses it by its content, and the field says so.
    await user.upload(field, pdfFile('contract.pdf', 'PK\u0003\u0004 a Word file'));
    await user.click(section.getByRole('button', { name: 'Attach the PDF' }));
    await waitFor(() => expect(field).toHaveAttribute('aria-invalid', 'true'));
    expect(description(field)).toContain('This file is not a PDF: its content does not start as a PDF does');

    await user.upload(field, pdfFile());
    expect(field).not.toHaveAttribute('aria-invalid');
    await user.click(section.getByRole('button', { name: 'Attach the PDF' }));
    expect(await section.findByText('Stripe DPA signed.pdf')).toBeInTheDocument();
    expect(section.getByText(`${PDF.length} bytes`)).toBeInTheDocument();
    expect(section.getByText(/by Olivia Officer$/)).toBeInTheDocument();
    const stored = await harness.store.transaction((tx) => tx.dpaDocuments.get('prc_stripe'));
    expect(new TextDecoder().decode(stored?.content)).toBe(PDF);

    // Download fetches the file with the session and saves it under its name.
    const blobs: Blob[] = [];
    vi.stubGlobal(
      'URL',
      Object.assign(URL, { createObjectURL: (blob: Blob) => (blobs.push(blob), 'blob:dpa'), revokeObjectURL: () => undefined }),
    );
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const download = section.getByRole('link', { name: 'Download the PDF' });
    expect(download).toHaveAttribute('download', 'Stripe DPA signed.pdf');
    await user.click(download);
    expect(await screen.findByText('Downloaded the DPA of Stripe.')).toBeInTheDocument();
    expect(await blobs[0]!.text()).toBe(PDF);

    // Replacing keeps one document, the new one.
    await user.upload(section.getByLabelText('Signed DPA (PDF)'), pdfFile('Stripe DPA 2027.pdf'));
    await user.click(section.getByRole('button', { name: 'Replace the PDF' }));
    expect(await section.findByText('Stripe DPA 2027.pdf')).toBeInTheDocument();
    expect(section.queryByText('Stripe DPA signed.pdf')).not.toBeInTheDocument();

    await user.click(section.getByRole('button', { name: 'Remove the PDF' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Remove the signed DPA of Stripe?' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove the PDF' }));
    expect(await section.findByText('No signed PDF is attached.')).toBeInTheDocument();
    expect(await harness.store.transaction((tx) => tx.dpaDocuments.get('prc_stripe'))).toBeNull();
  });

  it('refuses a file over the limit before sending it, naming the field', async () => {
    const { user, harness } = await renderConsole('/processors/prc_zoom', { as: 'officer' });
    const section = await dpaSection();
    const field = await section.findByLabelText('Signed DPA (PDF)');
    const big = new File([new Uint8Array(DPA_DOCUMENT_MAX_BYTES + 1)], 'huge.pdf', { type: 'application/pdf' });
    await user.upload(field, big);
    await user.click(section.getByRole('button', { name: 'Attach the PDF' }));
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(description(field)).toContain('The file is 10 MB: attach a PDF of at most 10 MB');
    expect(await harness.store.transaction((tx) => tx.dpaDocuments.info('prc_zoom'))).toBeNull();
  });

  it('lets an auditor download the PDF and nothing else', async () => {
    const { harness, router } = await renderConsole('/processors', { as: 'auditor' });
    const put = await harness.app.request('/api/processors/prc_stripe/dpa-document?fileName=DPA.pdf', {
      method: 'PUT',
      headers: { ...(await harness.authHeaders('officer')), 'content-type': 'application/pdf' },
      body: PDF,
    });
    expect(put.status).toBe(200);
    await router.navigate('/processors/prc_stripe');
    const section = await dpaSection();
    expect(await section.findByRole('link', { name: 'Download the PDF' })).toBeInTheDocument();
    expect(section.getByText('DPA.pdf')).toBeInTheDocument();
    expect(section.queryByRole('button')).not.toBeInTheDocument();
    expect(section.queryByLabelText('Signed DPA (PDF)')).not.toBeInTheDocument();
  });

  it('shows a support agent the DPA’s status without the document they may not read', async () => {
    await renderConsole('/processors/prc_stripe', { as: 'support' });
    const section = await dpaSection();
    expect(section.getByText('DPA expires on')).toBeInTheDocument();
    expect(section.queryByText('No signed PDF is attached.')).not.toBeInTheDocument();
    expect(section.queryByRole('link', { name: 'Download the PDF' })).not.toBeInTheDocument();
  });
});
