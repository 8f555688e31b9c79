// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderConsole } from './render-console';

afterEach(() => vi.unstubAllGlobals());

const table = () => screen.getByRole('table', { name: 'Deletion requests' });
const bodyRows = () => within(table()).getAllByRole('row').slice(1);

describe('deletions', () => {
  it('lists the requests with due dates and days left or overdue', async () => {
    await renderConsole('/deletions', { as: 'officer' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Deletions' })).toBeInTheDocument();
    const headers = within(table()).getAllByRole('columnheader').map((th) => th.textContent);
    expect(headers).toEqual(['Account', 'Status', 'Due', 'Origin']);
    expect(bodyRows().length).toBeGreaterThan(0);
  });

  it('shows only overdue requests from the dashboard link', async () => {
    const { harness } = await renderConsole('/deletions?overdue=1', { as: 'auditor' });
    await screen.findByRole('heading', { level: 1, name: 'Deletions' });
    expect(screen.getByLabelText('Overdue only')).toBeChecked();
    const { json } = await harness.call('auditor', 'GET', '/api/deletion-requests?overdue=1');
    const expected: number = json.items.length;
    if (expected === 0) {
      expect(await screen.findByText('No deletion requests match')).toBeInTheDocument();
    } else {
      await waitFor(() => expect(bodyRows()).toHaveLength(expected));
    }
  });

  it('opens a request with its tasks and holds', async () => {
    const { user } = await renderConsole('/deletions', { as: 'officer' });
    await screen.findByRole('table', { name: 'Deletion requests' });
    const first = bodyRows()[0];
    const link = first ? within(first).getByRole('link') : null;
    if (!link) throw new Error('no request link');
    const account = link.textContent ?? '';
    await user.click(link);
    expect(await screen.findByRole('heading', { level: 1, name: `Deletion of ${account}` })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Tasks' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Legal holds' })).toBeInTheDocument();
  });

  it('tells a support agent who follows a link here that the area is not theirs', async () => {
    await renderConsole('/deletions', { as: 'support' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Not available to your role' })).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
