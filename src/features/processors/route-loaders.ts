import type { LoaderFactory } from '@/lib/route-module';
import { settled } from '@/lib/route-module';
import { searchFromRequest } from '@/lib/search-params';
import { processorQueries } from '@/features/processors/api/processor-queries';
import { processorSearch } from '@/features/processors/processor-search';

/** The processors pages' loaders, with the query options the pages read (src/app/routes.tsx). */
export const loaders = {
  list:
    (queryClient) =>
    ({ request }) =>
      settled(queryClient.ensureQueryData(processorQueries.list(searchFromRequest(processorSearch, request)))),
  detail:
    (queryClient) =>
    ({ params }) =>
      settled(queryClient.ensureQueryData(processorQueries.detail(params.id ?? ''))),
  recordOfProcessing: (queryClient) => () => settled(queryClient.ensureQueryData(processorQueries.recordOfProcessing())),
} satisfies Record<string, LoaderFactory>;
