import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiRequestError } from './api-client';

declare module '@tanstack/react-query' {
  interface Register {
    /** `errorHandling: 'local'`: the caller shows the error itself (a form), so no toast or redirect. */
    queryMeta: { errorHandling?: 'local' };
    mutationMeta: { errorHandling?: 'local' };
  }
}

export type QueryClientHooks = {
  /** A 401: the session is gone. The app sends the user to sign in and back. */
  onUnauthenticated: () => void;
  /** Any other failure worth telling the user about. */
  notify: (message: string) => void;
};

const MAX_RETRIES = 2;

function shouldRetry(failureCount: number, error: Error): boolean {
  // A 4xx answer will not change on its own; a network blip or a 5xx may.
  if (error instanceof ApiRequestError && error.status >= 400 && error.status < 500) return false;
  return failureCount < MAX_RETRIES;
}

function messageOf(error: Error): string {
  return error instanceof ApiRequestError ? error.message : 'Something went wrong. Please try again.';
}

export function createQueryClient({ onUnauthenticated, notify }: QueryClientHooks): QueryClient {
  const handle = (error: Error, local: boolean, toast: boolean) => {
    if (error instanceof ApiRequestError && error.status === 401 && !local) {
      onUnauthenticated();
      return;
    }
    if (!local && toast) notify(messageOf(error));
  };
  return new QueryClient({
    queryCache: new QueryCache({
      // A query that has no data yet shows its own error state with a retry button in place; a toast
      // is for a refetch that failed behind data still on screen (TkDodo, "React Query Error Handling").
      onError: (error, query) => handle(error, query.meta?.errorHandling === 'local', query.state.data !== undefined),
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _result, mutation) => handle(error, mutation.options.meta?.errorHandling === 'local', true),
    }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}

/** Settles when no query of `queryClient` is fetching (a loader may start a read it does not wait for). */
export async function queriesIdle(queryClient: QueryClient): Promise<void> {
  while (queryClient.isFetching() > 0) {
    await new Promise<void>((resolve) => {
      const unsubscribe = queryClient.getQueryCache().subscribe(() => {
        if (queryClient.isFetching() > 0) return;
        unsubscribe();
        resolve();
      });
    });
  }
}
