import type { LoaderFactory } from '@/lib/route-module';
import { dashboardQueries } from '@/features/dashboard/api/dashboard-queries';

export const loaders = {
  // Not awaited: the page shows its skeleton at once and fills in when the counts arrive.
  summary: (queryClient) => () => {
    void queryClient.prefetchQuery(dashboardQueries.summary());
    return Promise.resolve(null);
  },
} satisfies Record<string, LoaderFactory>;
