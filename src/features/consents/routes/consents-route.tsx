import type { QueryClient } from '@tanstack/react-query';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Session } from '@/api/contract/users';
import { buttonVariants } from '@/components/ui/classes';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, ListState } from '@/components/ui/states';
import { usePagedList } from '@/lib/paged-list';
import type { RouteLoader } from '@/lib/route-module';
import { settled } from '@/lib/route-module';
import { searchFromRequest, useSearchState } from '@/lib/search-params';
import { can } from '@/lib/can';
import { sessionQuery, useSession } from '@/lib/session';
import { consentQueries } from '@/features/consents/api/consent-queries';
import { ConsentFilters } from '@/features/consents/components/consent-filters';
import { PersonSearch } from '@/features/consents/components/person-search';
import { SuppressionExport } from '@/features/consents/components/suppression-export';
import { VirtualConsentTable } from '@/features/consents/components/virtual-consent-table';
import type { ConsentSearch } from '@/features/consents/consent-search';
import { consentSearch, dateRangeError } from '@/features/consents/consent-search';

type Permissions = Pick<Session, 'permissions'>;

/** The whole ledger is `consent.read`; with `consent.lookup` alone one looks up a person by exact email. */
function mayBrowse(session: Permissions, search: ConsentSearch): boolean {
  return can(session, 'consent.read') || Boolean(search.email);
}

/** A lookup filters by email only: whatever else a shared link carries is not the reader's to use. */
function effectiveSearch(session: Permissions, search: ConsentSearch): ConsentSearch {
  return can(session, 'consent.read') ? search : { email: search.email };
}

export function createLoader(queryClient: QueryClient): RouteLoader {
  return async ({ request }) => {
    const search = searchFromRequest(consentSearch, request);
    const session = await queryClient.ensureQueryData(sessionQuery).catch(() => null);
    if (!session || !mayBrowse(session, search) || dateRangeError(search)) return null;
    return settled(queryClient.ensureInfiniteQueryData(consentQueries.list(effectiveSearch(session, search))));
  };
}

export function Component() {
  const session = useSession();
  const [urlSearch, setSearch] = useSearchState(consentSearch);
  const search = effectiveSearch(session, urlSearch);
  const browser = can(session, 'consent.read');
  const reversed = dateRangeError(search);
  const enabled = mayBrowse(session, search) && !reversed;
  const list = usePagedList(useInfiniteQuery({ ...consentQueries.list(search), enabled }));

  return (
    <>
      <PageHeader
        title="Consent records"
        description="Every grant and withdrawal of consent, with the notice the person was shown. Addresses are masked."
        actions={
          browser ? (
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
      {browser ? <PersonSearch /> : null}
      {can(session, 'consent.export') ? <SuppressionExport defaultPurpose={search.purpose} /> : null}
      <ConsentFilters search={search} onChange={setSearch} lookupOnly={!browser} />
      {reversed ? (
        <EmptyState title="Check the dates">{reversed}.</EmptyState>
      ) : !enabled ? (
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
