import type { Actions } from '@/api/contract/common';
import type { DpaDocumentActionName } from '@/api/contract/processors';
import { actionPermissions } from '@/api/contract/endpoints';
import { DPA_DOCUMENT_MAX_BYTES } from '@/api/contract/processors';
import type { Role } from '@/api/contract/roles';
import type { Refusal } from './actions';
import { conflict, decideActions } from './actions';

/** What the caller may do with a processor's DPA document: download and remove need one attached. */
export function dpaDocumentActions(role: Role, attached: boolean): Actions<DpaDocumentActionName> {
  return decideActions(role, actionPermissions.dpaDocument, (action) => dpaDocumentBlocker(action, attached));
}

export function dpaDocumentBlocker(action: DpaDocumentActionName, attached: boolean): Refusal | null {
  if (action === 'upload' || attached) return null;
  return conflict('No DPA document is attached to this processor');
}

/** Why an upload is refused, in words for the `file` field, or null when it is a PDF within the limit. */
export function dpaDocumentProblem(contentType: string | null, bytes: Uint8Array): { status: 413 | 422; message: string } | null {
  if (bytes.length > DPA_DOCUMENT_MAX_BYTES) return { status: 413, message: 'The file is larger than 10 MB: attach a smaller PDF' };
  const declared = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (declared !== 'application/pdf') return { status: 422, message: 'Send the file as a PDF (Content-Type: application/pdf)' };
  if (bytes.length === 0) return { status: 422, message: 'The file is empty' };
  // Every PDF starts with "%PDF-" (ISO 32000-1, 7.5.2); a renamed Word file or image does not.
  const magic = [0x25, 0x50, 0x44, 0x46, 0x2d];
  if (bytes.length < magic.length || magic.some((b, i) => bytes[i] !== b)) {
    return { status: 422, message: 'This file is not a PDF: its content does not start as a PDF does' };
  }
  return null;
}
