import { z } from 'zod';
import { attentionReasons, dataCategory, processorStatus } from '@/api/contract/processors';

export const processorSortKeys = [
  'name',
  'category',
  'dataCategories',
  'locations',
  'transfer',
  'dpa',
  'retention',
  'status',
  'nextReview',
  'attention',
] as const;
export type ProcessorSortKey = (typeof processorSortKeys)[number];

/** The processor list's filters and sort, as they stand in the URL. */
export const processorSearch = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  purpose: z.string().trim().max(100).optional().catch(undefined),
  location: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/)
    .transform((value) => value.toUpperCase())
    .optional()
    .catch(undefined),
  status: processorStatus.optional().catch(undefined),
  dataCategory: dataCategory.optional().catch(undefined),
  /** `1`: needs attention for any reason; a reason: for that one (the dashboard's figures link here). */
  attention: z
    .enum(['1', ...attentionReasons])
    .optional()
    .catch(undefined),
  sort: z.enum(processorSortKeys).optional().catch(undefined),
  dir: z.enum(['asc', 'desc']).optional().catch(undefined),
});
export type ProcessorSearch = z.infer<typeof processorSearch>;

/** What the API filters on; the sort is applied in the page, since the registry is one short list. */
export function processorFilters({ sort: _sort, dir: _dir, ...filters }: ProcessorSearch) {
  return filters;
}
