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

/**
 * Ends the session at the server, goes to the sign-in page, and forgets what the console held but the session:
 * the shell may still be on screen while the sign-in page renders (a transition), and a shell whose session is
 * gone asks the API again without one and gets a 401 thrown into its render. The sign-in page forgets the
 * session once it is on screen (forgetSession).
 */
async function leave(queryClient: QueryClient, end: () => Promise<unknown>, toSignIn: () => Promise<void> | void): Promise<void> {
  try {
    await end();
  } finally {
    getSessionTransport().clear();
    await toSignIn();
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQuery.queryKey[0] });
  }
}

/** The signed-out session, forgotten by the sign-in page once no page that reads it is on screen. */
export function forgetSession(queryClient: QueryClient): void {
  queryClient.removeQueries({ queryKey: sessionQuery.queryKey });
}

/** Signs out of this session. */
export function signOut(queryClient: QueryClient, toSignIn: () => Promise<void> | void): Promise<void> {
  return leave(queryClient, () => callApi('signOut'), toSignIn);
}

/** The caller's own sessions (where and when signed in, last used), for the Sessions page. */
export const ownSessionsQuery = queryOptions({
  queryKey: ['sessions'] as const,
  queryFn: ({ signal }) => callApi('listSessions', { signal }),
});

/** Ends every session of the signed-in user, this one included. */
export function signOutEverywhere(queryClient: QueryClient, toSignIn: () => Promise<void> | void): Promise<void> {
  return leave(queryClient, () => callApi('signOutEverywhere'), toSignIn);
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
