import type { QueryClient } from '@tanstack/react-query';
import { useInfiniteQuery } from '@tanstack/react-query';
import { DownloadLink } from '@/components/ui/download-link';
import { LoadMore } from '@/components/ui/load-more';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states';
import type { RouteLoader } from '@/lib/route-module';
import { settled } from '@/lib/route-module';
import { searchFromRequest, useSearchState } from '@/lib/search-params';
import { auditQueries } from '@/features/audit/api/audit-queries';
import { AuditFilters } from '@/features/audit/components/audit-filters';
import { AuditTable } from '@/features/audit/components/audit-table';
import { auditSearch, exportHref } from '@/features/audit/audit-search';

export function createLoader(queryClient: QueryClient): RouteLoader {
  return ({ request }) =>
    settled(
      queryClient.ensureInfiniteQueryData(auditQueries.list(searchFromRequest(auditSearch, request))),
      queryClient.ensureQueryData(auditQueries.staff()),
    );
}

export function Component() {
  const [search, setSearch] = useSearchState(auditSearch);
  const query = useInfiniteQuery(auditQueries.list(search));
  const events = query.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who did what to which record, and when. Entries are never changed or removed."
        actions={
          <DownloadLink href={exportHref(search)} filename="audit-events.csv" what="the audit events (CSV)">
            Export CSV
          </DownloadLink>
        }
      />
      <AuditFilters search={search} onChange={setSearch} />
      {query.isPending ? (
        <LoadingState label="Loading audit events…" />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : events.length === 0 ? (
        <EmptyState title="No audit events match">Clear a filter to see more.</EmptyState>
      ) : (
        <>
          <AuditTable events={events} />
          <LoadMore
            noun="events"
            shown={events.length}
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
