import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateApiToken } from '@/api/contract/api-tokens';
import { callApi } from '@/lib/api-client';
import { toasts } from '@/lib/toast';

export const apiTokenKeys = {
  all: ['api-tokens'] as const,
  list: () => [...apiTokenKeys.all, 'list'] as const,
};

export const apiTokenQueries = {
  list: () => queryOptions({ queryKey: apiTokenKeys.list(), queryFn: ({ signal }) => callApi('listApiTokens', { signal }) }),
};

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiToken) => callApi('createApiToken', { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiTokenKeys.all }),
  });
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => callApi('revokeApiToken', { params: { id } }),
    onSuccess: async (token) => {
      toasts.show(`${token.name} is revoked: calls with it are refused from now on.`, 'success');
      await queryClient.invalidateQueries({ queryKey: apiTokenKeys.all });
    },
  });
}
