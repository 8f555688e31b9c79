import { queryOptions } from '@tanstack/react-query';
import { callApi } from '@/lib/api-client';
import type { ProcessorSearch } from '@/features/processors/processor-search';
import { processorFilters } from '@/features/processors/processor-search';

/** Every key starts with 'processors', so a change can invalidate all of them, or only the lists. */
export const processorKeys = {
  all: ['processors'] as const,
  lists: () => [...processorKeys.all, 'list'] as const,
  list: (filters: Omit<ProcessorSearch, 'sort' | 'dir'>) => [...processorKeys.lists(), filters] as const,
  details: () => [...processorKeys.all, 'detail'] as const,
  detail: (id: string) => [...processorKeys.details(), id] as const,
  history: (id: string) => [...processorKeys.all, 'history', id] as const,
  dataSummary: (id: string) => [...processorKeys.all, 'data-summary', id] as const,
  settings: () => [...processorKeys.all, 'settings'] as const,
  recordOfProcessing: () => [...processorKeys.all, 'record-of-processing'] as const,
  dpaDocument: (id: string) => [...processorKeys.all, 'dpa-document', id] as const,
};

export const processorQueries = {
  list: (search: ProcessorSearch) => {
    const filters = processorFilters(search);
    return queryOptions({
      queryKey: processorKeys.list(filters),
      queryFn: ({ signal }) => callApi('listProcessors', { query: filters, signal }),
    });
  },
  detail: (id: string) =>
    queryOptions({
      queryKey: processorKeys.detail(id),
      queryFn: ({ signal }) => callApi('getProcessor', { params: { id }, signal }),
    }),
  dataSummary: (id: string) =>
    queryOptions({
      queryKey: processorKeys.dataSummary(id),
      queryFn: ({ signal }) => callApi('processorDataSummary', { params: { id }, signal }),
    }),
  history: (id: string) =>
    queryOptions({
      queryKey: processorKeys.history(id),
      queryFn: ({ signal }) => callApi('processorHistory', { params: { id }, query: { limit: 100 }, signal }),
    }),
  recordOfProcessing: () =>
    queryOptions({
      queryKey: processorKeys.recordOfProcessing(),
      queryFn: ({ signal }) => callApi('recordOfProcessing', { signal }),
    }),
  dpaDocument: (id: string) =>
    queryOptions({
      queryKey: processorKeys.dpaDocument(id),
      queryFn: ({ signal }) => callApi('getDpaDocument', { params: { id }, signal }),
    }),
  settings: () =>
    queryOptions({
      queryKey: processorKeys.settings(),
      queryFn: ({ signal }) => callApi('getSettings', { signal }),
    }),
};
