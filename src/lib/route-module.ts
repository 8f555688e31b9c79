import type { QueryClient } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import type { LoaderFunctionArgs } from 'react-router';

export type RouteLoader = (args: LoaderFunctionArgs) => Promise<null>;

/**
 * What a lazily loaded route module exports. The loader only warms the cache with the same query
 * options the component reads, so the router hands it the query client.
 */
export type RouteModule = {
  Component: ComponentType;
  createLoader?: (queryClient: QueryClient) => RouteLoader;
};

/**
 * Waits for prefetches so the page renders with its data, but never fails the navigation: a failed
 * query stays in the cache as an error and the page shows it in place, with a way to retry.
 */
export async function settled(...prefetches: Promise<unknown>[]): Promise<null> {
  await Promise.allSettled(prefetches);
  return null;
}
