import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateWebhook } from '@/api/contract/webhooks';
import { callApi } from '@/lib/api-client';
import { toasts } from '@/lib/toast';

export const webhookKeys = {
  all: ['webhooks'] as const,
  list: () => [...webhookKeys.all, 'list'] as const,
  deliveries: () => [...webhookKeys.all, 'deliveries'] as const,
};

export const webhookQueries = {
  list: () => queryOptions({ queryKey: webhookKeys.list(), queryFn: ({ signal }) => callApi('listWebhooks', { signal }) }),
  deliveries: () =>
    queryOptions({ queryKey: webhookKeys.deliveries(), queryFn: ({ signal }) => callApi('listWebhookDeliveries', { signal }) }),
};

export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateWebhook) => callApi('createWebhook', { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhookKeys.all }),
  });
}

export function useDisableWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => callApi('disableWebhook', { params: { id } }),
    onSuccess: async (webhook) => {
      toasts.show(`${webhook.url} is disabled: nothing more is sent to it.`, 'success');
      await queryClient.invalidateQueries({ queryKey: webhookKeys.all });
    },
  });
}
