import type { LoaderFactory } from '@/lib/route-module';
import { settled } from '@/lib/route-module';
import { searchFromRequest } from '@/lib/search-params';
import { auditQueries } from '@/features/audit/api/audit-queries';
import { auditSearch } from '@/features/audit/audit-search';

export const loaders = {
  list:
    (queryClient) =>
    ({ request }) =>
      settled(
        queryClient.ensureInfiniteQueryData(auditQueries.list(searchFromRequest(auditSearch, request))),
        queryClient.ensureQueryData(auditQueries.staff()),
      ),
  chain: (queryClient) => () => settled(queryClient.ensureQueryData(auditQueries.chain())),
} satisfies Record<string, LoaderFactory>;
