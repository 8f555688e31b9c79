import { queryOptions } from '@tanstack/react-query';
import { request } from '@/lib/api-client';
import { dashboardEndpoint } from './dashboard-check';

export const dashboardKeys = {
  all: ['dashboard'] as const,
  summary: () => [...dashboardKeys.all, 'summary'] as const,
};

export const dashboardQueries = {
  /** Every figure on the dashboard, counted by the API in one answer (sections the role may not see are null). */
  summary: () =>
    queryOptions({
      queryKey: dashboardKeys.summary(),
      // Checked without zod (dashboard-check.ts): the dashboard paints before the contract's schemas load.
      queryFn: ({ signal }) =>
        request(dashboardEndpoint.path, { method: dashboardEndpoint.method, schema: dashboardEndpoint.response, signal }),
      // What needs someone today changes as deadlines pass, without anyone acting.
      refetchInterval: 60_000,
    }),
};
