import type { FormEvent } from 'react';
import { useEffect, useRef, useState } from 'react';
import { roleLabels } from '@/api/contract/roles';
import type { Session, SignIn } from '@/api/contract/users';
import type { SsoRefusal } from '@/api/contract/sso-refusals';
import { ssoRefusals } from '@/api/contract/sso-refusals';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { buttonVariants } from '@/components/ui/classes';
import { TextField } from '@/components/ui/fields';
import type { FieldMessages } from '@/lib/api-client';
import { apiFieldMessages, isApiError } from '@/lib/api-client';
import type { DemoUsers, SsoOffer } from '@/lib/sign-in';
import { requestSignIn } from '@/lib/sign-in';

function alertOf(error: unknown): string | null {
  if (!error || isApiError(error, 422)) return null;
  if (isApiError(error, 401)) return error.message.includes('code') ? `${error.message}.` : 'The email or password is not right.';
  if (isApiError(error)) return error.message;
  return 'Signing in failed. Please try again.';
}

type SignInFormProps = {
  demo: boolean;
  demoUsers: DemoUsers;
  /** Single sign-on where the server offers it (never the demo). */
  sso: SsoOffer;
  /** The refusal a single sign-on came back with (the callback's `sso_error`), if any. */
  ssoError: string | null;
  /** The page asked for before signing in (`next`), which single sign-on opens when it comes back. */
  next: string | null;
  /** Called with the new session; the caller opens the console. */
  onSignedIn: (session: Session) => void | Promise<void>;
};

/**
 * The sign-in page itself, without a router or a query client: the first page most visitors see loads
 * React and this alone (see src/main.tsx); the console's own /sign-in route wraps the same form.
 */
export function SignInForm({ demo, demoUsers, sso, ssoError, next, onSignedIn }: SignInFormProps) {
  const [values, setValues] = useState<SignIn>({ email: '', password: '' });
  // Shown once the API asks for it: the account has two-factor sign-in.
  const [askCode, setAskCode] = useState(false);
  const [clientErrors, setClientErrors] = useState<FieldMessages>({});
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // False until React runs the form: the server draws it into the page first (server/sign-in-render.ts), and
  // its buttons wait for this, so a click before then is not lost and never submits the form natively.
  const [ready, setReady] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    // What was typed into the server's HTML before React took it over is the form's value, as if typed now.
    const form = formRef.current;
    const typed = (name: string) => {
      const field = form?.elements.namedItem(name);
      return field instanceof HTMLInputElement ? field.value : '';
    };
    const early = { email: typed('email'), password: typed('password') };
    if (early.email || early.password) {
      setValues((current) => ({ ...current, email: current.email || early.email, password: current.password || early.password }));
    }
    setReady(true);
  }, []);

  const submit = async (credentials: SignIn) => {
    setPending(true);
    setError(null);
    let session: Session;
    try {
      session = await requestSignIn(credentials);
    } catch (failure) {
      if (isApiError(failure, 422) && failure.fields?.code) setAskCode(true);
      setError(failure);
      setPending(false);
      return;
    }
    await onSignedIn(session);
  };

  const errors: FieldMessages = { ...apiFieldMessages(error), ...clientErrors };
  const alert = alertOf(error);
  const ssoAlert = ssoError && Object.hasOwn(ssoRefusals, ssoError) ? ssoRefusals[ssoError as SsoRefusal] : null;
  const offer = demo ? null : sso;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // The schema and its messages load on the first submit: the sign-in page paints without them.
    const { signInSchema, plainParse } = await import('@/lib/sign-in-check');
    const parsed = plainParse(signInSchema, values);
    if (!parsed.success) {
      setClientErrors(parsed.fields);
      return;
    }
    setClientErrors({});
    await submit(parsed.data);
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
          ref={formRef}
          method="post"
          noValidate
          onSubmit={(event) => void onSubmit(event)}
          className="space-y-4 rounded-lg border border-gray-200 bg-white p-6 shadow-xs"
        >
          {alert ? <Alert>{alert}</Alert> : ssoAlert && !error ? <Alert title="Single sign-on was refused">{ssoAlert}</Alert> : null}
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
          <Button type="submit" variant="primary" className="w-full" disabled={pending || !ready}>
            {pending ? 'Signing in…' : 'Sign in'}
          </Button>
        </form>
        {offer ? (
          <a
            href={next ? `${offer.startUrl}?next=${encodeURIComponent(next)}` : offer.startUrl}
            className={`${buttonVariants.secondary} w-full`}
          >
            Sign in with {offer.name}
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
                    disabled={pending || !ready}
                    onClick={() => {
                      setClientErrors({});
                      setValues({ email: user.email, password: demoUsers.password });
                      void submit({ email: user.email, password: demoUsers.password });
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
