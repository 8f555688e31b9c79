import { z } from 'zod';
import { consentAction, consentChannel, consentPurpose, reviewReason } from '@/api/contract/consent';
import type { Session } from '@/api/contract/users';
import { can } from '@/lib/can';

/** The consent ledger's filters, as they stand in the URL. */
export const consentSearch = z.object({
  email: z.string().trim().max(254).optional().catch(undefined),
  subjectId: z.string().trim().min(1).max(64).optional().catch(undefined),
  purpose: consentPurpose.optional().catch(undefined),
  action: consentAction.optional().catch(undefined),
  channel: consentChannel.optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
  noticeVersion: z.string().trim().min(1).max(50).optional().catch(undefined),
});
export type ConsentSearch = z.infer<typeof consentSearch>;

/** A range that ends before it starts is the reader's slip, said on the To field, not a failed request. */
export function dateRangeError(search: Pick<ConsentSearch, 'from' | 'to'>): string | undefined {
  return search.from && search.to && search.from > search.to
    ? 'The end date is before the start date: choose a To date on or after From'
    : undefined;
}

type Permissions = Pick<Session, 'permissions'>;

/** The whole ledger is `consent.read`; with `consent.lookup` alone one looks up a person by exact email. */
export function mayBrowse(session: Permissions, search: ConsentSearch): boolean {
  return can(session, 'consent.read') || Boolean(search.email);
}

/** A lookup filters by email only: whatever else a shared link carries is not the reader's to use. */
export function effectiveSearch(session: Permissions, search: ConsentSearch): ConsentSearch {
  return can(session, 'consent.read') ? search : { email: search.email };
}

/** The review queue's filters: open items or the reviews made, by reason and purpose. */
export const reviewSearch = z.object({
  status: z.enum(['open', 'reviewed']).default('open').catch('open'),
  reason: reviewReason.optional().catch(undefined),
  purpose: consentPurpose.optional().catch(undefined),
});
export type ReviewSearch = z.infer<typeof reviewSearch>;

/** The trends chart's purpose; none means all purposes added up. */
export const trendsSearch = z.object({
  purpose: consentPurpose.optional().catch(undefined),
});

/**
 * The person search's text (issue 18), beside the ledger's filters in the same link: a reload or a shared
 * link searches again, and the ledger's own query never sees it.
 */
export const personSearch = z.object({
  person: z.string().trim().max(100).optional().catch(undefined),
});
