import type { Account, AccountDetail, AccountQuery } from '../contract/accounts';
import type { Page } from '../contract/common';
import { maskEmail } from '../rules/consent';
import type { Actor, Ctx } from './context';
import { notFound, requirePermission } from './context';

export async function listAccounts(ctx: Ctx, actor: Actor, query: AccountQuery): Promise<Page<Account>> {
  requirePermission(actor, 'accounts.read');
  return ctx.deps.store.transaction((tx) => tx.accounts.list(query));
}

export async function getAccount(ctx: Ctx, actor: Actor, id: string): Promise<AccountDetail> {
  requirePermission(actor, 'accounts.read');
  return ctx.deps.store.transaction(async (tx) => {
    const account = await tx.accounts.get(id);
    if (!account) throw notFound('Account');
    const people = await tx.subjects.listByAccount(id);
    return { account, people: people.map((p) => ({ ...p, email: p.email ? maskEmail(p.email) : null })) };
  });
}
