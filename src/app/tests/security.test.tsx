// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { Secret, TOTP } from 'otpauth';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderConsole } from './render-console';

afterEach(() => vi.unstubAllGlobals());

const codeAt = (secret: string, at: Date) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: at.getTime() });

describe('two-factor sign-in in the console', () => {
  it('sets it up from the Security page, then the sign-in page asks for the code, and an officer may reset it', async () => {
    const { harness, user, router } = await renderConsole('/security', { as: 'support' });
    await screen.findByRole('heading', { level: 2, name: 'Two-factor sign-in is off' });
    await user.click(screen.getByRole('button', { name: 'Set up two-factor sign-in' }));
    expect(await screen.findByRole('img', { name: /QR code of your two-factor secret/ })).toHaveAttribute(
      'src',
      expect.stringMatching(/^data:image\/svg\+xml;base64,/),
    );
    const secret = screen.getByLabelText('Your two-factor key').textContent?.replace(/\s/g, '') ?? '';
    await user.type(screen.getByLabelText('Code from the app'), '12');
    await user.click(screen.getByRole('button', { name: 'Turn on two-factor sign-in' }));
    expect(await screen.findByText(/is not the one your app shows now/)).toBeInTheDocument();
    await user.clear(screen.getByLabelText('Code from the app'));
    await user.type(screen.getByLabelText('Code from the app'), codeAt(secret, harness.clock.now));
    await user.click(screen.getByRole('button', { name: 'Turn on two-factor sign-in' }));
    const codes = await screen.findByRole('list', { name: 'Recovery codes' });
    expect(within(codes).getAllByRole('listitem')).toHaveLength(10);
    await user.click(screen.getByRole('button', { name: 'I have kept my recovery codes' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Two-factor sign-in is on' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    await user.type(screen.getByLabelText('Email'), 'support@demo.test');
    await user.type(screen.getByLabelText('Password'), 'demo-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const code = await screen.findByLabelText('Two-factor code');
    harness.clock.now = new Date(harness.clock.now.getTime() + 30_000);
    await user.type(code, codeAt(secret, harness.clock.now));
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });
    expect(router.state.location.pathname).toBe('/');
  });

  /** Sets two-factor up for `who` through the API, while the page's session (signed in before) stays. */
  async function enrolThroughApi(harness: Awaited<ReturnType<typeof renderConsole>>['harness'], who: 'support' | 'officer') {
    const enrolment = await harness.call(who, 'POST', '/api/me/mfa/enrolment', { body: {} });
    const secret = String(enrolment.json.secret);
    expect((await harness.call(who, 'POST', '/api/me/mfa', { body: { code: codeAt(secret, harness.clock.now) } })).status).toBe(201);
  }

  it('turns two-factor off with the current password; a wrong one is refused and the form keeps it', async () => {
    const { harness, user } = await renderConsole('/', { as: 'support' });
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });
    await enrolThroughApi(harness, 'support');
    await user.click(screen.getByRole('link', { name: 'Security' }));
    const form = await screen.findByRole('form', { name: 'Turn it off' });
    await user.type(within(form).getByLabelText('Current password'), 'not my password');
    await user.click(within(form).getByRole('button', { name: 'Turn off two-factor sign-in' }));
    expect(await within(form).findByText('That is not your current password')).toBeInTheDocument();
    expect(within(form).getByLabelText('Current password')).toHaveValue('not my password');
    await user.clear(within(form).getByLabelText('Current password'));
    await user.type(within(form).getByLabelText('Current password'), 'demo-password');
    await user.click(within(form).getByRole('button', { name: 'Turn off two-factor sign-in' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Two-factor sign-in is off' })).toBeInTheDocument();
    expect((await harness.call('support', 'GET', '/api/me/mfa')).json.enrolled).toBe(false);
  });

  it('says why two-factor stays on where REQUIRE_MFA holds the role to it, with no form to turn it off', async () => {
    const { harness, user } = await renderConsole('/', { as: 'officer' });
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });
    await enrolThroughApi(harness, 'officer');
    harness.deps.requireMfa = 'officers';
    await user.click(screen.getByRole('link', { name: 'Security' }));
    await screen.findByRole('heading', { level: 2, name: 'Two-factor sign-in is on' });
    expect(
      screen.getByText(/requires two-factor sign-in for privacy officers \(REQUIRE_MFA=officers\), so yours stays on/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Turn it off' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Turn off two-factor sign-in' })).toBeNull();
  });

  it('shows officers who waits for confirmation after a first single sign-on, with only the actions they may take', async () => {
    const { harness, user } = await renderConsole('/users', { as: 'officer' });
    await harness.store.transaction((tx) =>
      tx.users.insert({
        id: 'usr_newcomer',
        email: 'newcomer@example.test',
        name: 'Nia Newcomer',
        role: 'auditor',
        passwordHash: '',
        createdAt: harness.clock.now.toISOString(),
        status: 'pending',
      }),
    );
    await user.click(await screen.findByRole('link', { name: 'Users' }));
    const table = await screen.findByRole('table', { name: 'Console users, by email' });
    const row = (await within(table).findByText('Nia Newcomer')).closest('tr');
    if (!row) throw new Error('no row');
    expect(within(row).getByText('Waits for confirmation')).toBeInTheDocument();
    expect(within(table).queryByRole('button', { name: /Reset two-factor/ })).toBeNull();
    await user.click(within(row).getByRole('button', { name: 'Confirm Nia Newcomer' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Confirm' }));
    expect(await screen.findByText('Nia Newcomer may sign in now.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText('Waits for confirmation')).toBeNull());
  });

  it('lets one choose the mail one receives, saves it through the API, and refuses a stale save without losing the choice', async () => {
    const { harness, user } = await renderConsole('/security', { as: 'officer' });
    const form = await screen.findByRole('form', { name: 'Mail you receive' });
    const digest = within(form).getByRole('checkbox', { name: /daily digest/ });
    const approval = within(form).getByRole('checkbox', { name: /support-access request waits/ });
    const before = await harness.call('officer', 'GET', '/api/me/mail-preferences');
    expect(digest).toHaveProperty('checked', before.json.digest);
    expect(approval).toHaveProperty('checked', before.json.accessAwaitingApproval);

    await user.click(digest);
    await user.click(within(form).getByRole('button', { name: 'Save mail choices' }));
    expect(await screen.findByText('Your mail choices are saved.')).toBeInTheDocument();
    const after = await harness.call('officer', 'GET', '/api/me/mail-preferences');
    expect(after.json).toMatchObject({ digest: !before.json.digest, accessAwaitingApproval: before.json.accessAwaitingApproval });

    // Another tab saves in between: this page's save is refused (412) and keeps what was ticked.
    const elsewhere = await harness.call('officer', 'PATCH', '/api/me/mail-preferences', {
      body: { digest: true, accessAwaitingApproval: false },
      version: after.json.version,
    });
    expect(elsewhere.status).toBe(200);
    const current = within(screen.getByRole('form', { name: 'Mail you receive' }));
    await user.click(current.getByRole('checkbox', { name: /support-access request waits/ }));
    const ticked = current.getByRole<HTMLInputElement>('checkbox', { name: /support-access request waits/ }).checked;
    await user.click(current.getByRole('button', { name: 'Save mail choices' }));
    expect(await screen.findByText(/changed elsewhere/)).toBeInTheDocument();
    expect(current.getByRole<HTMLInputElement>('checkbox', { name: /support-access request waits/ }).checked).toBe(ticked);
  });
});
