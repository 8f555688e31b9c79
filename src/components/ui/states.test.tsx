// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiRequestError } from '@/lib/api-client';
import { ListState, QueryState } from './states';

const offline = new ApiRequestError(0, 'network_error', 'The server could not be reached.');
const idle = { data: undefined, isError: false, error: null, refetch: () => undefined };

describe('QueryState', () => {
  it('says it is loading, then shows the content', () => {
    const { rerender } = render(
      <QueryState query={idle} loading="Loading the processor…">
        {(name: string) => <p>{name}</p>}
      </QueryState>,
    );
    expect(screen.getByRole('status')).toHaveTextContent('Loading the processor…');
    rerender(
      <QueryState query={{ ...idle, data: 'Stripe' }} loading="Loading the processor…">
        {(name) => <p>{name}</p>}
      </QueryState>,
    );
    expect(screen.getByText('Stripe')).toBeInTheDocument();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('shows a failure with nothing to show in place, with a retry where retrying can help', async () => {
    const refetch = vi.fn();
    render(
      <QueryState query={{ ...idle, isError: true, error: offline, refetch }} loading="Loading…">
        {() => <p>content</p>}
      </QueryState>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('The server could not be reached.');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Try again' }));
    expect(refetch).toHaveBeenCalledOnce();
  });

  it('keeps data on screen when a refetch behind it fails', () => {
    render(
      <QueryState query={{ ...idle, data: 'Stripe', isError: true, error: offline }} loading="Loading…">
        {(name) => <p>{name}</p>}
      </QueryState>,
    );
    expect(screen.getByText('Stripe')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says when there is nothing', () => {
    render(
      <QueryState
        query={{ ...idle, data: [] as string[] }}
        loading="Loading…"
        empty={{ title: 'Nothing here', when: (d) => d.length === 0 }}
      >
        {() => <p>content</p>}
      </QueryState>,
    );
    expect(screen.getByText('Nothing here')).toBeInTheDocument();
  });
});

describe('ListState', () => {
  const query = { ...idle, data: {}, hasNextPage: true, isFetchingNextPage: false };

  it('shows the rows, how many of how many, and asks for the next page', async () => {
    const loadMore = vi.fn();
    render(
      <ListState list={{ query, items: ['a', 'b'], total: 1204, loadMore }} loading="Loading…" noun="events" empty={{ title: 'None' }}>
        {(items) => <p>{items.join(' ')}</p>}
      </ListState>,
    );
    expect(screen.getByText('a b')).toBeInTheDocument();
    expect(screen.getByText(/Showing 2 of 1,204 events/)).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Load more' }));
    expect(loadMore).toHaveBeenCalledOnce();
  });

  it('offers no next page at the end, and says when the list is empty', () => {
    const { rerender } = render(
      <ListState
        list={{ query: { ...query, hasNextPage: false }, items: ['a'], loadMore: () => undefined }}
        loading="…"
        noun="events"
        empty={{ title: 'None' }}
      >
        {(items) => <p>{items.join(' ')}</p>}
      </ListState>,
    );
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
    rerender(
      <ListState
        list={{ query, items: [], loadMore: () => undefined }}
        loading="…"
        noun="events"
        empty={{ title: 'None', hint: 'Clear a filter.' }}
      >
        {(items) => <p>{items.join(' ')}</p>}
      </ListState>,
    );
    expect(screen.getByText('None')).toBeInTheDocument();
    expect(screen.getByText('Clear a filter.')).toBeInTheDocument();
  });
});
