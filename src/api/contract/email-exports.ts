import { z } from 'zod';
import { plainString } from './common';

/**
 * How an export shows email addresses (issue 22): masked unless asked otherwise. In clear only for a role
 * with `exports.clear_emails` (privacy officers) and with a stated reason, written into the export's audit
 * event, as a reveal of one address is (auditors check records, not mailing lists: Art. 5(1)(c)).
 */
export const emailModes = ['masked', 'clear'] as const;

/**
 * Where the console sends an export's reason: a request header, its value percent-encoded UTF-8 (as
 * `encodeURIComponent` writes it), so the reason stays out of the address, and with it out of the browser's
 * history and of proxies' access logs. The `reason` query parameter is read too (for scripts); not both.
 */
export const EXPORT_REASON_HEADER = 'Export-Reason';

export const emailExport = z.object({
  emails: z.enum(emailModes).default('masked'),
  reason: plainString().trim().max(500).optional(),
});
export type EmailExport = z.infer<typeof emailExport>;
