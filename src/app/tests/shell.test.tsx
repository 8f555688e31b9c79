// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setThemeChoice } from '@/app/theme';
import { renderConsole } from './render-console';

afterEach(() => vi.unstubAllGlobals());

const mainNav = () => screen.getByRole('navigation', { name: 'Main' });

describe('signing in', () => {
  it('sends a visitor without a session to sign in, and back to the page they asked for', async () => {
    const { user, router } = await renderConsole('/processors?status=active');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent('/processors?status=active')}`);

    await user.type(screen.getByLabelText('Email'), 'officer@demo.test');
    await user.type(screen.getByLabelText('Password'), 'demo-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Processors' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/processors');
    expect(router.state.location.search).toBe('?status=active');
  });

  it('shows field errors next to the field and keeps what was typed', async () => {
    const { user } = await renderConsole('/sign-in');
    await user.type(await screen.findByLabelText('Email'), 'not-an-address');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const email = screen.getByLabelText('Email');
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription('Enter an email address');
    expect(email).toHaveValue('not-an-address');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Enter your password');
  });

  it('says so in an alert when the password is wrong, keeping the form filled in', async () => {
    const { user } = await renderConsole('/sign-in');
    await user.type(await screen.findByLabelText('Email'), 'officer@demo.test');
    await user.type(screen.getByLabelText('Password'), 'wrong-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('The email or password is not right.');
    expect(screen.getByLabelText('Email')).toHaveValue('officer@demo.test');
    expect(screen.getByLabelText('Password')).toHaveValue('wrong-password');
  });
});

describe('the layout', () => {
  it('shows a privacy officer every area, their name and role', async () => {
    const { harness } = await renderConsole('/', { as: 'officer' });
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });
    const links = within(mainNav())
      .getAllByRole('link')
      .map((link) => link.textContent);
    expect(links).toEqual([
      'Dashboard',
      'Processors',
      'Consent records',
      'Support access',
      'Deletions',
      'Breaches',
      'Audit log',
      'Outbox',
      'Users',
      'API tokens',
      'Webhooks',
    ]);
    const officer = harness.seed.users.find((u) => u.email === 'officer@demo.test');
    expect(screen.getByRole('banner')).toHaveTextContent(officer?.name ?? 'missing');
    expect(screen.getByRole('banner')).toHaveTextContent('Privacy officer');
    expect(screen.getByRole('link', { name: 'Skip to main content' })).toHaveAttribute('href', '#main');
  });

  it('shows a support agent neither Deletions nor the Audit log', async () => {
    await renderConsole('/', { as: 'support' });
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });
    const links = within(mainNav())
      .getAllByRole('link')
      .map((link) => link.textContent);
    expect(links).toEqual(['Dashboard', 'Processors', 'Consent records', 'Support access']);
    expect(screen.getByRole('banner')).toHaveTextContent('Support agent');
  });

  it('signs out and goes to the sign-in page, whose session is then gone', async () => {
    const { user, router, transport } = await renderConsole('/', { as: 'auditor' });
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(transport.headers()).toEqual({});

    await act(() => router.navigate('/audit'));
    await waitFor(() => expect(router.state.location.pathname).toBe('/sign-in'));
  });

  it('answers an unknown address with a 404 page and a way back', async () => {
    await renderConsole('/no-such-page', { as: 'officer' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the dashboard' })).toHaveAttribute('href', '/');
    expect(mainNav()).toBeInTheDocument();
  });

  it('sends the user to sign in when the session ends behind their back', async () => {
    const { user, transport } = await renderConsole('/', { as: 'officer' });
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });
    const { Authorization } = transport.headers();
    await fetch('/api/session', { method: 'DELETE', headers: { Authorization: Authorization ?? '' } });

    await user.click(within(mainNav()).getByRole('link', { name: 'Audit log' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
  });
});

describe('the sign-in page of a server', () => {
  it('says when the server holds the demo users, and lists them with their published password', async () => {
    await renderConsole('/sign-in', { demoUsers: true });
    const demo = await screen.findByRole('region', { name: 'Demo users' });
    expect(demo).toHaveTextContent('This server holds the demo data: anyone who can reach it can sign in as these users.');
    expect(demo).toHaveTextContent('demo-password');
    expect(within(demo).getAllByRole('button')).toHaveLength(4);
  });

  it('offers no demo users where there are none', async () => {
    await renderConsole('/sign-in');
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Demo users' })).not.toBeInTheDocument());
    expect(screen.queryByText(/demo-password/)).not.toBeInTheDocument();
  });
});

describe('one’s own sessions', () => {
  it('lists them with the current one marked, ends another one, and signs out everywhere', async () => {
    const { user, router, harness, transport } = await renderConsole('/', { as: 'officer' });
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });
    const elsewhere = await harness.signInAs('officer@demo.test');
    await user.click(screen.getByRole('link', { name: 'Your sessions' }));
    const table = await screen.findByRole('table', { name: 'Your sessions, newest first' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.filter((row) => within(row).queryByText('This session'))).toHaveLength(1);

    const other = rows.find((row) => !within(row).queryByText('This session'))!;
    await user.click(within(other).getByRole('button', { name: /^End the session signed in/ }));
    expect(await screen.findByText('That session has ended.')).toBeInTheDocument();
    await waitFor(() =>
      expect(within(screen.getByRole('table', { name: 'Your sessions, newest first' })).getAllByRole('row')).toHaveLength(rows.length),
    );
    const ended = await fetch('/api/session', { headers: { Authorization: `Bearer ${elsewhere}` } });
    expect(ended.status).toBe(401);

    await user.click(within(screen.getByRole('banner')).getByRole('button', { name: 'Sign out everywhere' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(transport.headers()).toEqual({});
    const mine = await harness.store.transaction((tx) => tx.sessions.listByUser('usr_officer'));
    expect(mine).toEqual([]);
  });
});

describe('demo mode', () => {
  it('offers one-click sign-in for each demo user', async () => {
    const { user, router } = await renderConsole('/sign-in', { demo: true });
    expect(await screen.findByRole('region', { name: 'Demo mode' })).toHaveTextContent('synthetic');
    for (const name of [
      'Sign in as Privacy officer (officer@demo.test)',
      'Sign in as Privacy officer (officer2@demo.test)',
      'Sign in as Support agent (support@demo.test)',
      'Sign in as Auditor (auditor@demo.test)',
    ]) {
      expect(await screen.findByRole('button', { name })).toBeInTheDocument();
    }
    expect(screen.getByRole('region', { name: 'Demo users' })).toHaveTextContent('runs in your browser');
    await user.click(screen.getByRole('button', { name: 'Sign in as Auditor (auditor@demo.test)' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Dashboard' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/');
    expect(screen.getByRole('banner')).toHaveTextContent('Auditor');
  });

  it('resets the demo data after a confirmation, and signs the user out', async () => {
    const { user, router, transport, demoResets } = await renderConsole('/processors', { as: 'officer', demo: true });
    await screen.findByRole('heading', { level: 1, name: 'Processors' });

    await user.click(screen.getByRole('button', { name: 'Reset demo data' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Reset the demo data?' });
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(demoResets).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Reset demo data' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Reset demo data' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(demoResets).toHaveLength(1);
    expect(demoResets[0]?.method).toBe('POST');
    expect(transport.headers()).toEqual({});
  });
});

describe('quick find', () => {
  it('opens with Ctrl+K, moves through results with the arrow keys and opens one with Enter', async () => {
    const { user, router, harness } = await renderConsole('/', { as: 'officer' });
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });
    const processors = harness.seed.processors.filter((p) => p.name.toLowerCase().includes('google'));
    expect(processors.length).toBeGreaterThan(1);

    await user.keyboard('{Control>}k{/Control}');
    const dialog = await screen.findByRole('dialog', { name: 'Quick find' });
    const box = within(dialog).getByRole('combobox', { name: 'Quick find' });
    expect(box).toHaveFocus();
    expect(box).toHaveAttribute('aria-expanded', 'false');

    await user.type(box, 'google');
    const listbox = await within(dialog).findByRole('listbox', { name: 'Results' });
    expect(box).toHaveAttribute('aria-expanded', 'true');
    expect(box).toHaveAttribute('aria-controls', listbox.id);
    const options = within(listbox).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(expect.arrayContaining(processors.map((p) => expect.stringContaining(p.name))));
    expect(options[0]).toHaveAttribute('aria-selected', 'true');
    expect(box).toHaveAttribute('aria-activedescendant', options[0]?.id);

    await user.keyboard('{ArrowDown}');
    expect(options[1]).toHaveAttribute('aria-selected', 'true');
    expect(options[0]).toHaveAttribute('aria-selected', 'false');
    expect(box).toHaveAttribute('aria-activedescendant', options[1]?.id);
    expect(box).toHaveFocus();
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(options[options.length - 1]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{ArrowDown}{ArrowDown}');

    const chosen = processors.find((p) => options[1]?.textContent?.includes(p.name));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(router.state.location.pathname).toBe(`/processors/${chosen?.id}`));
    expect(screen.queryByRole('dialog', { name: 'Quick find' })).not.toBeInTheDocument();
  });

  it('finds an account by its id from the header button, and Escape closes it with focus back on the button', async () => {
    const { user, router, harness } = await renderConsole('/processors', { as: 'auditor' });
    await screen.findByRole('heading', { level: 1, name: 'Processors' });
    const account = harness.seed.accounts[3]!;
    const button = screen.getByRole('button', { name: /Quick find/ });

    await user.click(button);
    const box = within(screen.getByRole('dialog', { name: 'Quick find' })).getByRole('combobox');
    await user.type(box, account.id);
    const option = await screen.findByRole('option', { name: new RegExp(`${account.name}.*Account$`) });
    expect(option).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(button).toHaveFocus();
    expect(router.state.location.pathname).toBe('/processors');

    await user.click(button);
    await user.type(within(screen.getByRole('dialog', { name: 'Quick find' })).getByRole('combobox'), account.id);
    await user.click(await screen.findByRole('option', { name: new RegExp(account.name) }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/accounts/${account.id}`));
  });

  it('says how many match in all, and "Show all" lists them, by keyboard', async () => {
    const { user, harness } = await renderConsole('/', { as: 'officer' });
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });
    // Every match of a name part, counted from the seed: accounts, processors, support tickets.
    const matches = (q: string) =>
      harness.seed.accounts.filter((a) => a.name.toLowerCase().includes(q)).length +
      harness.seed.processors.filter((p) => p.name.toLowerCase().includes(q)).length +
      harness.seed.supportAccess.filter((r) => r.ticketRef.toLowerCase().includes(q)).length;
    // More accounts than the first list holds (8 of a kind), few enough for one full list.
    const accounts = (q: string) => harness.seed.accounts.filter((a) => a.name.toLowerCase().includes(q)).length;
    const parts = harness.seed.accounts.flatMap((a) => a.name.toLowerCase().match(/[a-z]{2}/g) ?? []);
    const q = parts.find((part) => accounts(part) > 10 && matches(part) <= 100);
    if (!q) throw new Error('no name part with more than 10 accounts in the seed');
    const total = matches(q);

    await user.keyboard('{Control>}k{/Control}');
    const dialog = await screen.findByRole('dialog', { name: 'Quick find' });
    await user.type(within(dialog).getByRole('combobox'), q);
    const status = within(dialog).getByRole('status');
    await waitFor(() => expect(status).toHaveTextContent(new RegExp(`^\\d+ of ${total} results\\.`)));
    const shown = within(within(dialog).getByRole('listbox')).getAllByRole('option').length;
    expect(status).toHaveTextContent(`${shown} of ${total} results.`);
    expect(shown).toBeLessThan(total);

    await user.tab();
    const showAll = within(dialog).getByRole('button', { name: `Show all ${total}` });
    expect(showAll).toHaveFocus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(status).toHaveTextContent(`${total} results.`));
    expect(within(within(dialog).getByRole('listbox')).getAllByRole('option')).toHaveLength(total);
    expect(within(dialog).queryByRole('button', { name: /Show all/ })).not.toBeInTheDocument();
    expect(within(dialog).getByRole('combobox')).toHaveFocus();
  });

  it('says when nothing matches, and asks for two characters first', async () => {
    const { user } = await renderConsole('/', { as: 'support' });
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });
    await user.keyboard('{Meta>}k{/Meta}');
    const dialog = await screen.findByRole('dialog', { name: 'Quick find' });
    await user.type(within(dialog).getByRole('combobox'), 'z');
    expect(within(dialog).getByRole('status')).toHaveTextContent('Type at least 2 characters.');
    await user.type(within(dialog).getByRole('combobox'), 'zzqqxx');
    await waitFor(() => expect(within(dialog).getByRole('status')).toHaveTextContent('No matches.'));
    expect(within(dialog).queryByRole('listbox')).not.toBeInTheDocument();
  });
});

describe('keyboard shortcuts and themes', () => {
  afterEach(() => setThemeChoice('system'));

  it('lists the shortcuts on "?", and "g" then a letter goes to an area the role may use', async () => {
    const { user, router } = await renderConsole('/', { as: 'support' });
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });
    await user.keyboard('?');
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    const rows = within(dialog)
      .getAllByRole('row')
      .map((row) => row.textContent);
    expect(rows).toEqual(
      expect.arrayContaining([expect.stringMatching(/^CtrlKor⌘KQuick find/), '?Show these shortcuts', 'gthenpGo to Processors']),
    );
    expect(rows.some((row) => row?.includes('Audit log'))).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    await user.keyboard('gp');
    await waitFor(() => expect(router.state.location.pathname).toBe('/processors'));
    await user.keyboard('ga');
    expect(router.state.location.pathname).toBe('/processors');
  });

  it('switches between the system, light and dark themes and remembers the choice', async () => {
    const { user } = await renderConsole('/', { as: 'officer' });
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });
    const theme = screen.getByRole('combobox', { name: 'Theme' });
    expect(theme).toHaveValue('system');
    // jsdom has no colour scheme of its own: "system" means light here.
    expect(document.documentElement.dataset.theme).toBe('light');

    await user.selectOptions(theme, 'Dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(localStorage.getItem('privacy-console.theme')).toBe('dark');
    await user.selectOptions(theme, 'System');
    expect(document.documentElement.dataset.theme).toBe('light');
    expect(localStorage.getItem('privacy-console.theme')).toBeNull();
  });
});
