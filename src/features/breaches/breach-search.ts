import { z } from 'zod';
import { breachStatus } from '@/api/contract/breaches';

/** The breach list's filter, as it stands in the URL. */
export const breachSearch = z.object({
  status: breachStatus.optional().catch(undefined),
});
export type BreachSearch = z.infer<typeof breachSearch>;
