import type { QueryClient } from '@tanstack/react-query';
import { useInfiniteQuery } from '@tanstack/react-query';
import { LoadMore } from '../../../components/ui/load-more';
import { PageHeader } from '../../../components/ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/states';
import type { RouteLoader } from '../../../lib/route-module';
import { settled } from '../../../lib/route-module';
import { searchFromRequest, useSearchState } from '../../../lib/search-params';
import { deletionQueries } from '../api/deletion-queries';
import { DeletionFilters } from '../components/deletion-filters';
import { DeletionTable } from '../components/deletion-table';
import { deletionSearch } from '../deletion-search';

export function createLoader(queryClient: QueryClient): RouteLoader {
  return ({ request }) => settled(queryClient.ensureInfiniteQueryData(deletionQueries.list(searchFromRequest(deletionSearch, request))));
}

export function Component() {
  const [search, setSearch] = useSearchState(deletionSearch);
  const query = useInfiniteQuery(deletionQueries.list(search));
  const requests = query.data?.pages.flatMap((page) => page.items) ?? [];
  const now = new Date();

  return (
    <>
      <PageHeader
        title="Deletions"
        description="Cancelled accounts and erasure requests. A cancelled account's data is gone within 30 days (policy 5.7); a person's request is answered within a month."
      />
      <DeletionFilters search={search} onChange={setSearch} />
      {query.isPending ? (
        <LoadingState label="Loading deletion requests…" />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : requests.length === 0 ? (
        <EmptyState title="No deletion requests match">Clear a filter to see more.</EmptyState>
      ) : (
        <>
          <DeletionTable requests={requests} now={now} />
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
