import { z } from 'zod';
import { emailExport } from './email-exports';
import { calendarDate, cursorParam, id, instant, limitParam, role, text } from './common';

export const recordTypes = [
  'session',
  'user',
  'processor',
  'consent_event',
  'subject',
  'support_access_request',
  'deletion_request',
  'account',
  'settings',
  'demo',
  'breach',
  'api_token',
  'webhook',
] as const;
export const recordType = z.enum(recordTypes);
export type RecordType = z.infer<typeof recordType>;

export const fieldChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
export type FieldChange = z.infer<typeof fieldChange>;

/** Who did what to which record, when, from where. Append-only. */
export const auditEvent = z.object({
  id,
  at: instant,
  actorId: id.nullable(),
  actorName: z.string(),
  actorRole: role.nullable(),
  action: z.string(),
  recordType,
  recordId: z.string(),
  summary: z.string(),
  changes: z.array(fieldChange),
  origin: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof auditEvent>;

export const auditQuery = z.object({
  actorId: id.optional(),
  action: text(100).optional(),
  recordType: recordType.optional(),
  recordId: text(64).optional(),
  from: calendarDate.optional(),
  to: calendarDate.optional(),
  cursor: cursorParam,
  limit: limitParam,
});
export type AuditQuery = z.infer<typeof auditQuery>;

export const historyQuery = z.object({ cursor: cursorParam, limit: limitParam });
export type HistoryQuery = z.infer<typeof historyQuery>;

export const auditExportQuery = auditQuery.omit({ cursor: true, limit: true }).extend(emailExport.shape);
export type AuditExportQuery = z.infer<typeof auditExportQuery>;
