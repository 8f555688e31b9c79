import { useInfiniteQuery } from '@tanstack/react-query';
import type { RowSelectionState } from '@tanstack/react-table';
import { useState } from 'react';
import { Link } from 'react-router';
import type { DeletionListItem } from '@/api/contract/deletions';
import { buttonVariants } from '@/components/ui/classes';
import { PageHeader } from '@/components/ui/page-header';
import { ListState } from '@/components/ui/states';
import { usePagedList } from '@/lib/paged-list';
import { useSearchState } from '@/lib/search-params';
import { mayEver } from '@/lib/actions';
import { can } from '@/lib/can';
import { useSession } from '@/lib/session';
import { deletionQueries } from '@/features/deletions/api/deletion-queries';
import { BulkApprove } from '@/features/deletions/components/bulk-approve';
import { DeletionFilters } from '@/features/deletions/components/deletion-filters';
import { DeletionTable, overdueFirst } from '@/features/deletions/components/deletion-table';
import { deletionSearch } from '@/features/deletions/deletion-search';
import { useNow } from '@/lib/now';

export function Component() {
  const session = useSession();
  const approver = mayEver(session, 'deletion', 'approve');
  const [search, setSearch] = useSearchState(deletionSearch);
  const list = usePagedList(useInfiniteQuery(deletionQueries.list(search)));
  const now = useNow();
  const requests = overdueFirst(list.items, now);
  const [selection, setSelection] = useState<RowSelectionState>({});
  // Only what is still listed and approvable stays selected, so a filter change cannot approve unseen rows.
  const selected: DeletionListItem[] = requests.filter((r) => selection[r.id] === true && r.actions.approve.allowed);

  return (
    <>
      <PageHeader
        title="Deletions"
        description="Cancelled accounts and erasure requests. A cancelled account's data is gone within 30 days (policy 5.7); a person's request is answered within a month."
        actions={
          can(session, 'deletions.write') ? (
            <Link to="/deletions/new" className={buttonVariants.primary}>
              Record an erasure request
            </Link>
          ) : null
        }
      />
      <DeletionFilters search={search} onChange={setSearch} />
      {approver ? (
        <div className="mb-4">
          <BulkApprove
            selected={selected}
            onDone={(approved) =>
              setSelection((current) => Object.fromEntries(Object.entries(current).filter(([id]) => !approved.includes(id))))
            }
          />
        </div>
      ) : null}
      <ListState
        list={{ ...list, items: requests }}
        loading="Loading deletion requests…"
        noun="requests"
        empty={{ title: 'No deletion requests match', hint: 'Clear a filter to see more.' }}
      >
        {(shown) => (
          <DeletionTable requests={shown} now={now} selection={approver ? { state: selection, onChange: setSelection } : undefined} />
        )}
      </ListState>
    </>
  );
}
