import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { buttonVariants } from '@/components/ui/classes';
import { PageHeader } from '@/components/ui/page-header';
import { QueryState } from '@/components/ui/states';
import { useSearchState } from '@/lib/search-params';
import { mayEver } from '@/lib/actions';
import { can } from '@/lib/can';
import { useSession } from '@/lib/session';
import { processorQueries } from '@/features/processors/api/processor-queries';
import { ControllerDetails } from '@/features/processors/components/controller-details';
import { ExportLinks } from '@/features/processors/components/export-links';
import { NoticeSettings } from '@/features/processors/components/notice-settings';
import { ProcessorFilters } from '@/features/processors/components/processor-filters';
import { ProcessorTable } from '@/features/processors/components/processor-table';
import { processorSearch } from '@/features/processors/processor-search';

export function Component() {
  const session = useSession();
  const [search, setSearch] = useSearchState(processorSearch);
  const query = useQuery(processorQueries.list(search));
  const sort = search.sort ? { key: search.sort, dir: search.dir ?? 'asc' } : null;

  return (
    <>
      <PageHeader
        title="Processors"
        description="Third parties that process personal data for us, and our own storage locations (privacy policy 5.5 and 5.7)."
        actions={
          can(session, 'processors.write') ? (
            <Link to="/processors/new" className={buttonVariants.primary}>
              Add processor
            </Link>
          ) : undefined
        }
      />
      <div className="mb-4">
        <ExportLinks canExportRegistry={can(session, 'processors.export')} />
      </div>
      {can(session, 'settings.read') ? <ControllerDetails /> : null}
      {mayEver(session, 'settings', 'update') ? <NoticeSettings /> : null}
      <ProcessorFilters search={search} onChange={setSearch} />
      <QueryState
        query={query}
        loading="Loading processors…"
        empty={{ title: 'No processors match these filters', hint: 'Clear a filter to see more.', when: (page) => page.items.length === 0 }}
      >
        {(page) => <ProcessorTable processors={page.items} sort={sort} onSort={(next) => setSearch({ sort: next.key, dir: next.dir })} />}
      </QueryState>
    </>
  );
}
