import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { EmailExportLink } from '@/components/ui/email-export-link';
import { can } from '@/lib/can';
import { useSession } from '@/lib/session';
import { PageHeader } from '@/components/ui/page-header';
import { ListState } from '@/components/ui/states';
import { usePagedList } from '@/lib/paged-list';
import { useSearchState } from '@/lib/search-params';
import { auditQueries } from '@/features/audit/api/audit-queries';
import { AuditFilters } from '@/features/audit/components/audit-filters';
import { AuditTable } from '@/features/audit/components/audit-table';
import { auditSearch, exportHref } from '@/features/audit/audit-search';

export function Component() {
  const [search, setSearch] = useSearchState(auditSearch);
  const list = usePagedList(useInfiniteQuery(auditQueries.list(search)));
  const session = useSession();

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who did what to which record, and when. Entries are never changed or removed."
        actions={
          <>
            <Link to="/audit/integrity" className="rounded-md border border-gray-400 px-3 py-2 text-sm text-gray-900">
              Check integrity
            </Link>
            <EmailExportLink
              href={exportHref(search)}
              filename="audit-events.csv"
              what="the audit events (CSV)"
              canClear={can(session, 'exports.clear_emails')}
            >
              Export CSV
            </EmailExportLink>
          </>
        }
      />
      <AuditFilters search={search} onChange={setSearch} />
      <ListState
        list={list}
        loading="Loading audit events…"
        noun="events"
        empty={{ title: 'No audit events match', hint: 'Clear a filter to see more.' }}
      >
        {(events) => <AuditTable events={events} />}
      </ListState>
    </>
  );
}
