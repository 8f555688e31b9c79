import { z } from 'zod';
import { accessStatus } from '../../api/contract/support-access';

/** The support-access list's filters, as they stand in the URL. */
export const supportAccessSearch = z.object({
  status: accessStatus.optional().catch(undefined),
  sort: z.enum(['newest', 'oldest', 'ending']).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
});
export type SupportAccessSearch = z.infer<typeof supportAccessSearch>;
