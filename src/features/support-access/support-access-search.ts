import { z } from 'zod';
import { accessStatus } from '@/api/contract/support-access';

const day = z.iso.date().optional().catch(undefined);

/** The support-access history's filters, as they stand in the URL. */
export const supportAccessSearch = z.object({
  status: accessStatus.optional().catch(undefined),
  sort: z.enum(['newest', 'oldest', 'ending']).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  /** The requesting agent's user id. */
  agent: z.string().min(1).max(64).optional().catch(undefined),
  account: z.string().min(1).max(64).optional().catch(undefined),
  from: day,
  to: day,
  /** Pending requests waiting for the customer's consent, or for an officer's approval. */
  awaiting: z.enum(['consent', 'approval']).optional().catch(undefined),
  /** Active grants ending within this many hours. */
  ending: z.enum(['1', '24']).optional().catch(undefined),
});
export type SupportAccessSearch = z.infer<typeof supportAccessSearch>;
