import { useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useId, useState } from 'react';
import type { DpaDocumentActionName, DpaDocumentView, ProcessorView } from '@/api/contract/processors';
import { DPA_DOCUMENT_MAX_BYTES } from '@/api/contract/processors';
import { actionPermissions } from '@/api/contract/endpoints';
import { ActionButton } from '@/components/ui/action-button';
import { Alert } from '@/components/ui/alert';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { DefinitionList } from '@/components/ui/definition-list';
import { DownloadLink } from '@/components/ui/download-link';
import { TextField } from '@/components/ui/fields';
import { QueryState } from '@/components/ui/states';
import { isApiError } from '@/lib/api-client';
import { can } from '@/lib/can';
import { formatCalendarDate, formatDateTime, formatFileSize } from '@/lib/format';
import { useSession } from '@/lib/session';
import { toasts } from '@/lib/toast';
import { useRemoveDpaDocument, useUploadDpaDocument } from '@/features/processors/api/dpa-document-mutations';
import { processorQueries } from '@/features/processors/api/processor-queries';
import { DpaBadge } from './processor-labels';

const LIMIT = formatFileSize(DPA_DOCUMENT_MAX_BYTES, { locale: 'en' });

/** Why a chosen file cannot be sent, before sending it: the server checks the same (and the content) again. */
function fileProblem(file: File | null): string | null {
  if (!file) return 'Choose the signed DPA as a PDF file';
  if (file.size > DPA_DOCUMENT_MAX_BYTES) return `The file is ${formatFileSize(file.size)}: attach a PDF of at most ${LIMIT}`;
  return null;
}

/** The server's refusal in words for the file field: its own message for the file or its name, else its sentence. */
function refusalOf(error: unknown): string | null {
  if (!error) return null;
  if (isApiError(error)) return error.fields.file ?? error.fields.fileName ?? error.message;
  return error instanceof Error ? error.message : 'The file could not be attached';
}

/** Attach or replace: a file field with the limit said before anything is sent, and the refusal on the field. */
function UploadForm({ processorId, view }: { processorId: string; view: DpaDocumentView }) {
  const formId = useId();
  const upload = useUploadDpaDocument(processorId);
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const replacing = view.document !== null;
  const label = replacing ? 'Replace the PDF' : 'Attach the PDF';

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const local = fileProblem(file);
    setProblem(local);
    if (local || !file) return;
    upload.mutate(file, {
      onSuccess: (saved) => {
        setFile(null);
        setInputKey((k) => k + 1);
        toasts.show(`Attached ${saved.document?.fileName ?? 'the DPA document'}.`, 'success');
      },
    });
  };
  const error = problem ?? refusalOf(upload.error);
  return (
    <form aria-labelledby={`${formId}-title`} noValidate onSubmit={onSubmit} className="max-w-md space-y-3">
      <h3 id={`${formId}-title`} className="text-base font-semibold text-gray-900">
        {replacing ? 'Replace the signed DPA' : 'Attach the signed DPA'}
      </h3>
      <TextField
        key={inputKey}
        label="Signed DPA (PDF)"
        type="file"
        accept="application/pdf,.pdf"
        hint={`A PDF of at most ${LIMIT}.${replacing ? ' It replaces the one attached.' : ''}`}
        error={error ?? undefined}
        onChange={(event) => {
          setFile(event.currentTarget.files?.[0] ?? null);
          setProblem(null);
          upload.reset();
        }}
      />
      <ActionButton type="submit" refusal={view.actions.upload.allowed ? null : view.actions.upload.reason} disabled={upload.isPending}>
        {upload.isPending ? 'Uploading…' : label}
      </ActionButton>
    </form>
  );
}

function DocumentPart({ processor, view }: { processor: ProcessorView; view: DpaDocumentView }) {
  const session = useSession();
  const remove = useRemoveDpaDocument(processor.id);
  const [confirm, setConfirm] = useState(false);
  // Not the caller's to take at all (their role): nothing shown. Not now (the record): disabled, with why.
  const mayTake = (action: DpaDocumentActionName) => can(session, actionPermissions.dpaDocument[action]);
  const { document } = view;
  return (
    <div className="space-y-4">
      {document ? (
        <DefinitionList
          items={[
            { term: 'Signed PDF', value: document.fileName },
            { term: 'Size', value: formatFileSize(document.size) },
            { term: 'Uploaded', value: `${formatDateTime(document.uploadedAt)} by ${document.uploadedBy}` },
            { term: 'SHA-256', value: <span className="font-mono text-xs break-all">{document.sha256}</span> },
          ]}
        />
      ) : (
        <p className="text-sm text-gray-700">No signed PDF is attached.</p>
      )}
      {document && (mayTake('download') || mayTake('remove')) ? (
        <div className="flex flex-wrap items-start gap-3">
          {mayTake('download') && view.actions.download.allowed ? (
            <DownloadLink
              href={`/api/processors/${encodeURIComponent(processor.id)}/dpa-document.pdf`}
              filename={document.fileName}
              what={`the DPA of ${processor.name}`}
            >
              Download the PDF
            </DownloadLink>
          ) : null}
          {mayTake('remove') ? (
            <ActionButton
              variant="danger"
              refusal={view.actions.remove.allowed ? null : view.actions.remove.reason}
              disabled={remove.isPending}
              onClick={() => setConfirm(true)}
            >
              Remove the PDF
            </ActionButton>
          ) : null}
        </div>
      ) : null}
      {remove.error ? (
        <Alert title="Could not remove the PDF">
          <p>{remove.error.message}</p>
        </Alert>
      ) : null}
      {mayTake('upload') ? <UploadForm processorId={processor.id} view={view} /> : null}
      <ConfirmDialog
        open={confirm}
        title={`Remove the signed DPA of ${processor.name}?`}
        confirmLabel="Remove the PDF"
        busy={remove.isPending}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              setConfirm(false);
              toasts.show(`Removed the DPA document of ${processor.name}.`, 'success');
            },
            onError: () => setConfirm(false),
          })
        }
        onCancel={() => setConfirm(false)}
      >
        <p>{document ? `${document.fileName} is deleted from the console. The DPA’s status and dates stay as they are.` : null}</p>
      </ConfirmDialog>
    </div>
  );
}

function DocumentQuery({ processor }: { processor: ProcessorView }) {
  const query = useQuery(processorQueries.dpaDocument(processor.id));
  return (
    <QueryState query={query} loading="Loading the DPA document…">
      {(view) => <DocumentPart processor={processor} view={view} />}
    </QueryState>
  );
}

/**
 * The processor's data processing agreement (issue 18): its status and dates, and, for whoever may read it,
 * the signed PDF kept in the database, with download, attach or replace, and remove as the record allows.
 */
export function DpaSection({ processor }: { processor: ProcessorView }) {
  const session = useSession();
  const { dpa } = processor;
  return (
    <div className="space-y-4">
      <DefinitionList
        items={[
          { term: 'DPA', value: <DpaBadge dpa={dpa} /> },
          { term: 'Signed on', value: dpa.signedOn ? formatCalendarDate(dpa.signedOn) : '—' },
          { term: 'Reference', value: dpa.reference ?? '—' },
          { term: 'DPA next review', value: dpa.nextReview ? formatCalendarDate(dpa.nextReview) : '—' },
          { term: 'DPA expires on', value: dpa.expiresOn ? formatCalendarDate(dpa.expiresOn) : 'No end date' },
        ]}
      />
      {can(session, actionPermissions.dpaDocument.download) ? <DocumentQuery processor={processor} /> : null}
    </div>
  );
}
