import type { QueryClient } from '@tanstack/react-query';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Role } from '@/api/contract/common';
import { buttonVariants } from '@/components/ui/classes';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, ListState } from '@/components/ui/states';
import { usePagedList } from '@/lib/paged-list';
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
  const list = usePagedList(useInfiniteQuery({ ...consentQueries.list(search), enabled }));

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
      ) : (
        <ListState
          list={list}
          loading="Loading consent records…"
          noun="records"
          live
          empty={{ title: 'No consent records match', hint: 'Try another address or clear a filter.' }}
        >
          {(events) => (
            <VirtualConsentTable
              events={events}
              total={list.total}
              hasMore={list.query.hasNextPage}
              loadingMore={list.query.isFetchingNextPage}
              onNearEnd={list.loadMore}
            />
          )}
        </ListState>
      )}
    </>
  );
}
