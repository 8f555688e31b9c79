import { z } from 'zod';
import { dataCategory, processorStatus } from '../../api/contract/processors';

/** The processor list's filters, as they stand in the URL. */
export const processorSearch = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  status: processorStatus.optional().catch(undefined),
  dataCategory: dataCategory.optional().catch(undefined),
  attention: z.literal('1').optional().catch(undefined),
});
export type ProcessorSearch = z.infer<typeof processorSearch>;
