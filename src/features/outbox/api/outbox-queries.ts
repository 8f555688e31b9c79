import { infiniteQueryOptions } from '@tanstack/react-query';
import { callApi } from '@/lib/api-client';
import type { OutboxSearch } from '@/features/outbox/outbox-search';

const PAGE_SIZE = 50;

export const outboxKeys = {
  all: ['outbox'] as const,
  list: (search: OutboxSearch) => [...outboxKeys.all, 'list', search] as const,
};

export const outboxQueries = {
  list: (search: OutboxSearch) =>
    infiniteQueryOptions({
      queryKey: outboxKeys.list(search),
      queryFn: ({ pageParam, signal }) =>
        callApi('listOutbox', { query: { ...search, cursor: pageParam ?? undefined, limit: PAGE_SIZE }, signal }),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.nextCursor,
    }),
};
