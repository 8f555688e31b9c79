import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { KeyboardEvent } from 'react';
import { useEffect, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { SearchResult } from '@/api/contract/search';
import { SEARCH_FIRST, SEARCH_MOST, searchQuery } from '@/api/contract/search';
import { Dialog } from '@/components/ui/dialog';
import { callApi } from '@/lib/api-client';

const kindLabels: Record<SearchResult['kind'], string> = {
  processor: 'Processor',
  account: 'Account',
  subject: 'Person',
  support_access_request: 'Support-access request',
  deletion_request: 'Deletion request',
};

const kindPaths: Record<SearchResult['kind'], string> = {
  processor: '/processors',
  account: '/accounts',
  subject: '/subjects',
  support_access_request: '/support-access',
  deletion_request: '/deletions',
};

function resultPath(result: SearchResult): string {
  return `${kindPaths[result.kind]}/${encodeURIComponent(result.id)}`;
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

function useSearch(text: string, all: boolean) {
  const q = useDebounced(text.trim(), 200);
  const valid = searchQuery.safeParse({ q }).success;
  const limit = all ? SEARCH_MOST : SEARCH_FIRST;
  const query = useQuery({
    queryKey: ['quick-find', q, limit],
    queryFn: ({ signal }) => callApi('search', { query: { q, limit }, signal }),
    enabled: valid,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
  const settledOn = valid && !query.isPlaceholderData && q === text.trim();
  const total = valid ? (query.data?.total ?? 0) : 0;
  return { results: valid ? (query.data?.results ?? []) : [], total, floor: query.data?.totalIsFloor ?? false, query, valid, settledOn };
}

const count = new Intl.NumberFormat('en-US');

/** "8 results", or "8 of 25 results" when the list shows only some (the true total, from the API). */
function countText(shown: number, total: number, floor: boolean): string {
  const noun = total === 1 ? 'result' : 'results';
  if (shown >= total && !floor) return `${count.format(shown)} ${noun}`;
  return `${count.format(shown)} of ${floor ? 'more than ' : ''}${count.format(total)} ${noun}`;
}

type QuickFindProps = { open: boolean; onClose: () => void };

/**
 * Ctrl+K / Cmd+K: a combobox whose listbox offers processors, accounts, people and requests. Arrow keys
 * move through the results (focus stays in the box), Enter opens one, Escape closes.
 */
export function QuickFind({ open, onClose }: QuickFindProps) {
  return open ? <QuickFindDialog onClose={onClose} /> : null;
}

function QuickFindDialog({ onClose }: { onClose: () => void }) {
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  // "Show all": the same search, every match up to the most one list holds; typing again starts over.
  const [all, setAll] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const navigate = useNavigate();
  const baseId = useId();
  const listId = `${baseId}-list`;
  const hintId = `${baseId}-hint`;
  const { results, total, floor, query, valid, settledOn } = useSearch(text, all);
  const partial = settledOn && !query.isFetching && results.length < total;
  const current = Math.min(active, results.length - 1);
  const optionId = (index: number) => `${baseId}-option-${index}`;
  // Focus stays in the box, so the list scrolls the active option into view itself.
  useEffect(() => {
    document.getElementById(`${baseId}-option-${current}`)?.scrollIntoView?.({ block: 'nearest' });
  }, [baseId, current]);

  const go = (result: SearchResult | undefined) => {
    if (!result) return;
    onClose();
    void navigate(resultPath(result));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (results.length === 0) return;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((current + 1) % results.length);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((current - 1 + results.length) % results.length);
    } else if (event.key === 'Home' && event.ctrlKey) {
      event.preventDefault();
      setActive(0);
    } else if (event.key === 'End' && event.ctrlKey) {
      event.preventDefault();
      setActive(results.length - 1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      // The list on screen may still answer what was typed before: open only what the box now says.
      if (settledOn) go(results[current]);
    }
  };

  const status = !valid
    ? text.trim()
      ? 'Type at least 2 characters.'
      : ''
    : query.isError
      ? 'Search failed. Try again.'
      : !settledOn || query.isFetching
        ? 'Searching…'
        : results.length === 0
          ? 'No matches.'
          : `${countText(results.length, total, floor)}. Arrow keys move, Enter opens.${
              partial && all ? ' Type more to narrow the rest.' : ''
            }`;

  return (
    <Dialog open title="Quick find" onClose={onClose} initialFocus={inputRef} hideTitle className="max-w-xl">
      <label htmlFor={`${baseId}-input`} className="block text-sm font-medium text-gray-900">
        Quick find
      </label>
      <input
        ref={inputRef}
        id={`${baseId}-input`}
        type="search"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={results.length > 0}
        aria-controls={results.length > 0 ? listId : undefined}
        aria-activedescendant={results.length > 0 ? optionId(current) : undefined}
        aria-describedby={hintId}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
          setAll(false);
        }}
        onKeyDown={onKeyDown}
        className="mt-1 block w-full rounded-md border border-gray-400 bg-white px-3 py-2 text-base text-gray-900 shadow-xs focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      />
      <p id={hintId} className="mt-1 text-xs text-gray-600">
        Processors by name, accounts by name or ID, people by exact email, requests by ID.
      </p>
      <div className="mt-3 flex min-h-5 items-baseline justify-between gap-3">
        <p role="status" className="text-sm text-gray-700">
          {status}
        </p>
        {partial && !all ? (
          <button
            type="button"
            onClick={() => {
              setAll(true);
              // Back in the box, where the arrow keys move through the longer list.
              inputRef.current?.focus();
            }}
            className="shrink-0 rounded-md text-sm font-medium text-indigo-700 underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
          >
            Show all {floor ? 'that fit' : count.format(total)}
          </button>
        ) : null}
      </div>
      {results.length > 0 ? (
        <ul id={listId} role="listbox" aria-label="Results" className="mt-2 max-h-80 overflow-y-auto rounded-md border border-gray-200">
          {results.map((result, index) => (
            <li
              key={`${result.kind}-${result.id}`}
              id={optionId(index)}
              role="option"
              aria-selected={index === current}
              onMouseMove={() => setActive(index)}
              onClick={() => go(result)}
              className={`flex cursor-pointer items-baseline justify-between gap-3 px-3 py-2 text-sm ${
                index === current ? 'bg-indigo-50 text-indigo-900' : 'text-gray-900'
              }`}
            >
              <span className="min-w-0">
                <span className="block truncate font-medium">{result.label}</span>
                {result.detail ? <span className="block truncate text-xs text-gray-700">{result.detail}</span> : null}
              </span>
              <span className="shrink-0 text-xs text-gray-700">{kindLabels[result.kind]}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </Dialog>
  );
}
