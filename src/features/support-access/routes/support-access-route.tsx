import type { QueryClient } from '@tanstack/react-query';
import { useInfiniteQuery } from '@tanstack/react-query';
import { LoadMore } from '../../../components/ui/load-more';
import { PageHeader } from '../../../components/ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/states';
import type { RouteLoader } from '../../../lib/route-module';
import { settled } from '../../../lib/route-module';
import { searchFromRequest, useSearchState } from '../../../lib/search-params';
import { useCurrentUser } from '../../../lib/session';
import { supportAccessQueries } from '../api/support-access-queries';
import { SupportAccessFilters } from '../components/support-access-filters';
import { SupportAccessTable } from '../components/support-access-table';
import { supportAccessSearch } from '../support-access-search';

export function createLoader(queryClient: QueryClient): RouteLoader {
  return ({ request }) =>
    settled(queryClient.ensureInfiniteQueryData(supportAccessQueries.list(searchFromRequest(supportAccessSearch, request))));
}

export function Component() {
  const user = useCurrentUser();
  const [search, setSearch] = useSearchState(supportAccessSearch);
  const query = useInfiniteQuery(supportAccessQueries.list(search));
  const requests = query.data?.pages.flatMap((page) => page.items) ?? [];
  const now = new Date();

  return (
    <>
      <PageHeader
        title="Support access"
        description={
          user.role === 'support_agent'
            ? 'Your requests to enter a customer’s cloud instance. Each needs the customer’s consent and an officer’s approval.'
            : 'Requests by support agents to enter a customer’s cloud instance, and the time-limited grants they became.'
        }
      />
      <SupportAccessFilters search={search} onChange={setSearch} />
      {query.isPending ? (
        <LoadingState label="Loading support-access requests…" />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : requests.length === 0 ? (
        <EmptyState title="No support-access requests match">Clear a filter to see more.</EmptyState>
      ) : (
        <>
          <SupportAccessTable requests={requests} now={now} />
          <LoadMore
            noun="requests"
            shown={requests.length}
            total={query.data.pages[0]?.total}
            hasMore={query.hasNextPage}
            loading={query.isFetchingNextPage}
            onLoadMore={() => void query.fetchNextPage()}
          />
        </>
      )}
    </>
  );
}
