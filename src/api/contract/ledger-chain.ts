import { z } from 'zod';
import { instant } from './common';

/** The two hash chains: the audit trail and the consent ledger (api/store/chain says how they are built). */
export const chainNames = ['audit', 'consent'] as const;
export const chainName = z.enum(chainNames);
export type ChainName = z.infer<typeof chainName>;
export const chainLabels: Record<ChainName, string> = { audit: 'Audit trail', consent: 'Consent ledger' };

/**
 * Why a chain does not hold, at its first bad event: `altered` (the event differs from what was chained),
 * `missing` (a chained event is gone), `relinked` / `out_of_order` (the links themselves were changed),
 * `unchained` (an event with no link: written around the application), `head_mismatch` / `anchor_mismatch`
 * (the chain does not end where its head, or a daily anchor, says it did).
 */
export const chainProblems = ['altered', 'missing', 'relinked', 'out_of_order', 'unchained', 'head_mismatch', 'anchor_mismatch'] as const;
export const chainProblem = z.enum(chainProblems);
export type ChainProblem = z.infer<typeof chainProblem>;

export const chainAnchorView = z.object({ seq: z.number().int(), hash: z.string(), anchoredAt: instant });

export const chainReport = z.object({
  chain: chainName,
  intact: z.boolean(),
  /** Links checked, oldest first. */
  checked: z.number().int(),
  head: z.object({ seq: z.number().int(), hash: z.string() }),
  /** Consent events whose email a documented redaction cleared: their seal still chains. */
  redacted: z.number().int(),
  firstBroken: z.object({ seq: z.number().int().nullable(), eventId: z.string(), problem: chainProblem, detail: z.string() }).nullable(),
  lastAnchor: chainAnchorView.nullable(),
});
export type ChainReport = z.infer<typeof chainReport>;

export const chainVerification = z.object({ checkedAt: instant, chains: z.array(chainReport) });
export type ChainVerification = z.infer<typeof chainVerification>;

/** The heads and recent anchors, without checking (cheap): what the auditors' page shows first. */
export const chainStatus = z.object({
  chains: z.array(
    z.object({ chain: chainName, head: z.object({ seq: z.number().int(), hash: z.string() }), anchors: z.array(chainAnchorView) }),
  ),
});
export type ChainStatus = z.infer<typeof chainStatus>;
