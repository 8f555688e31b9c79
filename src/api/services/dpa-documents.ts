import type { DpaDocumentView } from '@/api/contract/processors';
import { ApiError } from '@/api/errors';
import { dpaDocumentActions, dpaDocumentBlocker, dpaDocumentProblem } from '@/api/rules/dpa-documents';
import type { DpaDocumentRecord } from '@/api/store/schemas';
import type { Tx } from '@/api/store/store';
import type { Actor, Ctx, FileResult } from './context';
import { audit, notFound } from './context';

function view(actor: Actor, processorId: string, info: Omit<DpaDocumentRecord, 'content'> | null): DpaDocumentView {
  return {
    processorId,
    document: info && {
      fileName: info.fileName,
      size: info.size,
      sha256: info.sha256,
      uploadedAt: info.uploadedAt,
      uploadedBy: info.uploadedBy.name,
    },
    actions: dpaDocumentActions(actor.user.role, info !== null),
  };
}

async function processorOf(tx: Tx, id: string) {
  const processor = await tx.processors.get(id);
  if (!processor) throw notFound('Processor');
  return processor;
}

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
const megabytes = (size: number) => `${(size / (1024 * 1024)).toFixed(1)} MB`;

export async function getDpaDocument(ctx: Ctx, actor: Actor, id: string): Promise<DpaDocumentView> {
  return ctx.deps.store.transaction(async (tx) => {
    await processorOf(tx, id);
    return view(actor, id, await tx.dpaDocuments.info(id));
  });
}

/**
 * Attaches the signed DPA, or replaces the one attached: a PDF by its declared type and by its content, at
 * most 10 MB. The document and its audit event are written in one transaction.
 */
export async function uploadDpaDocument(
  ctx: Ctx,
  actor: Actor,
  id: string,
  upload: { fileName: string; contentType: string | null; bytes: Uint8Array },
): Promise<DpaDocumentView> {
  const problem = dpaDocumentProblem(upload.contentType, upload.bytes);
  if (problem) {
    throw new ApiError(problem.status === 413 ? 'payload_too_large' : 'validation_failed', problem.message, { file: problem.message });
  }
  // A view, not its ArrayBuffer: WebCrypto rejects a buffer from another realm (jsdom's), never a view.
  const sha256 = hex(await crypto.subtle.digest('SHA-256', new Uint8Array(upload.bytes)));
  return ctx.deps.store.transaction(async (tx) => {
    const processor = await processorOf(tx, id);
    const previous = await tx.dpaDocuments.info(id);
    const record: DpaDocumentRecord = {
      processorId: id,
      fileName: upload.fileName,
      size: upload.bytes.length,
      sha256,
      uploadedAt: ctx.now.toISOString(),
      uploadedBy: { userId: actor.user.id, name: actor.user.name },
      content: new Uint8Array(upload.bytes),
    };
    await tx.dpaDocuments.put(record);
    await audit(tx, ctx, actor, {
      action: previous ? 'processor.dpa_document_replace' : 'processor.dpa_document_upload',
      recordType: 'processor',
      recordId: id,
      summary: previous
        ? `Replaced the DPA document of ${processor.name}: ${previous.fileName} -> ${record.fileName} (${megabytes(record.size)})`
        : `Attached the DPA document of ${processor.name}: ${record.fileName} (${megabytes(record.size)})`,
      changes: [{ field: 'dpaDocument', before: previous ? previous.sha256 : null, after: sha256 }],
    });
    return view(actor, id, record);
  });
}

export async function removeDpaDocument(ctx: Ctx, actor: Actor, id: string): Promise<DpaDocumentView> {
  return ctx.deps.store.transaction(async (tx) => {
    const processor = await processorOf(tx, id);
    const previous = await tx.dpaDocuments.info(id);
    const refusal = dpaDocumentBlocker('remove', previous !== null);
    if (refusal || !previous) throw new ApiError(refusal?.code ?? 'conflict', refusal?.reason ?? 'No DPA document is attached');
    await tx.dpaDocuments.delete(id);
    await audit(tx, ctx, actor, {
      action: 'processor.dpa_document_remove',
      recordType: 'processor',
      recordId: id,
      summary: `Removed the DPA document of ${processor.name}: ${previous.fileName}`,
      changes: [{ field: 'dpaDocument', before: previous.sha256, after: null }],
    });
    return view(actor, id, null);
  });
}

export async function downloadDpaDocument(ctx: Ctx, id: string): Promise<FileResult> {
  return ctx.deps.store.transaction(async (tx) => {
    await processorOf(tx, id);
    const doc = await tx.dpaDocuments.get(id);
    const refusal = dpaDocumentBlocker('download', doc !== null);
    if (refusal || !doc) throw new ApiError(refusal?.code ?? 'conflict', refusal?.reason ?? 'No DPA document is attached');
    return { file: { filename: doc.fileName, contentType: 'application/pdf', body: new Uint8Array(doc.content) } };
  });
}
