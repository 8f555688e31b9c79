import { can } from '@/lib/can';
import type { LoaderFactory } from '@/lib/route-module';
import { settled } from '@/lib/route-module';
import { searchFromRequest } from '@/lib/search-params';
import { sessionQuery } from '@/lib/session';
import { processorQueries } from '@/features/processors/api/processor-queries';
import { processorSearch } from '@/features/processors/processor-search';

/** The processors pages' loaders, with the query options the pages read (src/app/routes.tsx). */
export const loaders = {
  list:
    (queryClient) =>
    ({ request }) => {
      // The page also shows the controller's details and the notice settings to whoever may read them: read beside
      // the list, so a page the server draws has them in place. Drawn after the page was taken over, they pushed
      // the list a third of a screen down under a reader who had scrolled.
      const session = queryClient.getQueryData(sessionQuery.queryKey);
      if (session && can(session, 'settings.read')) void queryClient.prefetchQuery(processorQueries.settings());
      return settled(queryClient.ensureQueryData(processorQueries.list(searchFromRequest(processorSearch, request))));
    },
  detail:
    (queryClient) =>
    ({ params }) =>
      settled(queryClient.ensureQueryData(processorQueries.detail(params.id ?? ''))),
  recordOfProcessing: (queryClient) => () => settled(queryClient.ensureQueryData(processorQueries.recordOfProcessing())),
} satisfies Record<string, LoaderFactory>;
