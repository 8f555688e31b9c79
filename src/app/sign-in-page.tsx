import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { forgetSession, sessionQuery, signInInfoQuery } from '@/lib/session';
import { safeNext } from '@/api/rules/safe-next';
import { SignInForm } from './sign-in-form';

/** The console's /sign-in route (after signing out, or a 401): the same form, inside the router. */
export function SignInPage({ demo }: { demo: boolean }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  // The API says whether demo users exist here (the demo build, or a server that loaded the demo data).
  // and whether single sign-on is offered (a server with an identity provider; never the demo).
  const info = useQuery(signInInfoQuery).data;
  // After a sign-out: the shell that read the session is gone now (src/lib/session.ts, leave).
  useEffect(() => forgetSession(queryClient), [queryClient]);
  return (
    <SignInForm
      demo={demo}
      demoUsers={info?.demo ?? null}
      sso={info?.sso ?? null}
      ssoError={params.get('sso_error')}
      next={params.get('next')}
      onSignedIn={async (session) => {
        // Whatever the previous user had cached is not this user's to see.
        queryClient.clear();
        queryClient.setQueryData(sessionQuery.queryKey, session);
        await navigate(session.mfaSetupRequired ? '/security' : safeNext(params.get('next')), { replace: true });
      }}
    />
  );
}
