import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { SessionView } from '@/api/contract/users';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { QueryState } from '@/components/ui/states';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { callApi } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';
import { ownSessionsQuery, signOut, signOutEverywhere } from '@/lib/session';
import { toasts } from '@/lib/toast';

const browsers: readonly [RegExp, string][] = [
  [/Edg\//, 'Edge'],
  [/Firefox\//, 'Firefox'],
  [/Chrome\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];
const systems: readonly [RegExp, string][] = [
  [/Windows/, 'Windows'],
  [/Mac OS X/, 'macOS'],
  [/Android/, 'Android'],
  [/Linux/, 'Linux'],
];

/** The browser a User-Agent names, roughly: enough to tell one's sessions apart. */
function browserOf(userAgent: string): string {
  const browser = browsers.find(([pattern]) => pattern.test(userAgent))?.[1] ?? 'A browser';
  const system = systems.find(([pattern]) => pattern.test(userAgent))?.[1];
  return system ? `${browser} on ${system}` : browser;
}

/** One's own sessions: where and when each was signed in, when last used, and a way to end each. */
export function Component() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const sessions = useQuery(ownSessionsQuery);
  const end = useMutation({
    mutationFn: async (session: SessionView) => {
      // Ending the session in use is signing out here.
      if (session.current) await signOut(queryClient, () => navigate('/sign-in', { replace: true }));
      else await callApi('endSession', { params: { id: session.id } });
      return session;
    },
    onSuccess: async (session) => {
      if (session.current) return;
      toasts.show('That session has ended.', 'success');
      await queryClient.invalidateQueries({ queryKey: ownSessionsQuery.queryKey });
    },
  });
  const everywhere = () => signOutEverywhere(queryClient, () => navigate('/sign-in', { replace: true }));

  return (
    <>
      <PageHeader
        title="Your sessions"
        description="Where you are signed in. Each session ends on its own at the time under Ends: after a spell without use, or 12 hours after signing in."
        actions={<Button onClick={() => void everywhere()}>Sign out everywhere</Button>}
      />
      <QueryState query={sessions} loading="Loading your sessions…" rows={2}>
        {({ items }) => (
          <Table caption="Your sessions, newest first">
            <THead>
              <Th>Signed in</Th>
              <Th>Last used</Th>
              <Th>From</Th>
              <Th>Ends</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </THead>
            <TBody>
              {items.map((session) => (
                <tr key={session.id}>
                  <Td>
                    {formatDateTime(session.createdAt)} {session.current ? <Badge tone="success">This session</Badge> : null}
                  </Td>
                  <Td>{formatDateTime(session.lastSeenAt)}</Td>
                  <Td>
                    {session.userAgent ? <span className="block">{browserOf(session.userAgent)}</span> : null}
                    {session.address ? <span className="block text-gray-600">{session.address}</span> : null}
                  </Td>
                  <Td>{formatDateTime(session.idleEndsAt < session.expiresAt ? session.idleEndsAt : session.expiresAt)}</Td>
                  <Td className="text-right">
                    <Button
                      onClick={() => end.mutate(session)}
                      disabled={end.isPending}
                      aria-label={
                        session.current ? 'End this session (sign out)' : `End the session signed in ${formatDateTime(session.createdAt)}`
                      }
                    >
                      {session.current ? 'Sign out' : 'End'}
                    </Button>
                  </Td>
                </tr>
              ))}
            </TBody>
          </Table>
        )}
      </QueryState>
    </>
  );
}
