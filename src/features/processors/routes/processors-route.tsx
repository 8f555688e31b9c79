import type { QueryClient } from '@tanstack/react-query';
import { useQuery } from '@tanstack/react-query';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/states';
import { PageHeader } from '../../../components/ui/page-header';
import type { RouteLoader } from '../../../lib/route-module';
import { settled } from '../../../lib/route-module';
import { searchFromRequest, useSearchState } from '../../../lib/search-params';
import { processorQueries } from '../api/processor-queries';
import { ProcessorFilters } from '../components/processor-filters';
import { ProcessorTable } from '../components/processor-table';
import { processorSearch } from '../processor-search';

export function createLoader(queryClient: QueryClient): RouteLoader {
  return ({ request }) => settled(queryClient.ensureQueryData(processorQueries.list(searchFromRequest(processorSearch, request))));
}

export function Component() {
  const [search, setSearch] = useSearchState(processorSearch);
  const query = useQuery(processorQueries.list(search));

  return (
    <>
      <PageHeader
        title="Processors"
        description="Third parties that process personal data for us, and our own storage locations (privacy policy 5.5 and 5.7)."
      />
      <ProcessorFilters search={search} onChange={setSearch} />
      {query.isPending ? (
        <LoadingState label="Loading processors…" />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <EmptyState title="No processors match these filters">Clear a filter to see more.</EmptyState>
      ) : (
        <ProcessorTable processors={query.data.items} />
      )}
    </>
  );
}
