import { z } from 'zod';
import { recordType } from '../../api/contract/audit';

/** The audit log's filters, as they stand in the URL. */
export const auditSearch = z.object({
  recordType: recordType.optional().catch(undefined),
  action: z.string().trim().max(100).optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
});
export type AuditSearch = z.infer<typeof auditSearch>;
