import type { ConsentPurpose } from '@/api/contract/consent';
import type { AttentionReason } from '@/api/contract/processors';

/**
 * The filtered lists behind the dashboard's figures, in the URL parameters those lists read
 * (deletion-search.ts, support-access-search.ts, processor-search.ts, consent-search.ts).
 */
export const dashboardLinks = {
  deletionsOverdue: '/deletions?overdue=1',
  deletionsDueSoon: '/deletions?dueWithinDays=7',
  /** Every pending request: the officers' queue (some still wait for the customer's consent). */
  accessAwaitingApproval: '/support-access?status=pending',
  accessConsented: '/support-access?awaiting=approval',
  accessAwaitingConsent: '/support-access?awaiting=consent',
  accessActive: '/support-access?status=active&sort=ending',
  accessEndingWithinHour: '/support-access?ending=1&sort=ending',
  consentReview: '/consents/review',
  processorsAttention: (reason: AttentionReason) => `/processors?attention=${reason}`,
  withdrawalsOf: (purpose: ConsentPurpose, from: string) => `/consents?purpose=${purpose}&action=withdrawn&from=${from}`,
} as const;
