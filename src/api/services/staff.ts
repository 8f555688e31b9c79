import type { Page } from '@/api/contract/common';
import type { StaffMember, StaffQuery } from '@/api/contract/users';
import type { Ctx } from './context';

/** Names for filters (e.g. "requests by agent"); officers and auditors only. */
export async function listStaff(ctx: Ctx, query: StaffQuery): Promise<Page<StaffMember>> {
  const users = await ctx.deps.store.transaction((tx) => tx.users.list());
  const items = users
    .filter((u) => !query.role || u.role === query.role)
    .map((u) => ({ id: u.id, name: u.name, role: u.role }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { items, nextCursor: null, total: items.length };
}
