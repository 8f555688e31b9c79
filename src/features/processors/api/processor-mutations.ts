import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ProcessorInput, UpdateProcessor } from '@/api/contract/processors';
import { callApi } from '@/lib/api-client';
import { processorKeys } from './processor-queries';

export function useCreateProcessor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ProcessorInput) => callApi('createProcessor', { body }),
    meta: { errorHandling: 'local' },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: processorKeys.all }),
  });
}

export function useUpdateProcessor(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, version }: { body: UpdateProcessor; version: number }) =>
      callApi('updateProcessor', { params: { id }, body, version }),
    meta: { errorHandling: 'local' },
    onSuccess: async (processor) => {
      queryClient.setQueryData(processorKeys.detail(id), processor);
      await queryClient.invalidateQueries({ queryKey: processorKeys.all });
    },
  });
}

export function useUpdateSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ processorNoticeDays, version }: { processorNoticeDays: number; version: number }) =>
      callApi('updateSettings', { body: { processorNoticeDays }, version }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: processorKeys.all }),
  });
}
