import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { callApi } from '@/lib/api-client';
import type { AuditSearch } from '@/features/audit/audit-search';

const PAGE_SIZE = 50;

export const auditKeys = {
  all: ['audit'] as const,
  lists: () => [...auditKeys.all, 'list'] as const,
  list: (search: AuditSearch) => [...auditKeys.lists(), search] as const,
  staff: () => [...auditKeys.all, 'staff'] as const,
  chain: () => [...auditKeys.all, 'chain'] as const,
  verification: () => [...auditKeys.all, 'chain', 'verification'] as const,
};

export const auditQueries = {
  list: (search: AuditSearch) =>
    infiniteQueryOptions({
      queryKey: auditKeys.list(search),
      queryFn: ({ pageParam, signal }) =>
        callApi('listAuditEvents', { query: { ...search, cursor: pageParam ?? undefined, limit: PAGE_SIZE }, signal }),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.nextCursor,
    }),
  /** The hash chains' heads and daily anchors. */
  chain: () => queryOptions({ queryKey: auditKeys.chain(), queryFn: ({ signal }) => callApi('auditChainStatus', { signal }) }),
  /** A full check of both chains: run when asked (it reads every event), never on its own. */
  verification: () =>
    queryOptions({
      queryKey: auditKeys.verification(),
      queryFn: ({ signal }) => callApi('verifyAuditChain', { signal }),
      enabled: false,
      staleTime: Infinity,
    }),
  /** The staff, for the actor filter. */
  staff: () =>
    queryOptions({
      queryKey: auditKeys.staff(),
      queryFn: ({ signal }) => callApi('listStaff', { signal }),
      staleTime: 5 * 60_000,
    }),
};
