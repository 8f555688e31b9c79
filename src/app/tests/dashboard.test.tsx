// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderConsole } from './render-console';

afterEach(() => vi.unstubAllGlobals());

async function countVia(call: () => Promise<{ json: { items: unknown[]; total?: number } }>): Promise<string> {
  const { json } = await call();
  return String(json.total ?? json.items.length);
}

describe('dashboard', () => {
  it('shows an officer counts that link to the lists behind them', async () => {
    const { harness } = await renderConsole('/', { as: 'officer' });
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });
    const overdue = await countVia(() => harness.call('officer', 'GET', '/api/deletion-requests?overdue=1&limit=200'));
    const pending = await countVia(() => harness.call('officer', 'GET', '/api/support-access-requests?status=pending&limit=200'));

    const overdueLink = await screen.findByRole('link', { name: `${overdue} Deletions overdue` });
    expect(overdueLink).toHaveAttribute('href', '/deletions?overdue=1');
    const pendingLink = await screen.findByRole('link', { name: `${pending} Support requests awaiting approval` });
    expect(pendingLink).toHaveAttribute('href', '/support-access?status=pending');
    expect(screen.getByRole('link', { name: /Deletions due within 7 days$/ })).toHaveAttribute('href', '/deletions?dueWithinDays=7');
    expect(screen.getByRole('link', { name: /Processors needing attention$/ })).toHaveAttribute('href', '/processors?attention=1');
  });

  it('shows a support agent only their own requests and grants', async () => {
    await renderConsole('/', { as: 'support' });
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });
    const main = screen.getByRole('main');
    const cards = within(main).getAllByRole('link');
    expect(cards.map((card) => card.textContent?.replace(/^[\d,…+—]+ /, ''))).toEqual([
      'Your requests awaiting approval',
      'Your active grants',
    ]);
    expect(within(main).queryByText(/Deletions/)).not.toBeInTheDocument();
  });
});
