// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Harness } from '@/testing/harness';
import { renderConsole } from './render-console';

afterEach(() => vi.unstubAllGlobals());

const tableNamed = (name: string) => screen.getByRole('table', { name });
const table = () => tableNamed('Support-access requests');
const bodyRows = (t = table()) => within(t).getAllByRole('row').slice(1);
const cell = (row: HTMLElement, index: number) => within(row).getAllByRole('cell')[index]?.textContent ?? '';

/** A cloud account with no request open for the seeded agent, so a new one may be made for it. */
function freeCloudAccount(harness: Harness, skip = 0) {
  const open = new Set(harness.seed.supportAccess.filter((r) => r.status === 'pending' || r.status === 'active').map((r) => r.accountId));
  // An open deletion request refuses support access too.
  for (const d of harness.seed.deletions) if (d.status !== 'completed' && d.status !== 'rejected') if (d.accountId) open.add(d.accountId);
  const free = harness.seed.accounts.filter((a) => a.hosting === 'cloud' && a.status === 'active' && !open.has(a.id));
  const account = free[skip];
  if (!account) throw new Error('the seed has no free cloud account');
  return account;
}

/**
 * A request the customer consented to: over the API, the agent asks and the owner consents on the consent
 * page with login details (`credentials`), or by phone, recorded by the agent and confirmed by an officer.
 */
async function preparedRequest(harness: Harness, { credentials = false, skip = 0 } = {}): Promise<{ id: string; accountName: string }> {
  const account = freeCloudAccount(harness, skip);
  const owner = harness.seed.subjects.find((s) => s.accountId === account.id && s.accountRole === 'owner');
  if (!owner) throw new Error('the account has no owner');
  const created = await harness.call('support', 'POST', '/api/support-access-requests', {
    body: {
      accountId: account.id,
      ticketRef: 'HS-90001',
      reason: 'Export fails on the invoices page',
      scope: 'read',
      durationHours: 4,
      ownerId: owner.id,
    },
  });
  expect(created.status).toBe(201);
  if (credentials) {
    const token = String(created.json.issuedConsentLink).split('/').pop();
    const consented = await harness.call('nobody', 'POST', `/api/public/access/${token}/consent`, {
      body: { typedName: owner.name, username: 'admin@customer.test', password: 'correct horse battery' },
    });
    expect(consented.status).toBe(200);
  } else {
    const consented = await harness.call('support', 'POST', `/api/support-access-requests/${created.json.id}/consent`, {
      version: created.json.version,
      body: { givenAt: created.json.createdAt, channel: 'phone_call', quote: 'Yes, please log in and look.', reason: 'No mail access' },
    });
    expect(consented.status).toBe(200);
    const confirmed = await harness.call('officer2', 'POST', `/api/support-access-requests/${created.json.id}/confirm-consent`, {
      version: consented.json.version,
    });
    expect(confirmed.status).toBe(200);
  }
  return { id: created.json.id, accountName: account.name };
}

describe('support access lists', () => {
  it('lists the requests with their key columns', async () => {
    const { harness } = await renderConsole('/support-access', { as: 'officer' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Support access' })).toBeInTheDocument();
    await screen.findByRole('table', { name: 'Support-access requests' });
    const headers = within(table())
      .getAllByRole('columnheader')
      .map((th) => th.textContent);
    expect(headers).toEqual(['Account', 'Ticket', 'Requester', 'Status', 'Created', 'Ends']);
    expect(bodyRows()).toHaveLength(Math.min(50, harness.seed.supportAccess.length));
  });

  it('gives an officer the queue oldest first with its expiry, and active grants soonest ending first', async () => {
    const { harness } = await renderConsole('/support-access', { as: 'officer' });
    const queue = await screen.findByRole('table', { name: 'Requests awaiting approval' });
    const pending = harness.seed.supportAccess.filter((r) => r.status === 'pending').sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    expect(bodyRows(queue).map((row) => cell(row, 1))).toEqual(pending.map((r) => r.ticketRef));
    expect(
      within(queue)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toContain('Expires undecided');
    expect(within(queue).getAllByRole('timer').length).toBe(pending.length);

    const grants = screen.getByRole('table', { name: 'Active grants and the time they have left' });
    const active = harness.seed.supportAccess
      .filter((r) => r.status === 'active')
      .sort((a, b) => (a.grantEndsAt ?? '').localeCompare(b.grantEndsAt ?? ''));
    expect(bodyRows(grants).map((row) => cell(row, 1))).toEqual(active.map((r) => r.ticketRef));
    expect(within(grants).getAllByRole('timer')[0]?.textContent).toMatch(/\d+ (h|min)/);
  });

  it('reads the history filters from a shared link and writes them back', async () => {
    const { user, router } = await renderConsole('/support-access?status=pending', { as: 'auditor' });
    await screen.findByRole('heading', { level: 1, name: 'Support access' });
    expect(screen.getByLabelText('Status')).toHaveValue('pending');
    await waitFor(() => expect(bodyRows().length).toBeGreaterThan(0));
    for (const row of bodyRows()) expect(cell(row, 3)).toMatch(/^Waiting for /);

    await user.selectOptions(screen.getByLabelText('Sort'), 'Oldest first');
    await waitFor(() => expect(router.state.location.search).toBe('?status=pending&sort=oldest'));
    await user.selectOptions(screen.getByLabelText('Agent'), 'Sam Support');
    await waitFor(() => expect(router.state.location.search).toBe('?status=pending&sort=oldest&agent=usr_support'));
  });

  it('filters the history by what a pending request waits for and by when a grant ends, in the URL', async () => {
    const { user, router, harness } = await renderConsole('/support-access?awaiting=consent', { as: 'officer' });
    await screen.findByRole('heading', { level: 1, name: 'Support access' });
    expect(screen.getByLabelText('Waiting for')).toHaveValue('consent');
    const history = () => screen.getByRole('table', { name: 'Support-access requests' });
    const rows = () => within(history()).getAllByRole('row').slice(1);
    const waiting = harness.seed.supportAccess.filter((r) => r.status === 'pending' && r.consent === null);
    await waitFor(() => expect(rows()).toHaveLength(waiting.length));
    for (const row of rows()) expect(within(row).getAllByRole('cell')[3]?.textContent).toBe("Waiting for the customer's consent");

    await user.selectOptions(screen.getByLabelText('Waiting for'), '');
    await user.selectOptions(screen.getByLabelText('Grant ends'), 'Within 24 hours');
    await waitFor(() => expect(router.state.location.search).toBe('?ending=24'));
    const { json } = await harness.call('officer', 'GET', '/api/support-access-requests?endingWithinHours=24&limit=200');
    const ending = (json as { items: { ticketRef: string }[] }).items;
    if (ending.length === 0) expect(await screen.findByText(/No requests match/)).toBeInTheDocument();
    else
      await waitFor(() =>
        expect(rows().map((row) => within(row).getAllByRole('cell')[1]?.textContent)).toEqual(ending.map((r) => r.ticketRef)),
      );
  });

  it('shows a support agent only their own requests, their grants and a way to ask', async () => {
    const { harness } = await renderConsole('/support-access', { as: 'support' });
    await screen.findByRole('table', { name: 'Support-access requests' });
    expect(screen.queryByRole('table', { name: 'Requests awaiting approval' })).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Your active grants' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'New request' })).toHaveAttribute('href', '/support-access/new');
    const agent = harness.seed.users.find((u) => u.email === 'support@demo.test');
    const requesters = new Set(bodyRows().map((row) => cell(row, 2)));
    expect([...requesters]).toEqual([agent?.name]);
  });

  it('opens a request with its fields and timeline', async () => {
    const { user } = await renderConsole('/support-access', { as: 'officer' });
    await screen.findByRole('table', { name: 'Support-access requests' });
    const first = bodyRows()[0];
    const link = first ? within(first).getByRole('link') : null;
    if (!link) throw new Error('no request link');
    const account = link.textContent ?? '';
    await user.click(link);
    expect(await screen.findByRole('heading', { level: 1, name: `Access to ${account}` })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Timeline' })).toBeInTheDocument();
    expect(screen.getByText('Decide by')).toBeInTheDocument();
  });
});

describe('asking for access', () => {
  it('lets an agent create a request for a cloud account', async () => {
    const { user, harness, router } = await renderConsole('/support-access/new', { as: 'support' });
    await screen.findByRole('heading', { level: 1, name: 'New support-access request' });
    const account = freeCloudAccount(harness);
    await user.type(screen.getByLabelText('Find an account'), account.name);
    await user.click(await screen.findByRole('radio', { name: account.name }));
    const owner = harness.seed.subjects.find((p) => p.accountId === account.id && p.accountRole === 'owner')!;
    // The account's people load after the pick: slow when the machine runs other suites at once.
    await waitFor(() => expect(screen.getByLabelText('Owner asked to consent').querySelectorAll('option').length).toBeGreaterThan(1), {
      timeout: 15_000,
    });
    await user.selectOptions(screen.getByLabelText('Owner asked to consent'), owner.id);
    // Pasted, not typed key by key: forty keystrokes through a long form in jsdom are what made this test slow
    // (and time out) on a busy machine; the fields' validation runs on the input event either way.
    await user.click(screen.getByLabelText('Ticket reference'));
    await user.paste('HS-77001');
    await user.click(screen.getByLabelText('Reason'));
    await user.paste('The customer cannot open their reports');
    expect(screen.getByLabelText('Duration')).toHaveValue('24');
    await user.selectOptions(screen.getByLabelText('Scope'), 'Read and write');
    await user.click(screen.getByRole('button', { name: 'Ask for access' }));

    // Creating, then loading the request page's code: slow on a busy machine.
    expect(await screen.findByRole('heading', { level: 1, name: `Access to ${account.name}` }, { timeout: 15_000 })).toBeInTheDocument();
    expect(router.state.location.pathname).toMatch(/^\/support-access\/.+/);
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Consent link' }).value).toMatch(/\/access-consent\/[\w-]{40,}$/);
    expect(screen.getByRole('form', { name: 'Record customer consent' })).toBeInTheDocument();
    const listed = await harness.call('officer', 'GET', `/api/support-access-requests?q=HS-77001`);
    expect(listed.json.items).toMatchObject([{ accountId: account.id, scope: 'read_write', durationHours: 24, status: 'pending' }]);
  }, 40_000);

  it('marks self-hosted accounts and shows the API refusal next to the account field', async () => {
    const probe = await renderConsole('/', { as: 'support' });
    const selfHosted = probe.harness.seed.accounts.find((a) => a.hosting === 'self_hosted' && a.status === 'active');
    if (!selfHosted) throw new Error('the seed has no self-hosted account');
    probe.unmount();

    const { user } = await renderConsole(`/support-access/new?account=${selfHosted.id}`, { as: 'support' });
    await screen.findByRole('heading', { level: 1, name: 'New support-access request' });
    await user.type(screen.getByLabelText('Find an account'), selfHosted.name);
    const option = await screen.findByRole('radio', { name: selfHosted.name });
    expect(option).toBeDisabled();
    expect(option).toHaveAccessibleDescription(/on the customer's own servers/);
    const owner = probe.harness.seed.subjects.find((p) => p.accountId === selfHosted.id && p.accountRole === 'owner')!;
    await waitFor(() => expect(screen.getByLabelText('Owner asked to consent').querySelectorAll('option').length).toBeGreaterThan(1), {
      timeout: 5000,
    });
    await user.selectOptions(screen.getByLabelText('Owner asked to consent'), owner.id);

    await user.type(screen.getByLabelText('Ticket reference'), 'HS-77002');
    await user.type(screen.getByLabelText('Reason'), 'Check their settings');
    await user.click(screen.getByRole('button', { name: 'Ask for access' }));
    const field = screen.getByRole('group', { name: 'Account' });
    await waitFor(() => expect(field).toHaveAccessibleDescription('Self-hosted: nothing to access'));
    expect(screen.getByLabelText('Ticket reference')).toHaveValue('HS-77002');
  });
});

describe('deciding and using access', () => {
  it('lets an officer approve a consented request', async () => {
    const { user, harness, router } = await renderConsole('/', { as: 'officer' });
    const prepared = await preparedRequest(harness);
    await act(() => router.navigate(`/support-access/${prepared.id}`));
    await screen.findByRole('heading', { level: 1, name: `Access to ${prepared.accountName}` });
    await user.click(screen.getByRole('button', { name: 'Approve' }));
    const dialog = screen.getByRole('alertdialog', { name: `Approve access to ${prepared.accountName}?` });
    await user.click(within(dialog).getByRole('button', { name: 'Approve' }));
    expect(await screen.findByText('Access granted')).toBeInTheDocument();
    expect(screen.getByRole('timer')).toHaveTextContent(/left$/);
    expect(screen.getByRole('button', { name: 'Revoke access' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Reveal login details' })).not.toBeInTheDocument();
    const stored = await harness.call('auditor', 'GET', `/api/support-access-requests/${prepared.id}`);
    expect(stored.json).toMatchObject({ status: 'active', decidedByName: 'Olivia Officer' });
  });

  it('refuses approval in the page while consent is missing', async () => {
    const { harness, router } = await renderConsole('/', { as: 'officer' });
    const pending = harness.seed.supportAccess.find((r) => r.status === 'pending' && r.consent === null);
    if (!pending) throw new Error('the seed has no unconsented pending request');
    await act(() => router.navigate(`/support-access/${pending.id}`));
    expect(await screen.findByRole('button', { name: 'Approve' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Approve' })).toHaveAccessibleDescription(/consent/);
  });

  it('offers the reveal only to the requesting agent, in place until hidden', async () => {
    const officerView = await renderConsole('/', { as: 'officer' });
    const prepared = await preparedRequest(officerView.harness, { credentials: true });
    const found = await officerView.harness.call('officer', 'GET', `/api/support-access-requests/${prepared.id}`);
    const approved = await officerView.harness.call('officer', 'POST', `/api/support-access-requests/${prepared.id}/approve`, {
      version: found.json.version,
    });
    expect(approved.status).toBe(200);
    await act(() => officerView.router.navigate(`/support-access/${prepared.id}`));
    await screen.findByText('Access granted');
    expect(screen.queryByRole('button', { name: 'Reveal login details' })).not.toBeInTheDocument();

    // The same store, now seen by the agent who asked, then by the auditor.
    officerView.unmount();
    const agentView = await renderConsole('/', { as: 'support' });
    const again = await preparedRequest(agentView.harness, { credentials: true });
    const fresh = await agentView.harness.call('officer', 'GET', `/api/support-access-requests/${again.id}`);
    await agentView.harness.call('officer', 'POST', `/api/support-access-requests/${again.id}/approve`, { version: fresh.json.version });
    await act(() => agentView.router.navigate(`/support-access/${again.id}`));
    await screen.findByText('Access granted');
    expect(screen.getByText(/recorded in the audit log/)).toBeInTheDocument();
    await agentView.user.click(screen.getByRole('button', { name: 'Reveal login details' }));
    const details = await screen.findByRole('group', { name: 'Login details' });
    expect(details).toHaveTextContent('admin@customer.test');
    expect(details).toHaveTextContent('correct horse battery');
    await agentView.user.click(screen.getByRole('button', { name: 'Hide login details' }));
    expect(screen.queryByRole('group', { name: 'Login details' })).not.toBeInTheDocument();
    agentView.unmount();

    const auditorView = await renderConsole('/', { as: 'auditor' });
    const third = await preparedRequest(auditorView.harness, { credentials: true });
    const seen = await auditorView.harness.call('officer', 'GET', `/api/support-access-requests/${third.id}`);
    await auditorView.harness.call('officer', 'POST', `/api/support-access-requests/${third.id}/approve`, { version: seen.json.version });
    await act(() => auditorView.router.navigate(`/support-access/${third.id}`));
    await screen.findByText('Access granted');
    expect(screen.getByText('Auditors see everything here and act on nothing.')).toBeInTheDocument();
    expect(within(screen.getByRole('main')).queryAllByRole('button')).toEqual([]);
  });

  it('follows the API’s clock, not the page’s, for what a request still allows', async () => {
    const { harness, router } = await renderConsole('/', { as: 'support' });
    const now = harness.clock.now;
    const ask = async (skip: number, ticketRef: string, minutesAgo: number) => {
      harness.clock.now = new Date(now.getTime() - minutesAgo * 60_000);
      const account = freeCloudAccount(harness, skip);
      const created = await harness.call('support', 'POST', '/api/support-access-requests', {
        body: {
          accountId: account.id,
          ticketRef,
          reason: 'Slow exports',
          scope: 'read',
          durationHours: 1,
          ownerId: harness.seed.subjects.find((p) => p.accountId === account.id && p.accountRole === 'owner')!.id,
        },
      });
      expect(created.status).toBe(201);
      return { id: created.json.id as string, accountName: account.name };
    };
    // One asked 11 h 58 min ago (2 minutes left to decide), one 12 h 1 min ago (expired), on the server's clock.
    const open = await ask(4, 'HS-90777', 11 * 60 + 58);
    const lapsed = await ask(6, 'HS-90778', 12 * 60 + 1);
    harness.clock.now = now;
    // The reader's clock runs 5 minutes fast: by it, both have expired. The page must not think so.
    vi.setSystemTime(new Date(now.getTime() + 5 * 60_000));

    await act(() => router.navigate(`/support-access/${open.id}`));
    await screen.findByRole('heading', { level: 1, name: `Access to ${open.accountName}` });
    expect(screen.getByRole('form', { name: 'Record customer consent' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cancel request' })).toBeEnabled();

    await act(() => router.navigate(`/support-access/${lapsed.id}`));
    await screen.findByRole('heading', { level: 1, name: `Access to ${lapsed.accountName}` });
    expect(screen.getByText('Nothing can be done on this request in its current state.')).toBeInTheDocument();
    expect(screen.queryAllByRole('form')).toEqual([]);
  });

  it('shows an officer the actions a pending request refuses, each with the API’s reason', async () => {
    const { harness, router } = await renderConsole('/', { as: 'officer' });
    const prepared = await preparedRequest(harness, { skip: 5 });
    await act(() => router.navigate(`/support-access/${prepared.id}`));
    await screen.findByRole('heading', { level: 1, name: `Access to ${prepared.accountName}` });
    expect(screen.getByRole('button', { name: 'Approve' })).toBeEnabled();
    const revoke = screen.getByRole('button', { name: 'Revoke access' });
    expect(revoke).toBeDisabled();
    expect(revoke).toHaveAccessibleDescription('Only an active grant can be revoked; the request is pending');
    // The agent's own actions are not an officer's at all.
    expect(screen.queryByRole('form', { name: 'Record customer consent' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel request' })).not.toBeInTheDocument();
  });

  it('shows an auditor no way to ask and no write form', async () => {
    const { harness, router } = await renderConsole('/support-access', { as: 'auditor' });
    await screen.findByRole('table', { name: 'Support-access requests' });
    expect(screen.queryByRole('link', { name: 'New request' })).not.toBeInTheDocument();
    expect(screen.queryAllByRole('form')).toEqual([]);
    const pending = harness.seed.supportAccess.find((r) => r.status === 'pending');
    if (!pending) throw new Error('the seed has no pending request');
    await act(() => router.navigate(`/support-access/${pending.id}`));
    await screen.findByRole('heading', { level: 1, name: `Access to ${pending.accountName}` });
    expect(screen.getByText('Auditors see everything here and act on nothing.')).toBeInTheDocument();
    expect(screen.queryAllByRole('form')).toEqual([]);
    await act(() => router.navigate('/support-access/new'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Not available to your role' })).toBeInTheDocument();
    expect(screen.queryAllByRole('form')).toEqual([]);
  });

  it('keeps what was typed when the request changed meanwhile, and offers the newer version', async () => {
    const { user, harness, router } = await renderConsole('/', { as: 'support' });
    const account = freeCloudAccount(harness, 3);
    const asked = await harness.call('support', 'POST', '/api/support-access-requests', {
      body: {
        accountId: account.id,
        ticketRef: 'HS-90412',
        reason: 'Slow dashboard',
        scope: 'read',
        durationHours: 1,
        ownerId: harness.seed.subjects.find((p) => p.accountId === account.id && p.accountRole === 'owner')!.id,
      },
    });
    // Login details come from the agent only beside a consent given by phone.
    const created = await harness.call('support', 'POST', `/api/support-access-requests/${asked.json.id}/consent`, {
      version: asked.json.version,
      body: { givenAt: asked.json.createdAt, channel: 'phone_call', quote: 'Yes', reason: 'No mail access' },
    });
    await act(() => router.navigate(`/support-access/${created.json.id}`));
    const form = await screen.findByRole('form', { name: 'Attach login details' });
    // Someone (here the same agent in another tab) changes the request after the page loaded it.
    await harness.call('support', 'POST', `/api/support-access-requests/${created.json.id}/credentials`, {
      version: created.json.version,
      body: { username: 'first', password: 'first-password' },
    });
    await user.type(within(form).getByLabelText('Username'), 'second');
    await user.type(within(form).getByLabelText('Password'), 'second-password');
    await user.click(within(form).getByRole('button', { name: 'Store login details' }));
    expect(await within(form).findByText('This request has changed since you loaded it')).toBeInTheDocument();
    expect(within(form).getByLabelText('Username')).toHaveValue('second');

    await user.click(within(form).getByRole('button', { name: 'Load the newer version' }));
    await screen.findByRole('heading', { level: 3, name: 'Replace the login details' });
    await user.click(
      within(screen.getByRole('form', { name: 'Attach login details' })).getByRole('button', { name: 'Store login details' }),
    );
    await waitFor(() => expect(screen.queryByText('This request has changed since you loaded it')).not.toBeInTheDocument());
    await waitFor(async () => {
      const stored = await harness.call('officer', 'GET', `/api/support-access-requests/${created.json.id}`);
      expect(stored.json.version).toBe(created.json.version + 2);
    });
  });
});
