import { useEffect, useState } from 'react';
import type { Session } from '@/api/contract/users';
import { callApi } from '@/lib/api-client';
import type { SignInOffers } from '@/lib/boot-data';
import { bootSignInOffers } from '@/lib/boot-data';
import type { DemoUsers, SsoOffer } from '@/lib/sign-in';
import { SignInForm } from './sign-in-form';

/**
 * What the sign-in screen draws from: the demo users and single sign-on as the server knows them (undefined:
 * not known, the API is asked), and the page's `sso_error` and `next`. The server renders the screen from the
 * same values (server/sign-in-render.ts), so the browser's first render matches the HTML it hydrates.
 */
export type SignInScreenData = {
  demoUsers: DemoUsers | undefined;
  sso: SsoOffer | undefined;
  ssoError: string | null;
  next: string | null;
};

/** The screen's data from the boot data's `signIn` and the page's query: in the browser and on the server alike. */
export function signInScreenData(offers: SignInOffers, query: URLSearchParams): SignInScreenData {
  return { ...offers, ssoError: query.get('sso_error'), next: query.get('next') };
}

/** The screen's data in the browser: the page's boot data and its address. */
export function browserSignInScreenData(): SignInScreenData {
  return signInScreenData(bootSignInOffers(), new URLSearchParams(window.location.search));
}

/**
 * /sign-in as the first page of a visit to the server: React and the form, no router, no query client, no
 * contract (src/main.tsx). The server writes the demo users into the page and renders the form into its HTML;
 * without them the API is asked.
 */
export function SignInScreen({ data, onSignedIn }: { data: SignInScreenData; onSignedIn: (session: Session) => Promise<void> }) {
  const [demoUsers, setDemoUsers] = useState<DemoUsers>(data.demoUsers ?? null);
  const [sso, setSso] = useState<SsoOffer>(data.sso ?? null);
  const known = data.demoUsers !== undefined && data.sso !== undefined;
  useEffect(() => {
    if (known) return;
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
  }, [known]);
  return (
    <div className="min-h-screen bg-gray-50 text-gray-900">
      <SignInForm demo={false} demoUsers={demoUsers} sso={sso} ssoError={data.ssoError} next={data.next} onSignedIn={onSignedIn} />
    </div>
  );
}
