import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useCallback } from 'react';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { buttonVariants } from '@/components/ui/classes';
import { PageHeader } from '@/components/ui/page-header';
import { Section } from '@/components/ui/section';
import { ListState } from '@/components/ui/states';
import { usePagedList } from '@/lib/paged-list';
import { useSearchState } from '@/lib/search-params';
import { can } from '@/lib/can';
import { useSession } from '@/lib/session';
import type { SupportAccessListParams } from '@/features/support-access/api/support-access-queries';
import { listParamsOf, supportAccessKeys, supportAccessQueries } from '@/features/support-access/api/support-access-queries';
import { grantsParams, queueParams } from '@/features/support-access/route-loaders';
import { SupportAccessFilters } from '@/features/support-access/components/support-access-filters';
import type { TableVariant } from '@/features/support-access/components/support-access-table';
import { SupportAccessTable } from '@/features/support-access/components/support-access-table';
import { supportAccessSearch } from '@/features/support-access/support-access-search';
import { useNow } from '@/lib/now';

type SectionProps = {
  title: string;
  caption: string;
  variant: TableVariant;
  params: SupportAccessListParams;
  empty: string;
  description?: string;
  onElapsed: () => void;
  children?: ReactNode;
};

function RequestSection({ title, caption, variant, params, empty, description, onElapsed, children }: SectionProps) {
  const list = usePagedList(useInfiniteQuery(supportAccessQueries.list(params)));
  const now = useNow();
  return (
    <Section title={title} description={description}>
      {children}
      <ListState list={list} loading={`Loading ${title.toLowerCase()}…`} rows={3} noun="requests" empty={{ title: empty }}>
        {(requests) => <SupportAccessTable caption={caption} variant={variant} requests={requests} now={now} onElapsed={onElapsed} />}
      </ListState>
    </Section>
  );
}

function History({
  title,
  caption,
  withAgents,
  onElapsed,
}: {
  title: string;
  caption: string;
  withAgents: boolean;
  onElapsed: () => void;
}) {
  const [search, setSearch] = useSearchState(supportAccessSearch);
  const params = listParamsOf(search);
  // Filtering by agent needs the staff list, which not every role may read.
  const staff = useQuery({ ...supportAccessQueries.agents(), enabled: withAgents });
  const agents = withAgents ? (staff.data?.items ?? []) : undefined;
  return (
    <RequestSection
      title={title}
      caption={caption}
      variant="history"
      params={params}
      empty="No support-access requests match"
      onElapsed={onElapsed}
    >
      <SupportAccessFilters search={search} onChange={setSearch} agents={agents} />
      {search.account ? (
        <p className="text-sm text-gray-700">
          Showing one account’s requests.{' '}
          <Button variant="ghost" onClick={() => setSearch({ account: undefined })}>
            Show every account
          </Button>
        </p>
      ) : null}
    </RequestSection>
  );
}

export function Component() {
  const session = useSession();
  const queryClient = useQueryClient();
  // The server decides what a reached deadline means; the page only asks again.
  const onElapsed = useCallback(() => void queryClient.invalidateQueries({ queryKey: supportAccessKeys.lists() }), [queryClient]);
  // An agent sees only their own requests: the page speaks of "yours" and has no queue.
  const agent = !can(session, 'access.read_all');

  return (
    <>
      <PageHeader
        title="Support access"
        description={
          agent
            ? 'Your requests to enter a customer’s cloud instance. Each needs the customer’s consent and an officer’s approval.'
            : 'Requests by support agents to enter a customer’s cloud instance, and the time-limited grants they became.'
        }
        actions={
          can(session, 'access.request') ? (
            <Link to="/support-access/new" className={buttonVariants.primary}>
              New request
            </Link>
          ) : undefined
        }
      />
      <div className="space-y-10">
        {agent ? null : (
          <RequestSection
            title="Awaiting approval"
            caption="Requests awaiting approval"
            variant="queue"
            params={queueParams}
            description="Oldest first. A request not decided within 12 hours expires."
            empty="Nothing awaits approval"
            onElapsed={onElapsed}
          />
        )}
        <RequestSection
          title={agent ? 'Your active grants' : 'Active grants'}
          caption="Active grants and the time they have left"
          variant="grants"
          params={grantsParams}
          description="Soonest ending first."
          empty="No active grants"
          onElapsed={onElapsed}
        />
        <History
          title={agent ? 'Your requests' : 'History'}
          caption="Support-access requests"
          withAgents={can(session, 'staff.read')}
          onElapsed={onElapsed}
        />
      </div>
    </>
  );
}
