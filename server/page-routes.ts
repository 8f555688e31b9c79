import { QueryClientProvider } from '@tanstack/react-query';
import { createElement, StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import type { RouteObject } from 'react-router';
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router';
import { createRoutes } from '@/app/routes';
import { drawInZone } from '@/lib/format';
import { setDrawnAt } from '@/lib/now';
import { createQueryClient, queriesIdle } from '@/lib/query-client';
import { sessionQuery } from '@/lib/session';
import { sessionCheck } from '@/lib/session-check';

/**
 * A console page whose loaders have run: `render` draws it from what they read, as of `drawnAt`, with its
 * instants in the reader's time zone (as the browser told it, src/lib/zone-cookie.ts).
 */
export type PageRun = { render(readerZone?: string): { markup: string; drawnAt: number } | null };

/**
 * Pages the server does not draw: a form's first values may come from a draft kept in the tab's
 * sessionStorage (src/lib/form-drafts.ts), which only the browser can read.
 */
const FORM_PAGE = /\/(new|edit)$/;

/**
 * Runs the loaders the console's router runs for `page` (src/app/routes.tsx), with the visitor's session
 * already known, over a query client configured as the browser's (src/lib/query-client.ts) but without
 * retries (a refusal is an answer here). The page is then drawn by the same routes the browser hydrates
 * (src/app/start-console.tsx); none is drawn for a redirect, a failed loader, or a form page.
 */
export async function runPage(page: URL, session: unknown): Promise<PageRun> {
  const queryClient = createQueryClient({ onUnauthenticated: () => undefined, notify: () => undefined });
  queryClient.setDefaultOptions({
    ...queryClient.getDefaultOptions(),
    queries: { ...queryClient.getDefaultOptions().queries, retry: false },
  });
  const parsed = sessionCheck.safeParse(session);
  if (parsed.success) queryClient.setQueryData(sessionQuery.queryKey, parsed.data);
  const handler = createStaticHandler(createRoutes({ queryClient, demo: false }));
  const context = await handler.query(new Request(page));
  await queriesIdle(queryClient);
  const drawable = parsed.success && !(context instanceof Response) && !context.errors && !FORM_PAGE.test(page.pathname);
  return {
    render(readerZone) {
      if (!drawable) return null;
      const router = createStaticRouter(handler.dataRoutes, context);
      // The time every "days left" is drawn as of; the browser hydrates as of the same (src/lib/now.ts).
      // renderToString runs to its end at once, so no other page is drawn in between.
      const drawnAt = Date.now();
      setDrawnAt(drawnAt);
      // createElement, not JSX: the server's files are not compiled as the browser's (tsconfig.json covers src/).
      const markup = drawInZone(readerZone, () =>
        renderToString(
          createElement(
            StrictMode,
            null,
            createElement(
              QueryClientProvider,
              { client: queryClient },
              createElement(StaticRouterProvider, { router, context, hydrate: false }),
            ),
          ),
        ),
      );
      setDrawnAt(null);
      return { markup, drawnAt };
    },
  };
}

/** Loads every page's code ahead of the first visit (the server calls it as it starts serving the console). */
export async function warmRoutes(): Promise<void> {
  const queryClient = createQueryClient({ onUnauthenticated: () => undefined, notify: () => undefined });
  const lazies: (() => Promise<unknown>)[] = [];
  const walk = (routes: RouteObject[]) => {
    for (const route of routes) {
      if (typeof route.lazy === 'function') lazies.push(route.lazy);
      if (route.children) walk(route.children);
    }
  };
  walk(createRoutes({ queryClient, demo: false }));
  await Promise.allSettled(lazies.map((load) => load()));
}
