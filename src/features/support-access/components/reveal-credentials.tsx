import { useId, useState } from 'react';
import type { SupportAccessRequest } from '@/api/contract/support-access';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { isApiError } from '@/lib/api-client';
import { useRevealCredentials } from '@/features/support-access/api/support-access-mutations';

type Revealed = { username: string; password: string };

/**
 * "Reveal login details" for the requesting agent, drawn while the request's `actions.reveal` allows it.
 * The answer is shown in place until hidden, and forgotten with this component once the API no longer
 * allows the reveal (the grant ended, was revoked or withdrawn).
 */
export function RevealCredentials({ request }: { request: Pick<SupportAccessRequest, 'id'> }) {
  const mutation = useRevealCredentials(request.id);
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const regionId = useId();
  const hide = () => {
    setRevealed(null);
    mutation.reset();
  };
  return (
    <div className="space-y-3">
      <p className="text-sm text-gray-700">Each reveal is recorded in the audit log, with your name and the time.</p>
      {revealed ? (
        <Button aria-expanded="true" aria-controls={regionId} onClick={hide}>
          Hide login details
        </Button>
      ) : (
        <Button
          variant="primary"
          aria-expanded="false"
          aria-controls={regionId}
          disabled={mutation.isPending}
          onClick={() => mutation.mutate(undefined, { onSuccess: ({ username, password }) => setRevealed({ username, password }) })}
        >
          {mutation.isPending ? 'Revealing…' : 'Reveal login details'}
        </Button>
      )}
      {mutation.error ? (
        <Alert>{isApiError(mutation.error) ? mutation.error.message : 'The login details could not be revealed.'}</Alert>
      ) : null}
      <div id={regionId}>
        {revealed ? (
          <div role="group" aria-label="Login details">
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm">
              <dt className="font-medium text-gray-900">Username</dt>
              <dd className="font-mono break-all">{revealed.username}</dd>
              <dt className="font-medium text-gray-900">Password</dt>
              <dd className="font-mono break-all">{revealed.password}</dd>
            </dl>
          </div>
        ) : null}
      </div>
    </div>
  );
}
