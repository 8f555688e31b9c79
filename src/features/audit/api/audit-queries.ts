import { infiniteQueryOptions } from '@tanstack/react-query';
import { callApi } from '../../../lib/api-client';
import type { AuditSearch } from '../audit-search';

const PAGE_SIZE = 50;

export const auditKeys = {
  all: ['audit'] as const,
  lists: () => [...auditKeys.all, 'list'] as const,
  list: (search: AuditSearch) => [...auditKeys.lists(), search] as const,
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
};
