import { z } from 'zod';
import { deletionStatus } from '@/api/contract/deletions';

/** The deletion list's filters, as they stand in the URL. */
export const deletionSearch = z.object({
  status: deletionStatus.optional().catch(undefined),
  overdue: z.literal('1').optional().catch(undefined),
  held: z.literal('1').optional().catch(undefined),
  dueWithinDays: z.coerce.number().int().min(0).max(365).optional().catch(undefined),
});
export type DeletionSearch = z.infer<typeof deletionSearch>;
