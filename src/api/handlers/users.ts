import { confirmUser, listUserAccounts, resetUserMfa } from '@/api/services/mfa';
import type { Handlers } from './handler';

/** Console users as officers manage them (issue 20): confirming single sign-on users, resetting two-factor. */
export const userHandlers = {
  listUserAccounts: ({ ctx, actor }) => listUserAccounts(ctx, actor),
  confirmUser: ({ ctx, actor, id }) => confirmUser(ctx, actor, id),
  resetUserMfa: ({ ctx, actor, id }) => resetUserMfa(ctx, actor, id),
} satisfies Partial<Handlers>;
