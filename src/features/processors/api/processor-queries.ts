import { queryOptions } from '@tanstack/react-query';
import { callApi } from '../../../lib/api-client';
import type { ProcessorSearch } from '../processor-search';

/** Every key starts with 'processors', so a change can invalidate all of them, or only the lists. */
export const processorKeys = {
  all: ['processors'] as const,
  lists: () => [...processorKeys.all, 'list'] as const,
  list: (search: ProcessorSearch) => [...processorKeys.lists(), search] as const,
  details: () => [...processorKeys.all, 'detail'] as const,
  detail: (id: string) => [...processorKeys.details(), id] as const,
};

export const processorQueries = {
  list: (search: ProcessorSearch) =>
    queryOptions({
      queryKey: processorKeys.list(search),
      queryFn: ({ signal }) => callApi('listProcessors', { query: search, signal }),
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: processorKeys.detail(id),
      queryFn: ({ signal }) => callApi('getProcessor', { params: { id }, signal }),
    }),
};
