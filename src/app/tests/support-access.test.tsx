// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderConsole } from './render-console';

afterEach(() => vi.unstubAllGlobals());

const table = () => screen.getByRole('table', { name: 'Support-access requests' });
const bodyRows = () => within(table()).getAllByRole('row').slice(1);
const cell = (row: HTMLElement, index: number) => within(row).getAllByRole('cell')[index]?.textContent ?? '';

describe('support access', () => {
  it('lists the requests with their key columns', async () => {
    const { harness } = await renderConsole('/support-access', { as: 'officer' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Support access' })).toBeInTheDocument();
    const headers = within(table()).getAllByRole('columnheader').map((th) => th.textContent);
    expect(headers).toEqual(['Account', 'Ticket', 'Requester', 'Status', 'Created', 'Ends']);
    expect(bodyRows()).toHaveLength(Math.min(50, harness.seed.supportAccess.length));
  });

  it('reads the status filter from a shared link', async () => {
    const { user, router } = await renderConsole('/support-access?status=pending', { as: 'auditor' });
    await screen.findByRole('heading', { level: 1, name: 'Support access' });
    expect(screen.getByLabelText('Status')).toHaveValue('pending');
    await waitFor(() => expect(bodyRows().length).toBeGreaterThan(0));
    for (const row of bodyRows()) expect(cell(row, 3)).toBe('Awaiting approval');

    await user.selectOptions(screen.getByLabelText('Sort'), 'Oldest first');
    await waitFor(() => expect(router.state.location.search).toBe('?status=pending&sort=oldest'));
  });

  it('shows a support agent only their own requests', async () => {
    const { harness } = await renderConsole('/support-access', { as: 'support' });
    await screen.findByRole('table', { name: 'Support-access requests' });
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
