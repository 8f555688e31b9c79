import type { QueryClient } from '@tanstack/react-query';
import { QueryClientProvider } from '@tanstack/react-query';
import type { Session } from '@/api/contract/users';
import type { DataRouter, RouteObject } from 'react-router';
import { RouterProvider } from 'react-router';
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
};

/** Wires the query client and the router to each other: a 401 anywhere sends the user to sign in. */
export function createConsole({ demo, createRouter, configure, session }: ConsoleOptions): {
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
