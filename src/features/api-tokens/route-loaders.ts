import type { LoaderFactory } from '@/lib/route-module';
import { settled } from '@/lib/route-module';
import { apiTokenQueries } from '@/features/api-tokens/api/api-token-queries';

export const loaders = {
  list: (queryClient) => () => settled(queryClient.ensureQueryData(apiTokenQueries.list())),
} satisfies Record<string, LoaderFactory>;
