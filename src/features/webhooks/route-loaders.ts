import type { LoaderFactory } from '@/lib/route-module';
import { settled } from '@/lib/route-module';
import { webhookQueries } from '@/features/webhooks/api/webhook-queries';

export const loaders = {
  list: (queryClient) => () =>
    settled(queryClient.ensureQueryData(webhookQueries.list()), queryClient.ensureQueryData(webhookQueries.deliveries())),
} satisfies Record<string, LoaderFactory>;
