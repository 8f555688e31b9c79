import {
  actOnSupportAccess,
  createSupportAccess,
  getSupportAccess,
  listSupportAccess,
  reissueConsentLink,
  revealCredentials,
} from '@/api/services/support-access';
import type { Handlers } from './handler';

/** Support-access requests: asked by an agent, consented by the customer, decided by an officer. */
export const supportAccessHandlers = {
  listSupportAccess: ({ ctx, actor, query }) => listSupportAccess(ctx, actor, query),
  getSupportAccess: ({ ctx, actor, id }) => getSupportAccess(ctx, actor, id),
  createSupportAccess: ({ ctx, actor, body }) => createSupportAccess(ctx, actor, body),
  supportAccessConsent: ({ ctx, actor, id, version, body }) => actOnSupportAccess(ctx, actor, id, version, { action: 'consent', ...body }),
  supportAccessConfirmConsent: ({ ctx, actor, id, version }) => actOnSupportAccess(ctx, actor, id, version, { action: 'confirmConsent' }),
  supportAccessIssueLink: ({ ctx, actor, id, version }) => reissueConsentLink(ctx, actor, id, version),
  supportAccessCredentials: ({ ctx, actor, id, version, body }) =>
    actOnSupportAccess(ctx, actor, id, version, { action: 'credentials', ...body }),
  supportAccessCancel: ({ ctx, actor, id, version }) => actOnSupportAccess(ctx, actor, id, version, { action: 'cancel' }),
  supportAccessApprove: ({ ctx, actor, id, version }) => actOnSupportAccess(ctx, actor, id, version, { action: 'approve' }),
  supportAccessDeny: ({ ctx, actor, id, version, body }) => actOnSupportAccess(ctx, actor, id, version, { action: 'deny', ...body }),
  supportAccessRevoke: ({ ctx, actor, id, version, body }) => actOnSupportAccess(ctx, actor, id, version, { action: 'revoke', ...body }),
  supportAccessWithdraw: ({ ctx, actor, id, version, body }) =>
    actOnSupportAccess(ctx, actor, id, version, { action: 'withdrawConsent', ...body }),
  supportAccessReveal: ({ ctx, actor, id }) => revealCredentials(ctx, actor, id),
} satisfies Partial<Handlers>;
