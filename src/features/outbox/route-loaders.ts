import type { LoaderFactory } from '@/lib/route-module';
import { settled } from '@/lib/route-module';
import { searchFromRequest } from '@/lib/search-params';
import { outboxQueries } from '@/features/outbox/api/outbox-queries';
import { outboxSearch } from '@/features/outbox/outbox-search';

export const loaders = {
  list:
    (queryClient) =>
    ({ request }) =>
      settled(queryClient.ensureInfiniteQueryData(outboxQueries.list(searchFromRequest(outboxSearch, request)))),
} satisfies Record<string, LoaderFactory>;
