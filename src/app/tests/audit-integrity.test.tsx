// @vitest-environment jsdom
import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '@/api/store/memory/memory-store';
import { renderConsole } from './render-console';

describe('audit integrity', () => {
  it('shows an auditor the chains’ heads, checks them, and names the first event changed behind the console’s back', async () => {
    const { harness, router, user } = await renderConsole('/audit', { as: 'auditor' });
    await user.click(await screen.findByRole('link', { name: 'Check integrity' }));
    expect(await screen.findByRole('heading', { name: 'Audit trail' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/audit/integrity');
    expect(screen.getByRole('table', { name: 'Daily anchors of the audit trail' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Check both chains' }));
    expect(await screen.findByText('Audit trail: intact')).toBeInTheDocument();
    expect(screen.getByText('Consent ledger: intact')).toBeInTheDocument();
    // The time of the check in words, in the company's zone with the reader's (as every time in the console).
    expect(screen.getByText(/^Checked at [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{2}:\d{2} (GMT|UTC)/)).toBeInTheDocument();

    const page = await harness.store.transaction((tx) => tx.audit.list({ limit: 1 }));
    const edited = page.items[0]!;
    if (!(harness.store instanceof MemoryStore)) throw new Error('The UI tests run on a MemoryStore');
    harness.store.tamperForTests('audit', edited.id, (e) => ({ ...e, summary: 'Nothing to see' }));
    await user.click(screen.getByRole('button', { name: 'Check both chains' }));
    expect(await screen.findByText('Audit trail: altered')).toBeInTheDocument();
    expect(screen.getByText(edited.id)).toBeInTheDocument();
  });

  it('is closed to a support agent', async () => {
    const { router } = await renderConsole('/', { as: 'support' });
    await act(() => router.navigate('/audit/integrity'));
    expect(await screen.findByText(/not open to a support agent/i)).toBeInTheDocument();
  });
});
