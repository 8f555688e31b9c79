import { useEffect, useState } from 'react';
import type { Session } from '@/api/contract/users';
import { callApi } from '@/lib/api-client';
import { bootDemoUsers } from '@/lib/boot-data';
import type { DemoUsers } from '@/lib/sign-in';
import { SignInForm } from './sign-in-form';

/**
 * /sign-in as the first page of a visit to the server: React and the form, no router, no query client, no
 * contract (src/main.tsx). The server writes the demo users into the page; without them the API is asked.
 */
export function SignInScreen({ onSignedIn }: { onSignedIn: (session: Session) => Promise<void> }) {
  const [fromPage] = useState(bootDemoUsers);
  const [demoUsers, setDemoUsers] = useState<DemoUsers>(fromPage ?? null);
  useEffect(() => {
    if (fromPage !== undefined) return;
    let live = true;
    callApi('health').then(
      (health) => live && setDemoUsers(health.demo),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [fromPage]);
  return (
    <div className="min-h-screen bg-gray-50 text-gray-900">
      <SignInForm demo={false} demoUsers={demoUsers} onSignedIn={onSignedIn} />
    </div>
  );
}
