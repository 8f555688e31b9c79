import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { callApi } from '@/lib/api-client';
import type { BreachSearch } from '@/features/breaches/breach-search';

const PAGE_SIZE = 50;

export const breachKeys = {
  all: ['breaches'] as const,
  lists: () => [...breachKeys.all, 'list'] as const,
  list: (search: BreachSearch) => [...breachKeys.lists(), search] as const,
  details: () => [...breachKeys.all, 'detail'] as const,
  detail: (id: string) => [...breachKeys.details(), id] as const,
  drafts: (id: string, version: number) => [...breachKeys.detail(id), 'drafts', version] as const,
  systems: () => [...breachKeys.all, 'systems'] as const,
};

export const breachQueries = {
  list: (search: BreachSearch) =>
    infiniteQueryOptions({
      queryKey: breachKeys.list(search),
      queryFn: ({ pageParam }) =>
        callApi('listBreaches', { query: { ...(search.status ? { status: [search.status] } : {}), cursor: pageParam, limit: PAGE_SIZE } }),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last) => last.nextCursor ?? undefined,
    }),
  detail: (id: string) => queryOptions({ queryKey: breachKeys.detail(id), queryFn: () => callApi('getBreach', { params: { id } }) }),
  /** Drafts follow the record: a new version, new drafts. */
  drafts: (id: string, version: number) =>
    queryOptions({ queryKey: breachKeys.drafts(id, version), queryFn: () => callApi('breachDrafts', { params: { id } }) }),
  /** The registry's systems to pick from: processors and our own storage locations. */
  systems: () => queryOptions({ queryKey: breachKeys.systems(), queryFn: () => callApi('listProcessors', { query: {} }) }),
};
