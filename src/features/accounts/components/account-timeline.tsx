import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { TimelineItem } from '@/api/contract/accounts';
import type { BadgeTone } from '@/components/ui/badge';
import { Badge } from '@/components/ui/badge';
import { linkClass } from '@/components/ui/classes';
import { QueryState } from '@/components/ui/states';
import { formatDateTime } from '@/lib/format';
import { accountQueries } from '@/features/accounts/api/account-queries';

const kindLabels: Record<TimelineItem['kind'], { label: string; tone: BadgeTone }> = {
  account: { label: 'Account', tone: 'neutral' },
  consent_event: { label: 'Consent', tone: 'info' },
  support_access_request: { label: 'Support access', tone: 'warning' },
  deletion_request: { label: 'Deletion', tone: 'danger' },
  deletion_task: { label: 'Deletion task', tone: 'danger' },
  breach: { label: 'Breach', tone: 'danger' },
};

const recordPaths: Record<TimelineItem['recordType'], string> = {
  account: '/accounts',
  subject: '/subjects',
  support_access_request: '/support-access',
  deletion_request: '/deletions',
  breach: '/breaches',
};

function hrefOf(item: TimelineItem): string {
  return `${recordPaths[item.recordType]}/${encodeURIComponent(item.recordId)}`;
}

/** One list, newest first, of the account's consent events, support access and deletion, each linked. */
export function AccountTimeline({ id }: { id: string }) {
  const query = useQuery(accountQueries.timeline(id));
  return (
    <QueryState
      query={query}
      loading="Loading the timeline…"
      rows={4}
      empty={{ title: 'Nothing has happened to this account yet', when: (timeline) => timeline.items.length === 0 }}
    >
      {(timeline) => <TimelineList items={timeline.items} truncated={timeline.truncated} />}
    </QueryState>
  );
}

function TimelineList({ items, truncated }: { items: readonly TimelineItem[]; truncated: boolean }) {
  return (
    <>
      <ol aria-label="Timeline, newest first" className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white shadow-xs">
        {items.map((item, index) => {
          const kind = kindLabels[item.kind];
          return (
            <li key={`${item.kind}-${item.recordId}-${item.at}-${index}`} className="flex flex-wrap items-start gap-x-4 gap-y-1 px-4 py-3">
              <time dateTime={item.at} className="w-44 shrink-0 text-sm whitespace-nowrap text-gray-600">
                {formatDateTime(item.at)}
              </time>
              <div className="min-w-0 flex-1 text-sm">
                <Badge tone={kind.tone}>{kind.label}</Badge>{' '}
                <Link to={hrefOf(item)} className={linkClass}>
                  {item.title}
                </Link>
                {item.detail ? <p className="mt-0.5 text-gray-700">{item.detail}</p> : null}
              </div>
            </li>
          );
        })}
      </ol>
      {truncated ? <p className="mt-2 text-sm text-gray-600">Showing the newest {items.length} entries; older ones are left off.</p> : null}
    </>
  );
}
