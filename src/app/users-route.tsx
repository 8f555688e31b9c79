import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { UserAccount } from '@/api/contract/mfa';
import { roleLabels } from '@/api/contract/roles';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { PageHeader } from '@/components/ui/page-header';
import { QueryState } from '@/components/ui/states';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { callApi } from '@/lib/api-client';
import { toasts } from '@/lib/toast';
import { userAccountsQuery } from './route-loaders';

type Pending = { user: UserAccount; action: 'confirm' | 'resetMfa' };

/** Console users: who waits for confirmation after a first single sign-on, who has two-factor sign-in. */
export function Component() {
  const queryClient = useQueryClient();
  const users = useQuery(userAccountsQuery);
  const [asking, setAsking] = useState<Pending | null>(null);
  const act = useMutation({
    mutationFn: ({ user, action }: Pending) =>
      callApi(action === 'confirm' ? 'confirmUser' : 'resetUserMfa', { params: { id: user.id }, body: {} }),
    onSuccess: async (user, { action }) => {
      setAsking(null);
      toasts.show(action === 'confirm' ? `${user.name} may sign in now.` : `Two-factor sign-in of ${user.name} was reset.`, 'success');
      await queryClient.invalidateQueries({ queryKey: userAccountsQuery.queryKey });
    },
  });

  return (
    <>
      <PageHeader
        title="Users"
        description="Everyone who may sign in to the console. Users made by a first single sign-on wait for an officer to confirm their role."
      />
      <QueryState query={users} loading="Loading users…" rows={4}>
        {({ items }) => (
          <Table caption="Console users, by email">
            <THead>
              <Th>Name</Th>
              <Th>Role</Th>
              <Th>Signs in with</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </THead>
            <TBody>
              {items.map((user) => (
                <tr key={user.id}>
                  <Td>
                    <span className="block font-medium text-gray-900">{user.name}</span>
                    <span className="block text-gray-600">{user.email}</span>
                  </Td>
                  <Td>
                    {roleLabels[user.role]} {user.status === 'pending' ? <Badge tone="warning">Waits for confirmation</Badge> : null}
                  </Td>
                  <Td>{user.ssoOnly ? 'Single sign-on' : user.mfaEnrolled ? 'Password and two-factor code' : 'Password'}</Td>
                  <Td className="space-x-2 text-right">
                    {user.actions.confirm.allowed ? (
                      <Button onClick={() => setAsking({ user, action: 'confirm' })} aria-label={`Confirm ${user.name}`}>
                        Confirm
                      </Button>
                    ) : null}
                    {user.actions.resetMfa.allowed ? (
                      <Button
                        onClick={() => setAsking({ user, action: 'resetMfa' })}
                        aria-label={`Reset two-factor sign-in of ${user.name}`}
                      >
                        Reset two-factor
                      </Button>
                    ) : null}
                  </Td>
                </tr>
              ))}
            </TBody>
          </Table>
        )}
      </QueryState>
      <ConfirmDialog
        open={asking !== null}
        title={asking?.action === 'confirm' ? `Confirm ${asking.user.name}?` : `Reset two-factor sign-in of ${asking?.user.name ?? ''}?`}
        confirmLabel={asking?.action === 'confirm' ? 'Confirm' : 'Reset two-factor'}
        tone={asking?.action === 'confirm' ? 'primary' : 'danger'}
        busy={act.isPending}
        onConfirm={() => asking && act.mutate(asking)}
        onCancel={() => setAsking(null)}
      >
        {asking?.action === 'confirm'
          ? `They may then sign in as ${roleLabels[asking.user.role].toLowerCase()}.`
          : 'Their sessions end, and they set two-factor sign-in up again at their next sign-in. Do this only once you know it is them asking.'}
      </ConfirmDialog>
    </>
  );
}
