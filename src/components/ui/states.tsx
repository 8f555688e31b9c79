import type { ReactNode } from 'react';
import { isApiError } from '@/lib/api-client';
import { formatCount } from '@/lib/format';
import { Button } from './button';

function LoadingState({ label = 'Loading…', rows = 5 }: { label?: string; rows?: number }) {
  return (
    <div aria-busy="true" className="rounded-lg border border-gray-200 bg-white p-4 shadow-xs">
      <p role="status" className="mb-3 text-sm text-gray-600">
        {label}
      </p>
      <div className="space-y-3" aria-hidden="true">
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="h-4 animate-pulse rounded bg-gray-200 motion-reduce:animate-none" />
        ))}
      </div>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10 text-center">
      <p className="text-base font-medium text-gray-900">{title}</p>
      {children ? <div className="mt-2 text-sm text-gray-600">{children}</div> : null}
    </div>
  );
}

function explain(error: unknown): { title: string; detail: string; retry: boolean } {
  if (isApiError(error, 403)) {
    return { title: 'Not available to your role', detail: error.message, retry: false };
  }
  if (isApiError(error, 404)) {
    return { title: 'Not found', detail: 'Nothing exists at this address. It may have been removed, or the link is wrong.', retry: false };
  }
  // Trying the same request again only helps when the network or the server failed.
  if (isApiError(error)) return { title: 'Could not load this', detail: error.message, retry: error.status === 0 || error.status >= 500 };
  return { title: 'Could not load this', detail: 'Something went wrong. Please try again.', retry: true };
}

/** A failed load, in place of the content, with a way to try again when trying again can help. */
function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { title, detail, retry } = explain(error);
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 px-6 py-6 text-red-900">
      <p className="font-semibold">{title}</p>
      <p className="mt-1 text-sm">{detail}</p>
      {retry && onRetry ? (
        <Button className="mt-4" onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </div>
  );
}

/** What the states need of a query; TanStack Query's result has it. */
type QueryStatus<T> = { data: T | undefined; isError: boolean; error: unknown; refetch: () => unknown };

type Empty = { title: string; hint?: ReactNode };

type QueryStateProps<T> = {
  query: QueryStatus<T>;
  /** Said while it loads: "Loading the processor…". */
  loading: string;
  rows?: number;
  /** Shown while it loads instead of the generic placeholder, in the content's own shape. */
  placeholder?: ReactNode;
  /** Said instead of the content when the answer holds nothing. */
  empty?: Empty & { when: (data: T) => boolean };
  children: (data: T) => ReactNode;
};

/**
 * One query's content in place: a placeholder while it loads, the failure with a retry when it failed with
 * nothing to show, an empty state when there is nothing, else the content. A refetch that fails behind data
 * already shown keeps the data (the query cache says so in a toast).
 */
export function QueryState<T>({ query, loading, rows, placeholder, empty, children }: QueryStateProps<T>) {
  if (query.data === undefined) {
    if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
    return placeholder ?? <LoadingState label={loading} rows={rows} />;
  }
  if (empty?.when(query.data)) return <EmptyState title={empty.title}>{empty.hint}</EmptyState>;
  return children(query.data);
}

/** What a list's states need: the query, its items so far, the API's count and the next page. */
type ListStatus<T> = {
  query: QueryStatus<unknown> & { hasNextPage: boolean; isFetchingNextPage: boolean };
  items: T[];
  total?: number;
  loadMore: () => void;
};

type ListStateProps<T> = {
  list: ListStatus<T>;
  loading: string;
  rows?: number;
  empty: Empty;
  /** The rows' word in "Showing 50 of 1,204 events". */
  noun: string;
  /** Announces the count as it grows (a list that loads more on its own, as it scrolls). */
  live?: boolean;
  children: (items: T[]) => ReactNode;
};

/** A cursor-paged list in place: its states as `QueryState`, then the rows, how many of how many, and "Load more". */
export function ListState<T>({ list, loading, rows, empty, noun, live = false, children }: ListStateProps<T>) {
  const { query, items, total, loadMore } = list;
  const more = (
    <div className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm text-gray-700">
      <p>
        Showing {formatCount(items.length)}
        {total !== undefined ? ` of ${formatCount(total)}` : ''} {noun}
      </p>
      {query.hasNextPage ? (
        <Button onClick={loadMore} disabled={query.isFetchingNextPage} aria-busy={query.isFetchingNextPage || undefined}>
          {query.isFetchingNextPage ? 'Loading more…' : 'Load more'}
        </Button>
      ) : null}
    </div>
  );
  return (
    <QueryState query={query} loading={loading} rows={rows} empty={{ ...empty, when: () => items.length === 0 }}>
      {() => (
        <>
          {children(items)}
          {live ? (
            <div role="status" aria-live="polite">
              {more}
            </div>
          ) : (
            more
          )}
        </>
      )}
    </QueryState>
  );
}
