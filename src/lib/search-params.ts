import { useCallback, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';

type SearchValue = string | number | boolean | readonly string[] | null | undefined;

/**
 * Reads a view's filters from the URL with its schema, so every view is a shareable link. Schemas give
 * each field a `.catch(undefined)`, so a hand-edited link drops the bad filter instead of failing.
 */
function parseSearch<S extends z.ZodType>(schema: S, params: URLSearchParams): z.output<S> {
  const raw: Record<string, string> = {};
  for (const [key, value] of params) raw[key] = value;
  return schema.parse(raw);
}

export function searchFromRequest<S extends z.ZodType>(schema: S, request: Request): z.output<S> {
  return parseSearch(schema, new URL(request.url).searchParams);
}

function writeValue(params: URLSearchParams, key: string, value: SearchValue) {
  if (value === undefined || value === null || value === '' || value === false) {
    params.delete(key);
  } else if (Array.isArray(value)) {
    if (value.length === 0) params.delete(key);
    else params.set(key, value.join(','));
  } else {
    params.set(key, value === true ? '1' : String(value));
  }
}

/** The parsed filters of the current URL, and a setter that merges changes into it. */
export function useSearchState<S extends z.ZodType>(schema: S): [z.output<S>, (changes: Record<string, SearchValue>) => void] {
  const [params, setParams] = useSearchParams();
  const value = useMemo(() => parseSearch(schema, params), [schema, params]);
  // React Router's setter does not queue: two changes before the URL commits (route loaders run first) would
  // each start from the same URL, and the second would drop the first. So a change starts from the last one
  // asked for until the URL it asked for has arrived.
  const pending = useRef<{ from: URLSearchParams; next: URLSearchParams } | null>(null);
  const update = useCallback(
    (changes: Record<string, SearchValue>) => {
      const base = pending.current && pending.current.from === params ? pending.current.next : params;
      const next = new URLSearchParams(base);
      for (const [key, change] of Object.entries(changes)) writeValue(next, key, change);
      pending.current = { from: params, next };
      setParams(next);
    },
    [params, setParams],
  );
  return [value, update];
}

/**
 * A text filter's draft: edited freely, applied on submit, and reset whenever the URL's value changes
 * (back button, "Clear filters") without remounting the field and losing focus.
 */
export function useDraft(applied: string | undefined): [string, (value: string) => void] {
  const [draft, setDraft] = useState(applied ?? '');
  const [seen, setSeen] = useState(applied);
  if (seen !== applied) {
    setSeen(applied);
    setDraft(applied ?? '');
  }
  return [draft, setDraft];
}
