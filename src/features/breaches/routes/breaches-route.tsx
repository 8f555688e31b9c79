import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { breachStatuses } from '@/api/contract/breaches';
import { buttonVariants, linkClass } from '@/components/ui/classes';
import { SelectField } from '@/components/ui/fields';
import { PageHeader } from '@/components/ui/page-header';
import { ListState } from '@/components/ui/states';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { can } from '@/lib/can';
import { formatDateTime, humanize } from '@/lib/format';
import { usePagedList } from '@/lib/paged-list';
import { useSearchState } from '@/lib/search-params';
import { useSession } from '@/lib/session';
import { breachQueries } from '@/features/breaches/api/breach-queries';
import { breachSearch } from '@/features/breaches/breach-search';
import { BreachClocks, BreachStatusBadge } from '@/features/breaches/components/breach-labels';

export function Component() {
  const session = useSession();
  const [search, setSearch] = useSearchState(breachSearch);
  const query = useInfiniteQuery(breachQueries.list(search));
  const list = usePagedList(query);
  return (
    <>
      <PageHeader
        title="Breaches"
        description="Every personal data breach, notified or not (GDPR Art. 33(5)): the 72-hour clock from when we became aware, who is affected, the risk assessment and every notice sent (policy 5.6)."
        actions={
          can(session, 'breaches.write') ? (
            <Link to="/breaches/new" className={buttonVariants.primary}>
              Record a breach
            </Link>
          ) : null
        }
      />
      <div className="mb-4 max-w-xs">
        <SelectField
          label="Status"
          emptyLabel="Any status"
          options={breachStatuses.map((value) => ({ value, label: humanize(value) }))}
          value={search.status ?? ''}
          onChange={(event) => setSearch({ status: event.target.value || undefined })}
        />
      </div>
      <ListState
        list={list}
        loading="Loading breaches…"
        noun="breaches"
        empty={{ title: 'No breaches match', hint: 'Clear the filter to see more.' }}
      >
        {(items) => (
          <Table caption="Breaches, most recently discovered first">
            <THead>
              <Th>Breach</Th>
              <Th>Status</Th>
              <Th>Became aware</Th>
              <Th>Clocks</Th>
            </THead>
            <TBody>
              {items.map((b) => (
                <tr key={b.id}>
                  <Td>
                    <Link to={`/breaches/${encodeURIComponent(b.id)}`} className={linkClass}>
                      {b.title}
                    </Link>
                  </Td>
                  <Td>
                    <BreachStatusBadge status={b.status} />
                  </Td>
                  <Td>
                    <time dateTime={b.awareAt}>{formatDateTime(b.awareAt)}</time>
                  </Td>
                  <Td>
                    <BreachClocks breach={b} receivedAt={query.dataUpdatedAt} />
                  </Td>
                </tr>
              ))}
            </TBody>
          </Table>
        )}
      </ListState>
    </>
  );
}
