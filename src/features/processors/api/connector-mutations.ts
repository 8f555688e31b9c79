import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SetConnector } from '@/api/contract/connectors';
import type { ProcessorView } from '@/api/contract/processors';
import { callApi } from '@/lib/api-client';
import { processorKeys } from './processor-queries';

/** A saved processor replaces the cached one, and the lists and history that show it reload. */
function useSaved(id: string) {
  const queryClient = useQueryClient();
  return async (processor: ProcessorView) => {
    queryClient.setQueryData(processorKeys.detail(id), processor);
    await queryClient.invalidateQueries({ queryKey: processorKeys.all });
  };
}

export function useSetConnector(id: string) {
  const onSuccess = useSaved(id);
  return useMutation({
    mutationFn: ({ body, version }: { body: SetConnector; version: number }) =>
      callApi('setProcessorConnector', { params: { id }, body, version }),
    meta: { errorHandling: 'local' },
    onSuccess,
  });
}

export function useClearConnector(id: string) {
  const onSuccess = useSaved(id);
  return useMutation({
    mutationFn: ({ version }: { version: number }) => callApi('clearProcessorConnector', { params: { id }, version }),
    meta: { errorHandling: 'local' },
    onSuccess,
  });
}

/** The test changes no record, but writes an audit event: the history reloads. */
export function useTestConnector(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => callApi('testProcessorConnector', { params: { id } }),
    meta: { errorHandling: 'local' },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: processorKeys.history(id) }),
  });
}
