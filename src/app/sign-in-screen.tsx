import { useEffect, useState } from 'react';
import type { Session } from '@/api/contract/users';
import { callApi } from '@/lib/api-client';
import { bootDemoUsers, bootSso } from '@/lib/boot-data';
import type { DemoUsers, SsoOffer } from '@/lib/sign-in';
import { SignInForm } from './sign-in-form';

/**
 * /sign-in as the first page of a visit to the server: React and the form, no router, no query client, no
 * contract (src/main.tsx). The server writes the demo users into the page; without them the API is asked.
 */
export function SignInScreen({ onSignedIn }: { onSignedIn: (session: Session) => Promise<void> }) {
  const [fromPage] = useState(() => ({ demo: bootDemoUsers(), sso: bootSso() }));
  const [demoUsers, setDemoUsers] = useState<DemoUsers>(fromPage.demo ?? null);
  const [sso, setSso] = useState<SsoOffer>(fromPage.sso ?? null);
  const [query] = useState(() => new URLSearchParams(window.location.search));
  useEffect(() => {
    if (fromPage.demo !== undefined && fromPage.sso !== undefined) return;
    let live = true;
    callApi('health').then(
      (health) => {
        if (!live) return;
        setDemoUsers(health.demo);
        setSso(health.sso);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [fromPage]);
  return (
    <div className="min-h-screen bg-gray-50 text-gray-900">
      <SignInForm
        demo={false}
        demoUsers={demoUsers}
        sso={sso}
        ssoError={query.get('sso_error')}
        next={query.get('next')}
        onSignedIn={onSignedIn}
      />
    </div>
  );
}
