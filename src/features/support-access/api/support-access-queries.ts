import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { callApi } from '../../../lib/api-client';
import type { SupportAccessSearch } from '../support-access-search';

const PAGE_SIZE = 50;

export const supportAccessKeys = {
  all: ['support-access'] as const,
  lists: () => [...supportAccessKeys.all, 'list'] as const,
  list: (search: SupportAccessSearch) => [...supportAccessKeys.lists(), search] as const,
  details: () => [...supportAccessKeys.all, 'detail'] as const,
  detail: (id: string) => [...supportAccessKeys.details(), id] as const,
};

export const supportAccessQueries = {
  list: ({ status, ...search }: SupportAccessSearch) =>
    infiniteQueryOptions({
      queryKey: supportAccessKeys.list({ status, ...search }),
      queryFn: ({ pageParam, signal }) =>
        callApi('listSupportAccess', {
          query: { ...search, status: status ? [status] : undefined, cursor: pageParam ?? undefined, limit: PAGE_SIZE },
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
};
