import { formatCount } from '@/lib/format';
import { Button } from './button';

type LoadMoreProps = {
  shown: number;
  total?: number;
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
  noun: string;
};

/** Cursor paging: how many rows are on screen, and a button for the next page while there is one. */
export function LoadMore({ shown, total, hasMore, loading, onLoadMore, noun }: LoadMoreProps) {
  return (
    <div className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm text-gray-700">
      <p>
        Showing {formatCount(shown)}
        {total !== undefined ? ` of ${formatCount(total)}` : ''} {noun}
      </p>
      {hasMore ? (
        <Button onClick={onLoadMore} disabled={loading} aria-busy={loading || undefined}>
          {loading ? 'Loading more…' : 'Load more'}
        </Button>
      ) : null}
    </div>
  );
}
