import type { QueryClient } from '@tanstack/react-query';
import { queryOptions, useSuspenseQuery } from '@tanstack/react-query';
import type { Session, User } from '@/api/contract/users';
import { callApi } from './api-client';
import type { Zones } from './format';
import { readerTimeZone } from './format';
import { getSessionTransport } from './session-transport';

export const sessionQuery = queryOptions({
  queryKey: ['session'] as const,
  queryFn: ({ signal }) => callApi('currentSession', { signal }),
  staleTime: Infinity,
  // The auth guard turns a 401 here into the sign-in page itself.
  meta: { errorHandling: 'local' },
});

export async function signOut(queryClient: QueryClient): Promise<void> {
  try {
    await callApi('signOut');
  } finally {
    getSessionTransport().clear();
    queryClient.clear();
  }
}

/** The caller's own sessions (where and when signed in, last used), for the Sessions page. */
export const ownSessionsQuery = queryOptions({
  queryKey: ['sessions'] as const,
  queryFn: ({ signal }) => callApi('listSessions', { signal }),
});

/** Ends every session of the signed-in user, this one included. */
export async function signOutEverywhere(queryClient: QueryClient): Promise<void> {
  try {
    await callApi('signOutEverywhere');
  } finally {
    getSessionTransport().clear();
    queryClient.clear();
  }
}

/** What the sign-in page may say before anyone signs in: whether this server holds the demo users. */
export const signInInfoQuery = queryOptions({
  queryKey: ['health'] as const,
  queryFn: ({ signal }) => callApi('health', { signal }),
  staleTime: 60_000,
  retry: false,
  meta: { errorHandling: 'local' },
});

/** The session: the signed-in user and their permissions (ask `can()`). Only inside the auth guard, which has loaded it. */
export function useSession(): Session {
  return useSuspenseQuery(sessionQuery).data;
}

/** The signed-in user. Only inside the auth guard, which has loaded the session before rendering. */
export function useCurrentUser(): User {
  return useSession().user;
}

/** Where deadlines are counted (the company's zone, from the session) and where the reader reads them. */
export function useZones(): Zones {
  const { timeZone } = useSession();
  const reader = readerTimeZone();
  return { company: timeZone ?? reader, reader };
}
