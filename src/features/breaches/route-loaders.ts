import type { LoaderFactory } from '@/lib/route-module';
import { settled } from '@/lib/route-module';
import { searchFromRequest } from '@/lib/search-params';
import { breachQueries } from '@/features/breaches/api/breach-queries';
import { breachSearch } from '@/features/breaches/breach-search';

export const loaders = {
  list:
    (queryClient) =>
    ({ request }) =>
      settled(queryClient.ensureInfiniteQueryData(breachQueries.list(searchFromRequest(breachSearch, request)))),
  detail:
    (queryClient) =>
    ({ params }) =>
      settled(queryClient.ensureQueryData(breachQueries.detail(params.id ?? ''))),
} satisfies Record<string, LoaderFactory>;
