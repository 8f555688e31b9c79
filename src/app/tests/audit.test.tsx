// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderConsole } from './render-console';

afterEach(() => vi.unstubAllGlobals());

const table = () => screen.getByRole('table', { name: 'Audit events, newest first' });
const bodyRows = () => within(table()).getAllByRole('row').slice(1);

describe('audit log', () => {
  it('lists who did what, newest first, and filters by record type through the URL', async () => {
    const { user, router } = await renderConsole('/audit', { as: 'auditor' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Audit log' })).toBeInTheDocument();
    const headers = within(table()).getAllByRole('columnheader').map((th) => th.textContent);
    expect(headers).toEqual(['Time', 'Actor', 'Role', 'Action', 'Record', 'Summary']);
    expect(bodyRows().length).toBeGreaterThan(0);

    await user.selectOptions(screen.getByLabelText('Record type'), 'Session');
    await waitFor(() => expect(router.state.location.search).toBe('?recordType=session'));
    await waitFor(() => {
      for (const row of bodyRows()) expect(within(row).getAllByRole('cell')[4]?.textContent).toMatch(/^Session /);
    });
  });

  it('is not available to a support agent', async () => {
    await renderConsole('/audit', { as: 'support' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Not available to your role' })).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
