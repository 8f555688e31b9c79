import { z } from 'zod';
import { id, plainString } from './common';

/** How many of each kind quick find lists at first; "show all" asks for up to the most. */
export const SEARCH_FIRST = 8;
export const SEARCH_MOST = 100;

export const searchQuery = z.object({
  q: plainString().trim().min(2, 'Type at least 2 characters').max(254),
  limit: z.coerce.number().int().min(1).max(SEARCH_MOST).default(SEARCH_FIRST),
});

export const searchResultKinds = ['processor', 'account', 'subject', 'support_access_request', 'deletion_request'] as const;
export const searchResult = z.object({
  kind: z.enum(searchResultKinds),
  id,
  label: z.string(),
  detail: z.string().nullable(),
});
export type SearchResult = z.infer<typeof searchResult>;
/**
 * Quick find: processors by name, accounts by name or id, people by exact email, requests by id; at most
 * `limit` of each kind. `total` counts every match the caller may read, listed or not; past the stores'
 * counting cap it is a floor, and `totalIsFloor` says so ("more than 10,000").
 */
export const searchResults = z.object({
  results: z.array(searchResult),
  total: z.number().int().min(0),
  totalIsFloor: z.boolean(),
});
export type SearchResults = z.infer<typeof searchResults>;
