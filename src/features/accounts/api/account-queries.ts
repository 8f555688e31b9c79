import { queryOptions } from '@tanstack/react-query';
import { callApi } from '@/lib/api-client';

export const accountKeys = {
  all: ['accounts'] as const,
  details: () => [...accountKeys.all, 'detail'] as const,
  detail: (id: string) => [...accountKeys.details(), id] as const,
  timeline: (id: string) => [...accountKeys.detail(id), 'timeline'] as const,
};

export const accountQueries = {
  detail: (id: string) =>
    queryOptions({
      queryKey: accountKeys.detail(id),
      queryFn: ({ signal }) => callApi('getAccount', { params: { id }, signal }),
    }),
  /** Everything that happened to the account, from every area, newest first. */
  timeline: (id: string) =>
    queryOptions({
      queryKey: accountKeys.timeline(id),
      queryFn: ({ signal }) => callApi('accountTimeline', { params: { id }, signal }),
    }),
};
