import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useState } from 'react';
import type { MfaEnrolment, MfaStatus, TurnOffMfa } from '@/api/contract/mfa';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/fields';
import { PageHeader } from '@/components/ui/page-header';
import { Section } from '@/components/ui/section';
import { QueryState } from '@/components/ui/states';
import { apiFieldMessages, callApi, isApiError } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';
import { sessionQuery, useSession } from '@/lib/session';
import { toasts } from '@/lib/toast';
import { ownMfaQuery } from './route-loaders';
import { MailPreferencesSection } from './mail-preferences-section';

/** Recovery codes, shown this once: each signs in once without the app. */
function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <Section
      title="Your recovery codes"
      description="Each lets you sign in once without your authenticator app, if you lose it. They are shown only now: keep them somewhere safe, apart from your phone."
    >
      <ol aria-label="Recovery codes" className="grid max-w-md grid-cols-2 gap-2 font-mono text-sm text-gray-900">
        {codes.map((code) => (
          <li key={code} className="rounded border border-gray-200 bg-white px-3 py-2">
            {code}
          </li>
        ))}
      </ol>
      <Button variant="primary" onClick={onDone}>
        I have kept my recovery codes
      </Button>
    </Section>
  );
}

function Enrol({ enrolment, onConfirmed }: { enrolment: MfaEnrolment; onConfirmed: (codes: string[]) => void }) {
  const [code, setCode] = useState('');
  const confirm = useMutation({
    mutationFn: (value: string) => callApi('confirmMfa', { body: { code: value } }),
    meta: { errorHandling: 'local' },
    onSuccess: (answer) => onConfirmed(answer.recoveryCodes),
  });
  const fieldError = apiFieldMessages(confirm.error).code;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    confirm.mutate(code);
  };
  return (
    <Section
      title="Scan the code with your authenticator app"
      description="Any TOTP app works (for instance Google Authenticator, Microsoft Authenticator, 1Password, Bitwarden)."
    >
      <img src={enrolment.qrCode} alt="QR code of your two-factor secret, for your authenticator app" className="h-48 w-48 bg-white p-2" />
      <div className="text-sm text-gray-700">
        <p>Or type this key into the app (time-based, 6 digits, 30 seconds):</p>
        <p>
          <code aria-label="Your two-factor key" className="font-mono text-base break-all text-gray-900">
            {enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}
          </code>
        </p>
      </div>
      <form noValidate onSubmit={submit} className="max-w-sm space-y-3">
        {confirm.error && !fieldError ? <Alert>{isApiError(confirm.error) ? confirm.error.message : 'That did not work.'}</Alert> : null}
        <TextField
          label="Code from the app"
          name="code"
          autoComplete="one-time-code"
          inputMode="numeric"
          hint="The 6 digits the app shows now, to confirm it is set up"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          error={fieldError}
          required
        />
        <Button type="submit" variant="primary" disabled={confirm.isPending}>
          {confirm.isPending ? 'Confirming…' : 'Turn on two-factor sign-in'}
        </Button>
      </form>
    </Section>
  );
}

/**
 * Two-factor sign-in while it is on, and turning it off with the current password or a code (the API asks
 * again who is there). Where REQUIRE_MFA holds the role to it, the reason the API gives instead of the form.
 */
function TwoFactorOn({ mfa }: { mfa: MfaStatus }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<TurnOffMfa>({ password: '', code: '' });
  const turnOff = useMutation({
    mutationFn: (body: TurnOffMfa) => callApi('turnOffMfa', { body }),
    meta: { errorHandling: 'local' },
    onSuccess: (status) => {
      queryClient.setQueryData(ownMfaQuery.queryKey, status);
      toasts.show('Two-factor sign-in is off. Signing in asks for your password only.', 'success');
    },
  });
  const fields = apiFieldMessages(turnOff.error);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    turnOff.mutate({ ...(values.password ? { password: values.password } : {}), ...(values.code ? { code: values.code } : {}) });
  };
  return (
    <Section title="Two-factor sign-in is on">
      <p className="text-sm text-gray-700">
        Since {mfa.enrolledAt ? formatDateTime(mfa.enrolledAt) : 'earlier'}. Signing in with your password also asks for the code your app
        shows. {mfa.recoveryCodesLeft} of your recovery codes {mfa.recoveryCodesLeft === 1 ? 'is' : 'are'} left. Lost your phone? A privacy
        officer can reset it.
      </p>
      {mfa.turnOff.allowed ? (
        <form noValidate onSubmit={submit} aria-labelledby="turn-off-mfa" className="max-w-sm space-y-3">
          <h3 id="turn-off-mfa" className="text-sm font-semibold text-gray-900">
            Turn it off
          </h3>
          {turnOff.error && !fields.password && !fields.code ? (
            <Alert>{isApiError(turnOff.error) ? turnOff.error.message : 'That did not work. Please try again.'}</Alert>
          ) : null}
          <TextField
            label="Current password"
            name="password"
            type="password"
            autoComplete="current-password"
            hint="Or leave it empty and enter a code from your app below"
            value={values.password ?? ''}
            onChange={(event) => setValues((v) => ({ ...v, password: event.target.value }))}
            error={fields.password}
          />
          <TextField
            label="Or a code from your app"
            name="code"
            autoComplete="one-time-code"
            inputMode="numeric"
            value={values.code ?? ''}
            onChange={(event) => setValues((v) => ({ ...v, code: event.target.value }))}
            error={fields.code}
          />
          <Button type="submit" variant="danger" disabled={turnOff.isPending}>
            {turnOff.isPending ? 'Turning off…' : 'Turn off two-factor sign-in'}
          </Button>
        </form>
      ) : mfa.turnOff.reason ? (
        <p className="text-sm text-gray-700">{mfa.turnOff.reason}.</p>
      ) : null}
    </Section>
  );
}

/** One's own sign-in security: two-factor sign-in (TOTP) and its recovery codes. */
export function Component() {
  const queryClient = useQueryClient();
  const session = useSession();
  const status = useQuery(ownMfaQuery);
  const [codes, setCodes] = useState<string[] | null>(null);
  const start = useMutation({
    mutationFn: () => callApi('startMfaEnrolment', { body: {} }),
    meta: { errorHandling: 'local' },
  });
  const done = async () => {
    setCodes(null);
    start.reset();
    await queryClient.invalidateQueries({ queryKey: sessionQuery.queryKey });
  };

  return (
    <>
      <PageHeader title="Security" description="How you sign in with your password, and the mail you receive." />
      {session.mfaSetupRequired ? (
        <Alert tone="info" title="Set up two-factor sign-in to continue">
          Your role must use two-factor sign-in with a password. Until it is set up, this page is all the console shows you.
        </Alert>
      ) : null}
      {codes ? (
        <RecoveryCodes codes={codes} onDone={() => void done()} />
      ) : (
        <QueryState query={status} loading="Loading your sign-in settings…" rows={2}>
          {(mfa) =>
            mfa.enrolled ? (
              <TwoFactorOn mfa={mfa} />
            ) : start.data ? (
              <Enrol
                enrolment={start.data}
                onConfirmed={(recovery) => {
                  setCodes(recovery);
                  void queryClient.invalidateQueries({ queryKey: ownMfaQuery.queryKey });
                }}
              />
            ) : (
              <Section
                title="Two-factor sign-in is off"
                description="With it, signing in with your password also needs a code from an app on your phone, so a stolen password alone does not let anyone in."
              >
                {start.error ? <Alert>{isApiError(start.error) ? start.error.message : 'Starting failed. Please try again.'}</Alert> : null}
                <Button variant="primary" onClick={() => start.mutate()} disabled={start.isPending}>
                  Set up two-factor sign-in
                </Button>
              </Section>
            )
          }
        </QueryState>
      )}
      {session.mfaSetupRequired ? null : <MailPreferencesSection />}
    </>
  );
}
