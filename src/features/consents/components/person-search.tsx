import { useInfiniteQuery } from '@tanstack/react-query';
import type { KeyboardEvent } from 'react';
import { useEffect, useId, useRef } from 'react';
import { Link } from 'react-router';
import { MIN_PERSON_QUERY, personMatch } from '@/api/rules/person-search';
import { Button } from '@/components/ui/button';
import { linkClass } from '@/components/ui/classes';
import { TextField } from '@/components/ui/fields';
import { Section } from '@/components/ui/section';
import { isApiError } from '@/lib/api-client';
import { formatCount } from '@/lib/format';
import { useDraft, useSearchState } from '@/lib/search-params';
import { consentQueries } from '@/features/consents/api/consent-queries';
import { personSearch } from '@/features/consents/consent-search';

const DEBOUNCE_MS = 300;
const tooShort = `Type at least ${MIN_PERSON_QUERY} letters of a name or an email address, or @ and ${MIN_PERSON_QUERY} of a domain.`;

/**
 * Finding a person (issue 18): by the start of an email address, @ and a domain, or words of a name, case and
 * accents aside. The text waits for typing to pause (Enter searches at once, Escape clears) and stands in the
 * link. Matches link to the person's page; addresses stay masked (revealing one is that page's audited action).
 * Arrow keys move between the search box and the matches.
 */
export function PersonSearch() {
  const [search, setSearch] = useSearchState(personSearch);
  const applied = search.person ?? '';
  const [text, setText] = useDraft(search.person);
  const listRef = useRef<HTMLUListElement>(null);
  const statusId = useId();
  const inputId = useId();

  // The URL follows the text once typing pauses; the search runs on what the URL says.
  useEffect(() => {
    const next = text.trim();
    if (next === applied) return;
    const timer = setTimeout(() => setSearch({ person: next || undefined }), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, applied, setSearch]);

  const searchable = applied !== '' && personMatch(applied) !== null;
  const query = useInfiniteQuery({ ...consentQueries.people(applied), enabled: searchable });
  const people = query.data?.pages.flatMap((p) => p.items) ?? [];
  const total = query.data?.pages[0]?.total;

  const focusResult = (index: number) => {
    const links = listRef.current?.querySelectorAll<HTMLAnchorElement>('a');
    if (!links || links.length === 0) return;
    links[Math.max(0, Math.min(index, links.length - 1))]?.focus();
  };

  const onInputKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      setSearch({ person: text.trim() || undefined });
    } else if (event.key === 'Escape' && text !== '') {
      event.preventDefault();
      setText('');
      setSearch({ person: undefined });
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      focusResult(0);
    }
  };

  const onListKey = (event: KeyboardEvent<HTMLUListElement>) => {
    const links = [...(listRef.current?.querySelectorAll<HTMLAnchorElement>('a') ?? [])];
    const at = links.findIndex((link) => link === document.activeElement);
    if (at < 0) return;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      focusResult(at + 1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (at === 0) document.getElementById(inputId)?.focus();
      else focusResult(at - 1);
    }
  };
  let status: string;
  if (applied === '') status = '';
  else if (!searchable) status = tooShort;
  else if (query.isPending) status = 'Searching people…';
  else if (query.isError) status = '';
  else if (people.length === 0) status = `No one matches “${applied}”.`;
  else
    status =
      total === undefined
        ? `More than ${formatCount(people.length)} people match.`
        : `${formatCount(total)} ${total === 1 ? 'person matches' : 'people match'}.`;

  return (
    <Section title="Find a person" description="By the start of their email address, @ and their email's domain, or their name.">
      <div className="max-w-md" role="search" aria-label="People">
        <TextField
          id={inputId}
          label="Person"
          type="search"
          autoComplete="off"
          hint="For example ana.k, @example.com or Ana Kovač"
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onInputKey}
          aria-controls={people.length > 0 ? `${statusId}-list` : undefined}
        />
      </div>
      <p id={statusId} role="status" className="text-sm text-gray-700">
        {status}
      </p>
      {searchable && query.isError ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
          The search failed: {isApiError(query.error) ? (query.error.fields.q ?? query.error.message) : 'try again.'}{' '}
          <Button variant="secondary" onClick={() => void query.refetch()}>
            Try again
          </Button>
        </div>
      ) : null}
      {searchable && people.length > 0 ? (
        <>
          <ul
            id={`${statusId}-list`}
            ref={listRef}
            aria-label={`People matching “${applied}”`}
            onKeyDown={onListKey}
            className="divide-y divide-gray-100 rounded-md border border-gray-200 bg-white"
          >
            {people.map((p) => (
              <li key={p.id} className="flex flex-wrap items-baseline gap-x-3 px-3 py-2 text-sm">
                <Link to={`/subjects/${p.id}`} className={linkClass}>
                  {p.name ?? (p.kind === 'visitor' ? 'Website visitor' : 'Name erased')}
                </Link>
                <span className="text-gray-700">{p.email ?? 'No email'}</span>
                <span className="text-xs text-gray-600">{p.id}</span>
              </li>
            ))}
          </ul>
          {query.hasNextPage ? (
            <Button variant="secondary" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
              {query.isFetchingNextPage ? 'Loading more people…' : 'Show more people'}
            </Button>
          ) : null}
        </>
      ) : null}
    </Section>
  );
}
