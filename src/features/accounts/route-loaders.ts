import type { LoaderFactory } from '@/lib/route-module';
import { settled } from '@/lib/route-module';
import { accountQueries } from '@/features/accounts/api/account-queries';

export const loaders = {
  detail:
    (queryClient) =>
    ({ params }) =>
      settled(
        queryClient.ensureQueryData(accountQueries.detail(params.id ?? '')),
        queryClient.ensureQueryData(accountQueries.timeline(params.id ?? '')),
      ),
} satisfies Record<string, LoaderFactory>;
