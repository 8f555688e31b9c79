import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { ConsentPurpose } from '@/api/contract/consent';
import { callApi } from '@/lib/api-client';
import type { ConsentSearch, ReviewSearch } from '@/features/consents/consent-search';

const PAGE_SIZE = 50;

export const consentKeys = {
  all: ['consents'] as const,
  lists: () => [...consentKeys.all, 'list'] as const,
  list: (search: ConsentSearch) => [...consentKeys.lists(), search] as const,
  subjects: () => [...consentKeys.all, 'subject'] as const,
  subject: (id: string) => [...consentKeys.subjects(), id] as const,
  reviews: () => [...consentKeys.all, 'reviews'] as const,
  reviewList: (search: ReviewSearch) => [...consentKeys.reviews(), search] as const,
  reviewGroups: () => [...consentKeys.reviews(), 'groups'] as const,
  monthly: () => [...consentKeys.all, 'monthly'] as const,
  /** The active processors, to say which of them a consent purpose stops or allows. */
  processorsOn: (purpose: ConsentPurpose) => [...consentKeys.all, 'processors-on', purpose] as const,
  people: (q: string) => [...consentKeys.all, 'people', q] as const,
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
  reviews: (search: ReviewSearch) =>
    infiniteQueryOptions({
      queryKey: consentKeys.reviewList(search),
      queryFn: ({ pageParam, signal }) =>
        callApi('listConsentReviews', { query: { ...search, cursor: pageParam ?? undefined, limit: PAGE_SIZE }, signal }),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.nextCursor,
    }),
  reviewGroups: () =>
    queryOptions({
      queryKey: consentKeys.reviewGroups(),
      queryFn: ({ signal }) => callApi('listReviewGroups', { signal }),
    }),
  monthly: () =>
    queryOptions({
      queryKey: consentKeys.monthly(),
      queryFn: ({ signal }) => callApi('consentMonthly', { signal }),
    }),
  /** The active processors that work on this consent (the API's rule): they stop when it is withdrawn. */
  processorsOn: (purpose: ConsentPurpose) =>
    queryOptions({
      queryKey: consentKeys.processorsOn(purpose),
      queryFn: ({ signal }) => callApi('listProcessors', { query: { status: 'active', consentPurpose: purpose }, signal }),
      staleTime: 60_000,
    }),
  /** People by the start of an email, a domain or a name (issue 18), 20 at a time. */
  people: (q: string) =>
    infiniteQueryOptions({
      queryKey: consentKeys.people(q),
      queryFn: ({ pageParam, signal }) => callApi('searchPeople', { query: { q, cursor: pageParam ?? undefined, limit: 20 }, signal }),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.nextCursor,
    }),
};
