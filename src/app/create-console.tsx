import type { QueryClient } from '@tanstack/react-query';
import { QueryClientProvider } from '@tanstack/react-query';
import type { Session } from '@/api/contract/users';
import type { DataRouter, RouteObject } from 'react-router';
import { RouterProvider } from 'react-router';
import { callApi } from '@/lib/api-client';
import { keepDraftsForSignIn } from '@/lib/form-drafts';
import { createQueryClient } from '@/lib/query-client';
import { sessionQuery } from '@/lib/session';
import { getSessionTransport } from '@/lib/session-transport';
import { toasts } from '@/lib/toast';
import { createRoutes } from './routes';
import { signInPath } from './safe-next';

type ConsoleOptions = {
  demo: boolean;
  /** `createBrowserRouter` in the page, `createMemoryRouter` in tests. */
  createRouter: (routes: RouteObject[]) => DataRouter;
  /** Tests adjust the client (retry off) before anything runs. */
  configure?: (queryClient: QueryClient) => void;
  /** The session already known (signed in just now, or written into the page by the server): no request for it. */
  session?: Session;
  /**
   * The session on its way (the demo's API worker answers it once its data is in): the router starts the page's
   * loaders at once, and they wait for it instead of asking. Settling without one (no token, or a refused one),
   * the console asks the API as it would without it.
   */
  pendingSession?: Promise<Session | undefined>;
};

/** Wires the query client and the router to each other: a 401 anywhere sends the user to sign in. */
export function createConsole({ demo, createRouter, configure, session, pendingSession }: ConsoleOptions): {
  queryClient: QueryClient;
  router: DataRouter;
} {
  let router: DataRouter | null = null;
  const queryClient = createQueryClient({
    onUnauthenticated: () => {
      if (!router || router.state.location.pathname === '/sign-in') return;
      keepDraftsForSignIn();
      getSessionTransport().clear();
      queryClient.removeQueries({ queryKey: sessionQuery.queryKey });
      void router.navigate(signInPath(router.state.location));
    },
    notify: (message) => toasts.show(message),
  });
  configure?.(queryClient);
  if (session) queryClient.setQueryData(sessionQuery.queryKey, session);
  else if (pendingSession) {
    void queryClient.prefetchQuery({
      ...sessionQuery,
      queryFn: async ({ signal }) => (await pendingSession) ?? callApi('currentSession', { signal }),
    });
  }
  router = createRouter(createRoutes({ queryClient, demo }));
  return { queryClient, router };
}

export function ConsoleApp({ queryClient, router }: { queryClient: QueryClient; router: DataRouter }) {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
