import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { AccessStatus } from '@/api/contract/support-access';
import { callApi } from '@/lib/api-client';
import type { SupportAccessSearch } from '@/features/support-access/support-access-search';

const PAGE_SIZE = 50;
const ACCOUNT_PAGE_SIZE = 20;

/** One list of requests as the API takes it: the history's URL filters, or a fixed view (queue, grants). */
export type SupportAccessListParams = {
  status?: readonly AccessStatus[];
  requesterId?: string;
  accountId?: string;
  from?: string;
  to?: string;
  sort?: 'newest' | 'oldest' | 'ending';
  q?: string;
  awaiting?: 'consent' | 'approval';
  endingWithinHours?: number;
};

export function listParamsOf({ status, agent, account, ending, ...rest }: SupportAccessSearch): SupportAccessListParams {
  return {
    ...rest,
    status: status ? [status] : undefined,
    requesterId: agent,
    accountId: account,
    endingWithinHours: ending ? Number(ending) : undefined,
  };
}

export const supportAccessKeys = {
  all: ['support-access'] as const,
  lists: () => [...supportAccessKeys.all, 'list'] as const,
  list: (params: SupportAccessListParams) => [...supportAccessKeys.lists(), params] as const,
  details: () => [...supportAccessKeys.all, 'detail'] as const,
  detail: (id: string) => [...supportAccessKeys.details(), id] as const,
  // The accounts an agent may ask about, as this feature shows them (picker, people who may consent).
  accounts: () => [...supportAccessKeys.all, 'accounts'] as const,
  accountSearch: (q: string) => [...supportAccessKeys.accounts(), 'search', q] as const,
  account: (id: string) => [...supportAccessKeys.accounts(), 'detail', id] as const,
  agents: () => [...supportAccessKeys.all, 'agents'] as const,
};

export const supportAccessQueries = {
  list: (params: SupportAccessListParams) =>
    infiniteQueryOptions({
      queryKey: supportAccessKeys.list(params),
      queryFn: ({ pageParam, signal }) =>
        callApi('listSupportAccess', {
          query: { ...params, status: params.status ? [...params.status] : undefined, cursor: pageParam ?? undefined, limit: PAGE_SIZE },
          signal,
        }),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.nextCursor,
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: supportAccessKeys.detail(id),
      queryFn: ({ signal }) => callApi('getSupportAccess', { params: { id }, signal }),
    }),
  accountSearch: (q: string) =>
    queryOptions({
      queryKey: supportAccessKeys.accountSearch(q),
      queryFn: ({ signal }) => callApi('listAccounts', { query: { q: q || undefined, limit: ACCOUNT_PAGE_SIZE }, signal }),
    }),
  agents: () =>
    queryOptions({
      queryKey: supportAccessKeys.agents(),
      queryFn: ({ signal }) => callApi('listStaff', { query: { role: 'support_agent' }, signal }),
      staleTime: 5 * 60_000,
    }),
  account: (id: string) =>
    queryOptions({
      queryKey: supportAccessKeys.account(id),
      queryFn: ({ signal }) => callApi('getAccount', { params: { id }, signal }),
    }),
};
