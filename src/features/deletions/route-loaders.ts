import type { LoaderFactory } from '@/lib/route-module';
import { settled } from '@/lib/route-module';
import { searchFromRequest } from '@/lib/search-params';
import { deletionQueries } from '@/features/deletions/api/deletion-queries';
import { deletionSearch } from '@/features/deletions/deletion-search';

export const loaders = {
  list:
    (queryClient) =>
    ({ request }) =>
      settled(queryClient.ensureInfiniteQueryData(deletionQueries.list(searchFromRequest(deletionSearch, request)))),
  detail:
    (queryClient) =>
    ({ params }) =>
      settled(queryClient.ensureQueryData(deletionQueries.detail(params.id ?? ''))),
  certificate:
    (queryClient) =>
    ({ params }) =>
      settled(queryClient.ensureQueryData(deletionQueries.certificate(params.id ?? ''))),
} satisfies Record<string, LoaderFactory>;
