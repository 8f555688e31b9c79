import type { QueryClient } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import type { LoaderFunctionArgs } from 'react-router';

export type RouteLoader = (args: LoaderFunctionArgs) => Promise<null>;

/**
 * A page's loader, made with the query client. Each area keeps its pages' loaders in `route-loaders.ts`, apart
 * from the pages: the route table (src/app/routes.tsx) runs them beside the page's lazy code, not after it.
 */
export type LoaderFactory = (queryClient: QueryClient) => RouteLoader;

/** What a lazily loaded route module exports: the page alone (its loader is in the route table). */
export type RouteModule = { Component: ComponentType };

/**
 * Waits for prefetches so the page renders with its data, but never fails the navigation: a failed
 * query stays in the cache as an error and the page shows it in place, with a way to retry.
 */
export async function settled(...prefetches: Promise<unknown>[]): Promise<null> {
  await Promise.allSettled(prefetches);
  return null;
}
