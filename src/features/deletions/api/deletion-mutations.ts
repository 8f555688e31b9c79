import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  BulkApproveDeletions,
  CreateDeletion,
  CreatePersonErasure,
  DeletionRequest,
  addHold,
  approveDeletion,
  editHold,
  extendDeletion,
  rejectDeletion,
  removeHold,
  resolveTask,
  retryTask,
} from '@/api/contract/deletions';
import { callApi } from '@/lib/api-client';
import { toasts } from '@/lib/toast';
import { deletionKeys } from './deletion-queries';

export type DeletionActionInput =
  | { action: 'approve'; body: z.input<typeof approveDeletion> }
  | { action: 'reject'; body: z.input<typeof rejectDeletion> }
  | { action: 'extend'; body: z.input<typeof extendDeletion> }
  | { action: 'hold'; body: z.input<typeof addHold> }
  | { action: 'resolve-task'; body: z.input<typeof resolveTask> }
  | { action: 'complete' }
  | { action: 'retry-task'; body: z.input<typeof retryTask> }
  | { action: 'edit-hold'; body: z.input<typeof editHold> }
  | { action: 'remove-hold'; body: z.input<typeof removeHold> };

function successMessage(input: DeletionActionInput, updated: DeletionRequest): string {
  switch (input.action) {
    case 'approve':
      return `Deletion of ${updated.accountName} approved. ${updated.tasks.length} task(s) to resolve.`;
    case 'reject':
      return 'Request rejected.';
    case 'extend':
      return `Deadline extended by ${input.body.months} month(s). Tell the person why.`;
    case 'hold':
      return 'Legal hold recorded.';
    case 'resolve-task': {
      const task = updated.tasks.find((t) => t.id === input.body.taskId);
      return `${task?.systemName ?? 'Task'} resolved.`;
    }
    case 'complete':
      return `Deletion of ${updated.accountName} completed. The certificate is ready.`;
    case 'edit-hold':
      return 'Legal hold changed.';
    case 'remove-hold':
      return 'Legal hold removed.';
    case 'retry-task': {
      const task = updated.tasks.find((t) => t.id === input.body.taskId);
      return `${task?.systemName ?? 'Task'} sent to its connector again.`;
    }
  }
}

function send(id: string, version: number, input: DeletionActionInput): Promise<DeletionRequest> {
  const params = { id };
  switch (input.action) {
    case 'approve':
      return callApi('deletionApprove', { params, version, body: input.body });
    case 'reject':
      return callApi('deletionReject', { params, version, body: input.body });
    case 'extend':
      return callApi('deletionExtend', { params, version, body: input.body });
    case 'hold':
      return callApi('deletionHold', { params, version, body: input.body });
    case 'resolve-task':
      return callApi('deletionResolveTask', { params, version, body: input.body });
    case 'complete':
      return callApi('deletionComplete', { params, version });
    case 'retry-task':
      return callApi('deletionRetryTask', { params, version, body: input.body });
    case 'edit-hold':
      return callApi('deletionEditHold', { params, version, body: input.body });
    case 'remove-hold':
      return callApi('deletionRemoveHold', { params, version, body: input.body });
  }
}

/**
 * One action on one request, sent with the version the viewer saw. Each form holds its own mutation so
 * its errors (field messages, "changed since you loaded it") stay next to it rather than in a toast.
 */
export function useDeletionAction(request: Pick<DeletionRequest, 'id' | 'version'>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DeletionActionInput) => send(request.id, request.version, input),
    meta: { errorHandling: 'local' },
    onSuccess: async (updated, input) => {
      queryClient.setQueryData(deletionKeys.detail(updated.id), updated);
      toasts.show(successMessage(input, updated), 'success');
      await queryClient.invalidateQueries({ queryKey: deletionKeys.all });
    },
  });
}

export function useCreateDeletion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateDeletion) => callApi('createDeletion', { body }),
    meta: { errorHandling: 'local' },
    onSuccess: async (created) => {
      queryClient.setQueryData(deletionKeys.detail(created.id), created);
      toasts.show(`Erasure request for ${created.accountName} recorded. A second officer must approve it.`, 'success');
      await queryClient.invalidateQueries({ queryKey: deletionKeys.lists() });
    },
  });
}

export function useCreatePersonErasure() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePersonErasure) => callApi('createPersonErasure', { body }),
    meta: { errorHandling: 'local' },
    onSuccess: async (created) => {
      queryClient.setQueryData(deletionKeys.detail(created.id), created);
      toasts.show(`Erasure request for ${created.accountName} recorded. A second officer must approve it.`, 'success');
      await queryClient.invalidateQueries({ queryKey: deletionKeys.lists() });
    },
  });
}

export function useBulkApprove() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkApproveDeletions) => callApi('bulkApproveDeletions', { body }),
    meta: { errorHandling: 'local' },
    onSuccess: async (result) => {
      const approved = result.results.filter((r) => r.ok).length;
      const failed = result.results.length - approved;
      toasts.show(`${approved} approved${failed ? `, ${failed} not approved` : ''}.`, failed ? 'error' : 'success');
      await queryClient.invalidateQueries({ queryKey: deletionKeys.all });
    },
  });
}
