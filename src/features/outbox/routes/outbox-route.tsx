import { useInfiniteQuery } from '@tanstack/react-query';
import { mailStatuses } from '@/api/contract/mail';
import { PageHeader } from '@/components/ui/page-header';
import { ListState } from '@/components/ui/states';
import { usePagedList } from '@/lib/paged-list';
import { useSearchState } from '@/lib/search-params';
import { outboxQueries } from '@/features/outbox/api/outbox-queries';
import { OutboxTable } from '@/features/outbox/components/outbox-table';
import { outboxSearch } from '@/features/outbox/outbox-search';

const statusChoices: Record<(typeof mailStatuses)[number], string> = { queued: 'Waiting', sent: 'Sent', failed: 'Failed' };

export function Component() {
  const [search, setSearch] = useSearchState(outboxSearch);
  const list = usePagedList(useInfiniteQuery(outboxQueries.list(search)));
  return (
    <>
      <PageHeader
        title="Outbox"
        description="Every email the console sends: what, to whom, and whether the mail server took it. In the demo nothing leaves this browser."
      />
      <div className="mb-4">
        <label htmlFor="outbox-status" className="block text-sm font-medium text-gray-700">
          Status
        </label>
        <select
          id="outbox-status"
          className="mt-1 rounded-md border border-gray-400 bg-white px-3 py-2 text-sm"
          value={search.status ?? ''}
          onChange={(event) => {
            const value = event.target.value;
            setSearch({ status: mailStatuses.find((s) => s === value) });
          }}
        >
          <option value="">Any</option>
          {mailStatuses.map((s) => (
            <option key={s} value={s}>
              {statusChoices[s]}
            </option>
          ))}
        </select>
      </div>
      <ListState
        list={list}
        loading="Loading the outbox…"
        noun="messages"
        empty={{ title: 'No messages', hint: 'Nothing has been sent yet.' }}
      >
        {(messages) => <OutboxTable messages={messages} />}
      </ListState>
    </>
  );
}
