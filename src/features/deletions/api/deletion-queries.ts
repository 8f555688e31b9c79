import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { callApi } from '@/lib/api-client';
import type { DeletionSearch } from '@/features/deletions/deletion-search';

const PAGE_SIZE = 50;
const ACCOUNT_PAGE_SIZE = 20;

export const deletionKeys = {
  all: ['deletions'] as const,
  lists: () => [...deletionKeys.all, 'list'] as const,
  list: (search: DeletionSearch) => [...deletionKeys.lists(), search] as const,
  details: () => [...deletionKeys.all, 'detail'] as const,
  detail: (id: string) => [...deletionKeys.details(), id] as const,
  certificate: (id: string) => [...deletionKeys.detail(id), 'certificate'] as const,
  signingKey: () => [...deletionKeys.all, 'signing-key'] as const,
  accountSearch: (q: string) => [...deletionKeys.all, 'accounts', q] as const,
};

export const deletionQueries = {
  list: ({ status, ...search }: DeletionSearch) =>
    infiniteQueryOptions({
      queryKey: deletionKeys.list({ status, ...search }),
      queryFn: ({ pageParam, signal }) =>
        callApi('listDeletions', {
          query: { ...search, status: status ? [status] : undefined, cursor: pageParam ?? undefined, limit: PAGE_SIZE },
          signal,
        }),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.nextCursor,
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: deletionKeys.detail(id),
      queryFn: ({ signal }) => callApi('getDeletion', { params: { id }, signal }),
    }),
  certificate: (id: string) =>
    queryOptions({
      queryKey: deletionKeys.certificate(id),
      queryFn: ({ signal }) => callApi('deletionCertificate', { params: { id }, signal }),
    }),
  /** The public key the issuer publishes: certificates are checked against it. */
  signingKey: () =>
    queryOptions({
      queryKey: deletionKeys.signingKey(),
      queryFn: ({ signal }) => callApi('certificateSigningKey', { signal }),
      staleTime: Infinity,
    }),
  accountSearch: (q: string) =>
    queryOptions({
      queryKey: deletionKeys.accountSearch(q),
      queryFn: ({ signal }) => callApi('listAccounts', { query: { q: q || undefined, limit: ACCOUNT_PAGE_SIZE }, signal }),
    }),
};
