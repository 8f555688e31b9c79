import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { callApi } from '../../../lib/api-client';
import type { ConsentSearch } from '../consent-search';

const PAGE_SIZE = 50;

export const consentKeys = {
  all: ['consents'] as const,
  lists: () => [...consentKeys.all, 'list'] as const,
  list: (search: ConsentSearch) => [...consentKeys.lists(), search] as const,
  subjects: () => [...consentKeys.all, 'subject'] as const,
  subject: (id: string) => [...consentKeys.subjects(), id] as const,
};

export const consentQueries = {
  list: (search: ConsentSearch) =>
    infiniteQueryOptions({
      queryKey: consentKeys.list(search),
      queryFn: ({ pageParam, signal }) =>
        callApi('listConsentEvents', { query: { ...search, cursor: pageParam ?? undefined, limit: PAGE_SIZE }, signal }),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.nextCursor,
    }),
  subject: (id: string) =>
    queryOptions({
      queryKey: consentKeys.subject(id),
      queryFn: ({ signal }) => callApi('getSubject', { params: { id }, signal }),
    }),
};
