import { QueryClient } from '@tanstack/react-query';
import { matchRoutes } from 'react-router';
import { createRoutes } from '@/app/routes';

/**
 * The loaders the console's router runs for `page` (src/app/routes.tsx), each ready to call with the page's
 * request, over a query client of their own (retries off: a refusal is an answer here).
 */
export function loadersFor(page: URL): (() => Promise<unknown>)[] {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const routes = createRoutes({ queryClient, demo: false });
  const matches = matchRoutes(routes, page.pathname) ?? [];
  const request = () => new Request(page);
  const pattern = matches
    .map((m) => m.route.path ?? '')
    .filter(Boolean)
    .join('/');
  return matches.flatMap(({ route, params }) => {
    const { loader } = route;
    if (typeof loader !== 'function') return [];
    return [async () => loader({ request: request(), url: new URL(page), pattern: `/${pattern}`, params, context: undefined })];
  });
}
