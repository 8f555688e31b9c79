import { z } from 'zod';
import { id, plainString } from './common';

export const searchQuery = z.object({ q: plainString().trim().min(2, 'Type at least 2 characters').max(254) });

export const searchResultKinds = ['processor', 'account', 'subject', 'support_access_request', 'deletion_request'] as const;
export const searchResult = z.object({
  kind: z.enum(searchResultKinds),
  id,
  label: z.string(),
  detail: z.string().nullable(),
});
export type SearchResult = z.infer<typeof searchResult>;
/** Quick find: processors by name, accounts by name or id, people by exact email, requests by id. */
export const searchResults = z.object({ results: z.array(searchResult) });
export type SearchResults = z.infer<typeof searchResults>;
