import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { roleLabels } from '@/api/contract/roles';
import type { SsoRefusal } from '@/api/contract/sso-refusals';
import { ssoRefusals } from '@/api/contract/sso-refusals';
import type { SignIn } from '@/api/contract/users';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { buttonVariants } from '@/components/ui/classes';
import { TextField } from '@/components/ui/fields';
import type { FieldMessages } from '@/lib/api-client';
import { apiFieldMessages, isApiError } from '@/lib/api-client';
import { signIn, signInInfoQuery } from '@/lib/session';
import { safeNext } from './safe-next';

function alertOf(error: unknown): string | null {
  if (!error || isApiError(error, 422)) return null;
  if (isApiError(error, 401)) return error.message.includes('code') ? `${error.message}.` : 'The email or password is not right.';
  if (isApiError(error)) return error.message;
  return 'Signing in failed. Please try again.';
}

export function SignInPage({ demo }: { demo: boolean }) {
  const [values, setValues] = useState<SignIn>({ email: '', password: '' });
  // Shown once the API asks for it: the account has two-factor sign-in.
  const [askCode, setAskCode] = useState(false);
  const [clientErrors, setClientErrors] = useState<FieldMessages>({});
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();

  const mutation = useMutation({
    mutationFn: (credentials: SignIn) => signIn(queryClient, credentials),
    meta: { errorHandling: 'local' },
    onSuccess: (session) => navigate(session.mfaSetupRequired ? '/security' : safeNext(params.get('next')), { replace: true }),
    onError: (error) => {
      if (isApiError(error, 422) && error.fields?.code) setAskCode(true);
    },
  });

  // The API says whether demo users exist here (the demo build, or a server that loaded the demo data),
  // and whether single sign-on is offered (a server with an identity provider; never the demo).
  const info = useQuery(signInInfoQuery).data;
  const demoUsers = info?.demo ?? null;
  const sso = demo ? null : (info?.sso ?? null);
  const ssoError = params.get('sso_error');
  const ssoAlert = ssoError && Object.hasOwn(ssoRefusals, ssoError) ? ssoRefusals[ssoError as SsoRefusal] : null;
  const errors: FieldMessages = { ...apiFieldMessages(mutation.error), ...clientErrors };
  const alert = alertOf(mutation.error);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // The schema and its messages load on the first submit: the sign-in page paints without them.
    const [{ signIn: signInSchema }, { issueMessages }, { plainErrors }] = await Promise.all([
      import('@/api/contract/users'),
      import('@/lib/field-errors'),
      import('@/api/contract/plain-errors'),
    ]);
    const parsed = signInSchema.safeParse(values, { error: plainErrors });
    if (!parsed.success) {
      setClientErrors(issueMessages(parsed.error));
      return;
    }
    setClientErrors({});
    mutation.mutate(parsed.data);
  };

  const update = (field: keyof SignIn) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));

  return (
    <main id="main" className="flex min-h-[80vh] items-start justify-center px-4 py-12 sm:items-center">
      <title>Sign in · Privacy Console</title>
      <div className="w-full max-w-md space-y-6">
        <div>
          <p className="text-sm font-semibold tracking-wide text-indigo-700 uppercase">Privacy Console</p>
          <h1 className="mt-1 text-2xl font-semibold tracking-tight text-gray-900">Sign in</h1>
        </div>
        <form
          noValidate
          onSubmit={(event) => void onSubmit(event)}
          className="space-y-4 rounded-lg border border-gray-200 bg-white p-6 shadow-xs"
        >
          {alert ? (
            <Alert>{alert}</Alert>
          ) : ssoAlert && !mutation.error ? (
            <Alert title="Single sign-on was refused">{ssoAlert}</Alert>
          ) : null}
          <TextField
            label="Email"
            name="email"
            type="email"
            autoComplete="username"
            value={values.email}
            onChange={update('email')}
            error={errors.email}
            required
          />
          <TextField
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={values.password}
            onChange={update('password')}
            error={errors.password}
            required
          />
          {askCode ? (
            <TextField
              label="Two-factor code"
              name="code"
              autoComplete="one-time-code"
              inputMode="numeric"
              hint="The 6-digit code your authenticator app shows, or one of your recovery codes"
              value={values.code ?? ''}
              onChange={update('code')}
              error={errors.code}
              required
            />
          ) : null}
          <Button type="submit" variant="primary" className="w-full" disabled={mutation.isPending}>
            {mutation.isPending ? 'Signing in…' : 'Sign in'}
          </Button>
        </form>
        {sso ? (
          <a href={sso.startUrl} className={`${buttonVariants.secondary} w-full`}>
            Sign in with {sso.name}
          </a>
        ) : null}
        {demoUsers ? (
          <section aria-labelledby="demo-users" className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-6 shadow-xs">
            <h2 id="demo-users" className="text-base font-semibold text-gray-900">
              Demo users
            </h2>
            <p className="text-sm text-gray-700">
              {demo
                ? 'This demo runs in your browser on synthetic data.'
                : 'This server holds the demo data: anyone who can reach it can sign in as these users.'}{' '}
              Each has the password <code className="font-mono">{demoUsers.password}</code>.
            </p>
            <ul className="space-y-2">
              {demoUsers.users.map((user) => (
                <li key={user.email}>
                  <Button
                    className="w-full justify-start"
                    disabled={mutation.isPending}
                    onClick={() => {
                      setClientErrors({});
                      setValues({ email: user.email, password: demoUsers.password });
                      mutation.mutate({ email: user.email, password: demoUsers.password });
                    }}
                  >
                    Sign in as {roleLabels[user.role]} ({user.email})
                  </Button>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </main>
  );
}
