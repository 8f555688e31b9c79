import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { buttonVariants } from '@/components/ui/classes';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, ListState } from '@/components/ui/states';
import { usePagedList } from '@/lib/paged-list';
import { useSearchState } from '@/lib/search-params';
import { can } from '@/lib/can';
import { useSession } from '@/lib/session';
import { consentQueries } from '@/features/consents/api/consent-queries';
import { ConsentFilters } from '@/features/consents/components/consent-filters';
import { PersonSearch } from '@/features/consents/components/person-search';
import { SuppressionExport } from '@/features/consents/components/suppression-export';
import { VirtualConsentTable } from '@/features/consents/components/virtual-consent-table';
import { consentSearch, dateRangeError, effectiveSearch, mayBrowse } from '@/features/consents/consent-search';

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
