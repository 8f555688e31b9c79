import type { QueryClient } from '@tanstack/react-query';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { Link } from 'react-router';
import type { Role } from '@/api/contract/common';
import { buttonVariants } from '@/components/ui/classes';
import { LoadMore } from '@/components/ui/load-more';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states';
import type { RouteLoader } from '@/lib/route-module';
import { settled } from '@/lib/route-module';
import { searchFromRequest, useSearchState } from '@/lib/search-params';
import { sessionQuery, useCurrentUser } from '@/lib/session';
import { consentQueries } from '@/features/consents/api/consent-queries';
import { ConsentFilters } from '@/features/consents/components/consent-filters';
import { SuppressionExport } from '@/features/consents/components/suppression-export';
import { VirtualConsentTable } from '@/features/consents/components/virtual-consent-table';
import type { ConsentSearch } from '@/features/consents/consent-search';
import { consentSearch } from '@/features/consents/consent-search';

/** Officers and auditors browse the ledger; a support agent looks up one person by exact email. */
function mayBrowse(role: Role, search: ConsentSearch): boolean {
  return role !== 'support_agent' || Boolean(search.email);
}

/** Support agents may filter by email only: whatever else a shared link carries is not theirs to use. */
function effectiveSearch(role: Role, search: ConsentSearch): ConsentSearch {
  return role === 'support_agent' ? { email: search.email } : search;
}

export function createLoader(queryClient: QueryClient): RouteLoader {
  return async ({ request }) => {
    const search = searchFromRequest(consentSearch, request);
    const session = await queryClient.ensureQueryData(sessionQuery).catch(() => null);
    if (!session || !mayBrowse(session.user.role, search)) return null;
    return settled(queryClient.ensureInfiniteQueryData(consentQueries.list(effectiveSearch(session.user.role, search))));
  };
}

export function Component() {
  const user = useCurrentUser();
  const [urlSearch, setSearch] = useSearchState(consentSearch);
  const search = effectiveSearch(user.role, urlSearch);
  const lookupOnly = user.role === 'support_agent';
  const reviewer = user.role !== 'support_agent';
  const enabled = mayBrowse(user.role, search);
  const query = useInfiniteQuery({ ...consentQueries.list(search), enabled });
  // One array per answer, not per render: the ledger's row model is rebuilt whenever it changes.
  const events = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  const loadNext = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  return (
    <>
      <PageHeader
        title="Consent records"
        description="Every grant and withdrawal of consent, with the notice the person was shown. Addresses are masked."
        actions={
          reviewer ? (
            <nav aria-label="Consent tools" className="flex flex-wrap gap-2">
              <Link to="/consents/review" className={buttonVariants.secondary}>
                Review queue
              </Link>
              <Link to="/consents/trends" className={buttonVariants.secondary}>
                Monthly trends
              </Link>
            </nav>
          ) : null
        }
      />
      {reviewer ? <SuppressionExport defaultPurpose={search.purpose} /> : null}
      <ConsentFilters search={search} onChange={setSearch} lookupOnly={lookupOnly} />
      {!enabled ? (
        <EmptyState title="Look up a person">Enter the person's exact email address to see their consent records.</EmptyState>
      ) : query.isPending ? (
        <LoadingState label="Loading consent records…" />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : events.length === 0 ? (
        <EmptyState title="No consent records match">Try another address or clear a filter.</EmptyState>
      ) : (
        <>
          <VirtualConsentTable
            events={events}
            total={query.data.pages[0]?.total}
            hasMore={query.hasNextPage}
            loadingMore={query.isFetchingNextPage}
            onNearEnd={loadNext}
          />
          <div role="status" aria-live="polite">
            <LoadMore
              noun="records"
              shown={events.length}
              total={query.data.pages[0]?.total}
              hasMore={query.hasNextPage}
              loading={query.isFetchingNextPage}
              onLoadMore={loadNext}
            />
          </div>
        </>
      )}
    </>
  );
}
