import type { AuditEvent, AuditExportQuery, AuditQuery } from '@/api/contract/audit';
import type { Page } from '@/api/contract/common';
import { localDate } from '@/api/rules/time';
import type { Actor, Ctx } from './context';
import type { FileResult } from './context';
import { audit, calendarRange } from './context';
import { emailExposure } from './email-exports';
import { csvStream } from './streaming';

export async function listAuditEvents(ctx: Ctx, query: AuditQuery): Promise<Page<AuditEvent>> {
  const { from, to, ...filters } = query;
  const listed = { ...filters, ...calendarRange(ctx, { from, to }) };
  return ctx.deps.store.transaction((tx) => tx.audit.list(listed));
}

export const AUDIT_EXPORT_LIMIT = 10_000;

const cell = (value: unknown): string => (typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));

/**
 * The filtered events, newest first, as CSV; at most AUDIT_EXPORT_LIMIT rows, and a last line says so when
 * cut. Streamed a page per transaction (./streaming): a long export never holds the database.
 */
export async function exportAuditCsv(ctx: Ctx, actor: Actor, query: AuditExportQuery): Promise<FileResult> {
  const { from, to, emails: mode, reason, ...filters } = query;
  const emails = emailExposure(actor, { emails: mode, reason });
  // Masked exports change nothing and show nothing new; one in clear is a reveal, and is audited.
  if (emails.clear) {
    await ctx.deps.store.transaction((tx) =>
      audit(tx, ctx, actor, {
        action: 'audit.export_clear_emails',
        recordType: 'settings',
        recordId: 'audit-log',
        summary: `Exported the audit log ${emails.note}`,
      }),
    );
  }
  const listed = { ...filters, ...calendarRange(ctx, { from, to }) };
  let written = 0;
  let cut = false;
  const body = csvStream(
    ['at', 'actor', 'role', 'action', 'record_type', 'record_id', 'summary', 'changes', 'origin'],
    (cursor) =>
      ctx.deps.store.transaction(async (tx) => {
        const page = await tx.audit.list({ ...listed, cursor, limit: Math.min(200, AUDIT_EXPORT_LIMIT - written + 1) });
        const rows: (string | null)[][] = [];
        for (const e of page.items) {
          if (written >= AUDIT_EXPORT_LIMIT) {
            cut = true;
            break;
          }
          const changes = e.changes.map((c) => `${c.field}: ${cell(c.before)} -> ${cell(c.after)}`).join('; ');
          rows.push([
            e.at,
            e.actorName,
            e.actorRole,
            e.action,
            e.recordType,
            e.recordId,
            emails.showIn(e.summary),
            emails.showIn(changes),
            e.origin,
          ]);
          written += 1;
        }
        return { rows, nextCursor: cut ? null : page.nextCursor };
      }),
    () => (cut ? [`Cut at ${AUDIT_EXPORT_LIMIT} events: narrow the filters to export the rest`] : null),
  );
  const date = localDate(ctx.now, ctx.timeZone);
  return { file: { filename: `audit-events-${date}.csv`, contentType: 'text/csv; charset=utf-8', body } };
}
