import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { DpaDocumentView } from '@/api/contract/processors';
import { callApi } from '@/lib/api-client';
import { processorKeys } from './processor-queries';

/** The answer is the document's new state; the history (which records the change) reloads. */
function useSaved(id: string) {
  const queryClient = useQueryClient();
  return async (view: DpaDocumentView) => {
    queryClient.setQueryData(processorKeys.dpaDocument(id), view);
    await queryClient.invalidateQueries({ queryKey: processorKeys.history(id) });
  };
}

/** Attaches the PDF, or replaces the one attached: the body is the file itself, its name in the query. */
export function useUploadDpaDocument(id: string) {
  const onSuccess = useSaved(id);
  return useMutation({
    mutationFn: (file: File) => callApi('uploadDpaDocument', { params: { id }, query: { fileName: file.name }, body: file }),
    meta: { errorHandling: 'local' },
    onSuccess,
  });
}

export function useRemoveDpaDocument(id: string) {
  const onSuccess = useSaved(id);
  return useMutation({
    mutationFn: () => callApi('removeDpaDocument', { params: { id } }),
    meta: { errorHandling: 'local' },
    onSuccess,
  });
}
