import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';

/** One page of a list endpoint, as the contract's `page()` answers it. */
type AnyPage = { items: unknown[]; total?: number };

/**
 * A cursor-paged list from its infinite query: the items in one array (the same array until an answer
 * changes it), the total the API counted, and a `loadMore` that asks for one next page at a time.
 */
export function usePagedList<P extends AnyPage>(query: UseInfiniteQueryResult<InfiniteData<P>>) {
  const { data, hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  const items = useMemo((): P['items'] => data?.pages.flatMap((page) => page.items) ?? [], [data]);
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  return { query, items, total: data?.pages[0]?.total, loadMore };
}
