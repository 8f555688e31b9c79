import {
  consentMonthly,
  exportConsentProof,
  exportSuppression,
  getSubject,
  listConsentEvents,
  listConsentReviews,
  consentReceipt,
  exportReconsent,
  listReviewGroups,
  markConsentReviewed,
  reviewGroup,
  recordConsent,
  revealSubjectEmail,
  searchPeople,
} from '@/api/services/consent';
import type { Handlers } from './handler';

/** The consent ledger, people's pages, the review queue, trends and the exports with emails. */
export const consentHandlers = {
  listConsentEvents: ({ ctx, actor, query }) => listConsentEvents(ctx, actor, query),
  recordConsent: ({ ctx, actor, body }) => recordConsent(ctx, actor, body),
  getSubject: ({ ctx, actor, id }) => getSubject(ctx, actor, id),
  revealSubjectEmail: ({ ctx, actor, id, body }) => revealSubjectEmail(ctx, actor, id, body),
  exportConsentProof: ({ ctx, actor, id, query }) => exportConsentProof(ctx, actor, id, query),
  listConsentReviews: ({ ctx, actor, query }) => listConsentReviews(ctx, actor, query),
  markConsentReviewed: ({ ctx, actor, id, body }) => markConsentReviewed(ctx, actor, id, body),
  listReviewGroups: ({ ctx }) => listReviewGroups(ctx),
  exportReconsentCsv: ({ ctx, actor, query }) => exportReconsent(ctx, actor, query),
  consentReceiptKantara: ({ ctx, id }) => consentReceipt(ctx, id, 'kantara'),
  consentReceiptIso: ({ ctx, id }) => consentReceipt(ctx, id, 'iso27560'),
  consentReceiptHtml: ({ ctx, id }) => consentReceipt(ctx, id, 'html'),
  reviewGroup: ({ ctx, actor, body }) => reviewGroup(ctx, actor, body),
  consentMonthly: ({ ctx }) => consentMonthly(ctx),
  exportSuppressionCsv: ({ ctx, actor, query }) => exportSuppression(ctx, actor, query),
  searchPeople: ({ ctx, query }) => searchPeople(ctx, query),
} satisfies Partial<Handlers>;
