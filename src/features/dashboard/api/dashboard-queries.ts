import { queryOptions } from '@tanstack/react-query';
import { callApi } from '@/lib/api-client';

export const dashboardKeys = {
  all: ['dashboard'] as const,
  summary: () => [...dashboardKeys.all, 'summary'] as const,
};

export const dashboardQueries = {
  /** Every figure on the dashboard, counted by the API in one answer (sections the role may not see are null). */
  summary: () =>
    queryOptions({
      queryKey: dashboardKeys.summary(),
      queryFn: ({ signal }) => callApi('dashboard', { signal }),
      // What needs someone today changes as deadlines pass, without anyone acting.
      refetchInterval: 60_000,
    }),
};
