// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderConsole } from './render-console';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const table = () => screen.getByRole('table', { name: 'Audit events, newest first' });
const bodyRows = () => within(table()).getAllByRole('row').slice(1);
const cell = (row: HTMLElement, index: number) => within(row).getAllByRole('cell')[index];

describe('audit log', () => {
  it('lists who did what, newest first, and filters by record type through the URL', async () => {
    const { user, router } = await renderConsole('/audit', { as: 'auditor' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Audit log' })).toBeInTheDocument();
    const headers = within(table())
      .getAllByRole('columnheader')
      .map((th) => th.textContent);
    expect(headers).toEqual(['Time', 'Actor', 'Role', 'Action', 'Record', 'Summary', 'Origin']);
    expect(bodyRows().length).toBeGreaterThan(0);

    await user.selectOptions(screen.getByLabelText('Record type'), 'Session');
    await waitFor(() => expect(router.state.location.search).toBe('?recordType=session'));
    await waitFor(() => {
      for (const row of bodyRows()) expect(cell(row, 4)?.textContent).toMatch(/^Session /);
    });
  });

  it('filters by actor, action and record in the URL, links each record to its page, and exports exactly those events', async () => {
    const { user, router, harness } = await renderConsole('/audit', { as: 'officer' });
    await screen.findByRole('table', { name: 'Audit events, newest first' });
    const officer = harness.seed.users.find((u) => u.email === 'officer@demo.test');
    if (!officer) throw new Error('no officer in the seed');
    // An officer's change to find later, with a before and after.
    const account = harness.seed.accounts.find((a) => a.status === 'active' && !harness.seed.deletions.some((d) => d.accountId === a.id));
    if (!account) throw new Error('no active account without a deletion request');
    expect((await harness.call('officer', 'POST', `/api/accounts/${account.id}/cancel`, { body: {} })).status).toBe(200);

    await user.selectOptions(await screen.findByLabelText('Actor'), `${officer.name} (Privacy officer)`);
    await waitFor(() => expect(router.state.location.search).toBe(`?actorId=${officer.id}`));
    // Actions are chosen in words, by area or one by one; the URL keeps the internal name.
    await user.selectOptions(screen.getByLabelText('Action'), 'Sessions: any action');
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get('action')).toBe('session'));
    await waitFor(() => {
      for (const row of bodyRows()) {
        expect(cell(row, 1)?.textContent).toBe(officer.name);
        expect(cell(row, 3)?.textContent).toMatch(/session\.[a-z_]+$/);
      }
    });
    await user.selectOptions(screen.getByLabelText('Action'), 'Signed in');
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get('action')).toBe('session.sign_in'));
    await waitFor(() => {
      expect(bodyRows().length).toBeGreaterThan(0);
      for (const row of bodyRows()) expect(cell(row, 3)?.textContent).toBe('Signed insession.sign_in');
    });
    await user.selectOptions(screen.getByLabelText('Action'), 'Sessions: any action');
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get('action')).toBe('session'));

    const link = screen.getByRole('link', { name: 'Export CSV' });
    await waitFor(() => {
      const href = new URL(link.getAttribute('href') ?? '', 'http://localhost');
      expect(href.pathname).toBe('/api/exports/audit-events.csv');
      expect(Object.fromEntries(href.searchParams)).toEqual({ actorId: officer.id, action: 'session' });
    });

    const blobs: Blob[] = [];
    vi.stubGlobal(
      'URL',
      Object.assign(URL, { createObjectURL: (blob: Blob) => (blobs.push(blob), 'blob:audit'), revokeObjectURL: () => undefined }),
    );
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    await user.click(link);
    expect(await screen.findByText('Downloaded the audit events (CSV).')).toBeInTheDocument();
    const lines = (await blobs[0]!.text()).trim().split('\n');
    expect(lines[0]).toMatch(/^at,actor,role,action/);
    expect(lines.length - 1).toBe(bodyRows().length);

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
    await waitFor(() => expect(router.state.location.search).toBe(''));
    await user.type(screen.getByLabelText('Record ID'), account.id);
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get('recordId')).toBe(account.id));
    const recordLink = await screen.findByRole('link', { name: `Account ${account.id}` });
    expect(recordLink).toHaveAttribute('href', `/accounts/${account.id}`);
    const row = recordLink.closest('tr')!;
    expect(cell(row, 3)?.textContent).toBe('Account cancelledaccount.cancel');
    expect(cell(row, 5)?.textContent).toMatch(/Status: active\s+→\s+became\s+cancelled$/);
    for (const other of bodyRows()) expect(cell(other, 4)?.textContent).toBe(`Account ${account.id}`);
  });

  it('exports emails masked for auditors; an officer asks for them in clear with a reason', async () => {
    const auditor = await renderConsole('/audit', { as: 'auditor' });
    await screen.findByRole('table', { name: 'Audit events, newest first' });
    expect(screen.getByText('Email addresses are masked in your exports.')).toBeInTheDocument();
    expect(screen.queryByLabelText('Email addresses')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Export CSV' })).toHaveAttribute('href', '/api/exports/audit-events.csv');
    auditor.unmount();

    const { user, harness } = await renderConsole('/audit', { as: 'officer' });
    await screen.findByRole('table', { name: 'Audit events, newest first' });
    await user.selectOptions(screen.getByLabelText('Email addresses'), 'In clear, with a reason');
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    const reason = screen.getByLabelText('Reason for clear emails');
    expect(reason).toHaveFocus();
    expect(reason).toHaveAccessibleDescription(/Give the reason the email addresses are needed in clear/);
    await user.type(reason, 'Regulator asked, case 7 (Łódź)');
    // The reason is not in the address (nor so in history or a proxy's log): the click sends it in a header.
    const link = screen.getByRole('link', { name: 'Export CSV' });
    const href = new URL(link.getAttribute('href') ?? '', 'http://localhost');
    expect(Object.fromEntries(href.searchParams)).toEqual({ emails: 'clear' });
    await user.click(link);
    await waitFor(async () => {
      const exports = await harness.call('auditor', 'GET', '/api/audit-events?action=audit.export_clear_emails');
      expect(JSON.stringify(exports.json)).toContain('Regulator asked, case 7 (Łódź)');
    });
  });

  it('offers no way to change or remove an event', async () => {
    await renderConsole('/audit', { as: 'officer' });
    await screen.findByRole('table', { name: 'Audit events, newest first' });
    expect(within(table()).queryByRole('button')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /delete|edit|remove/i })).not.toBeInTheDocument();
  });

  it('is not available to a support agent', async () => {
    await renderConsole('/audit', { as: 'support' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Not available to your role' })).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
