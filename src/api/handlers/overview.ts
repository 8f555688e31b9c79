import { exportAuditCsv, listAuditEvents } from '@/api/services/audit';
import { dashboardSummary } from '@/api/services/dashboard';
import { chainStatus, verifyChains } from '@/api/services/ledger-chain';
import { listOutbox } from '@/api/services/mail';
import { search } from '@/api/services/search';
import { listStaff } from '@/api/services/staff';
import type { Handlers } from './handler';

/** Across the areas: the dashboard, quick find, the audit log and the staff names its filters use. */
export const overviewHandlers = {
  dashboard: ({ ctx, actor }) => dashboardSummary(ctx, actor),
  search: ({ ctx, actor, query }) => search(ctx, actor, query.q, query.limit),
  listAuditEvents: ({ ctx, query }) => listAuditEvents(ctx, query),
  exportAuditCsv: ({ ctx, actor, query }) => exportAuditCsv(ctx, actor, query),
  auditChainStatus: ({ ctx }) => chainStatus(ctx),
  verifyAuditChain: ({ ctx }) => verifyChains(ctx.deps.store, ctx.now),
  listStaff: ({ ctx, query }) => listStaff(ctx, query),
  listOutbox: ({ ctx, query }) => listOutbox(ctx, query),
} satisfies Partial<Handlers>;
