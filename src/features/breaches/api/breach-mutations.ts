import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  addBreachNotification,
  assessBreach,
  BreachInput,
  BreachView,
  editBreachNotification,
  sendBreachNotification,
  updateBreach,
} from '@/api/contract/breaches';
import { callApi } from '@/lib/api-client';
import { toasts } from '@/lib/toast';
import { breachKeys } from './breach-queries';

export type BreachActionInput =
  | { action: 'update'; body: z.input<typeof updateBreach> }
  | { action: 'refresh' }
  | { action: 'assess'; body: z.input<typeof assessBreach> }
  | { action: 'draft'; body: z.input<typeof addBreachNotification> }
  | { action: 'edit'; body: z.input<typeof editBreachNotification> }
  | { action: 'send'; body: z.input<typeof sendBreachNotification> };

function send(id: string, version: number, input: BreachActionInput): Promise<BreachView> {
  const params = { id };
  switch (input.action) {
    case 'update':
      return callApi('updateBreach', { params, version, body: input.body });
    case 'refresh':
      return callApi('refreshBreachAffected', { params, version });
    case 'assess':
      return callApi('assessBreach', { params, version, body: input.body });
    case 'draft':
      return callApi('addBreachNotification', { params, version, body: input.body });
    case 'edit':
      return callApi('editBreachNotification', { params, version, body: input.body });
    case 'send':
      return callApi('sendBreachNotification', { params, version, body: input.body });
  }
}

const messages: Record<BreachActionInput['action'], string> = {
  update: 'Breach saved.',
  refresh: 'Counted who is affected again.',
  assess: 'Risk assessment recorded.',
  draft: 'Draft notification added.',
  edit: 'Draft saved.',
  send: 'Notification recorded as sent.',
};

/** One action on one breach, with the version the viewer saw; errors stay by the form that made them. */
export function useBreachAction(breach: Pick<BreachView, 'id' | 'version'>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: BreachActionInput) => send(breach.id, breach.version, input),
    meta: { errorHandling: 'local' },
    onSuccess: async (updated, input) => {
      queryClient.setQueryData(breachKeys.detail(updated.id), updated);
      toasts.show(input.action === 'update' && updated.status === 'closed' ? 'Breach closed.' : messages[input.action], 'success');
      await queryClient.invalidateQueries({ queryKey: breachKeys.all });
    },
  });
}

export function useCreateBreach() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BreachInput) => callApi('createBreach', { body }),
    meta: { errorHandling: 'local' },
    onSuccess: async (created) => {
      queryClient.setQueryData(breachKeys.detail(created.id), created);
      toasts.show('Breach recorded. The 72-hour clock runs from when we became aware.', 'success');
      await queryClient.invalidateQueries({ queryKey: breachKeys.lists() });
    },
  });
}
