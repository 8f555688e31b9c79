import {
  actOnDeletion,
  bulkApproveDeletions,
  createDeletion,
  createPersonErasure,
  deletionCertificate,
  getDeletion,
  listDeletions,
} from '@/api/services/deletions';
import type { Handlers } from './handler';

/** Deletion requests: review with four eyes, a task per system, legal holds, the certificate. */
export const deletionHandlers = {
  listDeletions: ({ ctx, actor, query }) => listDeletions(ctx, actor, query),
  getDeletion: ({ ctx, actor, id }) => getDeletion(ctx, actor, id),
  deletionCertificate: ({ ctx, id }) => deletionCertificate(ctx, id),
  createDeletion: ({ ctx, actor, body }) => createDeletion(ctx, actor, body),
  bulkApproveDeletions: ({ ctx, actor, body }) => bulkApproveDeletions(ctx, actor, body),
  deletionApprove: ({ ctx, actor, id, version, body }) => actOnDeletion(ctx, actor, id, version, { action: 'approve', ...body }),
  deletionReject: ({ ctx, actor, id, version, body }) => actOnDeletion(ctx, actor, id, version, { action: 'reject', ...body }),
  deletionExtend: ({ ctx, actor, id, version, body }) => actOnDeletion(ctx, actor, id, version, { action: 'extend', ...body }),
  deletionHold: ({ ctx, actor, id, version, body }) => actOnDeletion(ctx, actor, id, version, { action: 'hold', ...body }),
  deletionResolveTask: ({ ctx, actor, id, version, body }) => actOnDeletion(ctx, actor, id, version, { action: 'resolveTask', ...body }),
  deletionComplete: ({ ctx, actor, id, version }) => actOnDeletion(ctx, actor, id, version, { action: 'complete' }),
  deletionEditHold: ({ ctx, actor, id, version, body }) => actOnDeletion(ctx, actor, id, version, { action: 'editHold', ...body }),
  deletionRemoveHold: ({ ctx, actor, id, version, body }) => actOnDeletion(ctx, actor, id, version, { action: 'removeHold', ...body }),
  deletionRetryTask: ({ ctx, actor, id, version, body }) => actOnDeletion(ctx, actor, id, version, { action: 'retryTask', ...body }),
  createPersonErasure: ({ ctx, actor, body }) => createPersonErasure(ctx, actor, body),
} satisfies Partial<Handlers>;
