import { z } from 'zod';
import { recordType } from '@/api/contract/audit';

/** The audit log's filters, as they stand in the URL (the same names the API and its CSV export read). */
export const auditSearch = z.object({
  actorId: z.string().trim().min(1).max(64).optional().catch(undefined),
  action: z.string().trim().max(100).optional().catch(undefined),
  recordType: recordType.optional().catch(undefined),
  recordId: z.string().trim().min(1).max(64).optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
});
export type AuditSearch = z.infer<typeof auditSearch>;

/** The CSV export of exactly the events the filters select. */
export function exportHref(search: AuditSearch): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) if (value) params.set(key, value);
  const query = params.toString();
  return `/api/exports/audit-events.csv${query ? `?${query}` : ''}`;
}
