import type { LoaderFactory } from '@/lib/route-module';
import { settled } from '@/lib/route-module';
import { searchFromRequest } from '@/lib/search-params';
import { can } from '@/lib/can';
import { sessionQuery } from '@/lib/session';
import type { SupportAccessListParams } from '@/features/support-access/api/support-access-queries';
import { listParamsOf, supportAccessQueries } from '@/features/support-access/api/support-access-queries';
import { supportAccessSearch } from '@/features/support-access/support-access-search';

/** Oldest first: the request nearest to expiring undecided is the one to look at. */
export const queueParams: SupportAccessListParams = { status: ['pending'], sort: 'oldest' };
export const grantsParams: SupportAccessListParams = { status: ['active'], sort: 'ending' };

export const loaders = {
  list:
    (queryClient) =>
    async ({ request }) => {
      const history = queryClient.ensureInfiniteQueryData(
        supportAccessQueries.list(listParamsOf(searchFromRequest(supportAccessSearch, request))),
      );
      const grants = queryClient.ensureInfiniteQueryData(supportAccessQueries.list(grantsParams));
      // The session's own request runs beside these (the app route's loader); this waits on the same one.
      const session = await queryClient.ensureQueryData(sessionQuery).catch(() => null);
      // Only those who see every agent's requests have a queue to decide.
      if (!session || !can(session, 'access.read_all')) return settled(history, grants);
      return settled(history, grants, queryClient.ensureInfiniteQueryData(supportAccessQueries.list(queueParams)));
    },
  detail:
    (queryClient) =>
    ({ params }) =>
      settled(queryClient.ensureQueryData(supportAccessQueries.detail(params.id ?? ''))),
} satisfies Record<string, LoaderFactory>;
