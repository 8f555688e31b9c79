import type { LoaderFactory } from '@/lib/route-module';
import { settled } from '@/lib/route-module';
import { searchFromRequest } from '@/lib/search-params';
import { sessionQuery } from '@/lib/session';
import { consentQueries } from '@/features/consents/api/consent-queries';
import { consentSearch, dateRangeError, effectiveSearch, mayBrowse, reviewSearch } from '@/features/consents/consent-search';

export const loaders = {
  list:
    (queryClient) =>
    async ({ request }) => {
      const search = searchFromRequest(consentSearch, request);
      const session = await queryClient.ensureQueryData(sessionQuery).catch(() => null);
      if (!session || !mayBrowse(session, search) || dateRangeError(search)) return null;
      return settled(queryClient.ensureInfiniteQueryData(consentQueries.list(effectiveSearch(session, search))));
    },
  reviews:
    (queryClient) =>
    ({ request }) =>
      settled(queryClient.ensureInfiniteQueryData(consentQueries.reviews(searchFromRequest(reviewSearch, request)))),
  subject:
    (queryClient) =>
    ({ params }) =>
      settled(queryClient.ensureQueryData(consentQueries.subject(params.id ?? ''))),
  trends: (queryClient) => () => settled(queryClient.ensureQueryData(consentQueries.monthly())),
} satisfies Record<string, LoaderFactory>;
