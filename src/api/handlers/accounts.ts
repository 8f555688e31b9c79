import { accountTimeline, getAccount, listAccounts } from '@/api/services/accounts';
import { cancelAccount } from '@/api/services/deletions';
import type { Handlers } from './handler';

/** Customer accounts, their timeline across the areas, and their cancellation. */
export const accountHandlers = {
  listAccounts: ({ ctx, actor, query }) => listAccounts(ctx, actor, query),
  getAccount: ({ ctx, actor, id }) => getAccount(ctx, actor, id),
  accountTimeline: ({ ctx, actor, id }) => accountTimeline(ctx, actor, id),
  cancelAccount: ({ ctx, actor, id, body }) => cancelAccount(ctx, actor, id, body),
} satisfies Partial<Handlers>;
