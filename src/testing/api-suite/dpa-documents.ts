import { beforeAll, describe, expect, it } from 'vitest';
import { dpaDocumentView } from '@/api/contract/processors';
import type { Harness } from '@/testing/harness';
import type { Suite } from './api-suite';
import { expectError } from './helpers';

/** A small valid-looking PDF: what matters to the API is its type and its first bytes. */
const pdf = (text = 'signed DPA'): Uint8Array<ArrayBuffer> =>
  new TextEncoder().encode(`%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

/** A processor's signed DPA as a PDF in the database (issue 18): upload, replace, download, remove. */
export function dpaDocumentTests(suite: Suite): void {
  let h: Harness;
  let processorId: string;
  beforeAll(() => {
    h = suite.harness();
    processorId = h.seed.processors[0]!.id;
  });

  const path = () => `/api/processors/${processorId}/dpa-document`;
  async function upload(
    who: 'officer' | 'auditor' | 'support' | 'nobody',
    bytes: Uint8Array<ArrayBuffer> | null,
    opts: { fileName?: string | null; type?: string; id?: string; contentLength?: string } = {},
  ) {
    const fileName = opts.fileName === undefined ? 'DPA signed.pdf' : opts.fileName;
    const target = `/api/processors/${opts.id ?? processorId}/dpa-document${fileName === null ? '' : `?fileName=${encodeURIComponent(fileName)}`}`;
    const res = await h.app.request(target, {
      method: 'PUT',
      headers: {
        ...(await h.authHeaders(who)),
        'content-type': opts.type ?? 'application/pdf',
        ...(opts.contentLength ? { 'content-length': opts.contentLength } : {}),
      },
      body: bytes ?? undefined,
    });
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as unknown) : null };
  }
  const auditActions = async () =>
    (await h.ok('auditor', 'listAuditEvents', { query: { recordId: processorId, limit: 50 } })).items.map((e) => e.action);

  describe('DPA documents', () => {
    it('attaches a PDF, shows it with the actions allowed, and audits it', async () => {
      const before = await h.ok('officer', 'getDpaDocument', { params: { id: processorId } });
      expect(before.document).toBeNull();
      expect(before.actions.upload.allowed).toBe(true);
      expect(before.actions.download).toEqual({ allowed: false, reason: 'No DPA document is attached to this processor' });
      const res = await upload('officer', pdf());
      expect(res.status).toBe(200);
      const view = dpaDocumentView.parse(res.json);
      expect(view.document).toMatchObject({ fileName: 'DPA signed.pdf', size: pdf().length, uploadedBy: 'Olivia Officer' });
      expect(view.document!.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(view.actions.download.allowed).toBe(true);
      expect(await auditActions()).toContain('processor.dpa_document_upload');
      const auditor = await h.ok('auditor', 'getDpaDocument', { params: { id: processorId } });
      expect(auditor.document?.fileName).toBe('DPA signed.pdf');
      expect(auditor.actions.upload).toMatchObject({ allowed: false });
      expect(auditor.actions.download.allowed).toBe(true);
    });

    it('downloads as an attachment, never sniffed, the name escaped', async () => {
      const name = 'Ugovor "Đurić" ; x=1.pdf';
      expect((await upload('officer', pdf('replaced'), { fileName: name })).status).toBe(200);
      expect(await auditActions()).toContain('processor.dpa_document_replace');
      const res = await h.app.request(`${path()}.pdf`, { headers: await h.authHeaders('auditor') });
      expect(res.status).toBe(200);
      expect(new TextDecoder().decode(await res.arrayBuffer())).toContain('% replaced');
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const disposition = res.headers.get('content-disposition') ?? '';
      expect(disposition).toBe(`attachment; filename="Ugovor __uri__ ; x=1.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`);
    });

    it('refuses what is not a PDF, by declared type or by content, naming the file', async () => {
      expectError(await upload('officer', new TextEncoder().encode('<html>not a pdf</html>')), 422, 'file');
      expectError(await upload('officer', pdf(), { type: 'application/octet-stream' }), 422, 'file');
      expectError(await upload('officer', new Uint8Array()), 422, 'file');
      expectError(await upload('officer', pdf(), { fileName: 'contract.docx' }), 400, 'fileName');
      expectError(await upload('officer', pdf(), { fileName: null }), 400, 'fileName');
      expectError(await upload('officer', pdf(), { fileName: '../../etc/passwd.pdf' }), 400, 'fileName');
    });

    it('refuses a file over 10 MB with 413 naming the file, and keeps the one attached', async () => {
      const big = new Uint8Array(10 * 1024 * 1024 + 1);
      big.set(pdf());
      expectError(await upload('officer', big), 413, 'file');
      const exactly = new Uint8Array(10 * 1024 * 1024);
      exactly.set(pdf());
      expect((await upload('officer', exactly, { fileName: 'ten.pdf' })).status).toBe(200);
      const kept = await h.ok('auditor', 'getDpaDocument', { params: { id: processorId } });
      expect(kept.document).toMatchObject({ fileName: 'ten.pdf', size: 10 * 1024 * 1024 });
    });

    it('is for officers to write and auditors to read: 401, 403 and 404 as they apply', async () => {
      expectError(await upload('nobody', pdf()), 401);
      expectError(await upload('auditor', pdf()), 403);
      expectError(await upload('support', pdf()), 403);
      expectError(await h.call('support', 'GET', path()), 403);
      expectError(await h.call('support', 'GET', `${path()}.pdf`), 403);
      expectError(await h.call('auditor', 'DELETE', path()), 403);
      expectError(await upload('officer', pdf(), { id: 'prc_nope' }), 404);
      expectError(await h.call('auditor', 'GET', '/api/processors/prc_nope/dpa-document'), 404);
    });

    it('removes the document, audited; then download and a second remove are 409', async () => {
      const res = await h.call('officer', 'DELETE', path());
      expect(res.status).toBe(200);
      expect(dpaDocumentView.parse(res.json).document).toBeNull();
      expect(await auditActions()).toContain('processor.dpa_document_remove');
      expectError(await h.call('auditor', 'GET', `${path()}.pdf`), 409);
      expectError(await h.call('officer', 'DELETE', path()), 409);
    });
  });
}
