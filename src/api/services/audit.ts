import type { AuditEvent, AuditQuery } from '../contract/audit';
import type { Page } from '../contract/common';
import type { Actor, Ctx } from './context';
import { requirePermission } from './context';

export async function listAuditEvents(ctx: Ctx, actor: Actor, query: AuditQuery): Promise<Page<AuditEvent>> {
  requirePermission(actor, 'audit.read');
  return ctx.deps.store.transaction((tx) => tx.audit.list(query));
}
