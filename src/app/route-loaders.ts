import { queryOptions } from '@tanstack/react-query';
import { callApi } from '@/lib/api-client';
import type { LoaderFactory } from '@/lib/route-module';
import { settled } from '@/lib/route-module';
import { ownSessionsQuery } from '@/lib/session';

export const userAccountsQuery = queryOptions({
  queryKey: ['user-accounts'] as const,
  queryFn: ({ signal }) => callApi('listUserAccounts', { signal }),
});

export const ownMfaQuery = queryOptions({
  queryKey: ['me', 'mfa'] as const,
  queryFn: ({ signal }) => callApi('ownMfa', { signal }),
});

/** The console's own pages' loaders (users, security, sessions), beside the features' in src/app/routes.tsx. */
export const loaders = {
  users: (queryClient) => () => settled(queryClient.ensureQueryData(userAccountsQuery)),
  security: (queryClient) => () => settled(queryClient.ensureQueryData(ownMfaQuery)),
  sessions: (queryClient) => () => settled(queryClient.ensureQueryData(ownSessionsQuery)),
} satisfies Record<string, LoaderFactory>;
