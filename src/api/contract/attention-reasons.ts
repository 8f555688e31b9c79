/**
 * Why a processor needs attention: plain data without zod (like roles.ts), so the dashboard, which counts them,
 * loads none of the contract's schemas. processors.ts re-exports them.
 */
export const attentionReasons = [
  'review_overdue',
  'no_signed_dpa',
  'transfer_without_mechanism',
  'retention_missing',
  'dpa_expiring',
] as const;
export type AttentionReason = (typeof attentionReasons)[number];
