// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeCtx } from '@/api/services/context';
import { queueMail } from '@/api/services/mail';
import { renderConsole } from './render-console';

afterEach(() => vi.unstubAllGlobals());

describe('outbox', () => {
  it('shows an officer what was sent, removes a secret link once delivered, and filters by status in the URL', async () => {
    const { harness, router, user } = await renderConsole('/', { as: 'officer' });
    await harness.store.transaction(async (tx) => {
      const ctx = makeCtx(harness.deps);
      await queueMail(tx, ctx, {
        dedupeKey: 'ui:1',
        to: 'owner@customer.test',
        subject: 'Support asks to enter your instance',
        text: 'Decide at https://console.test/consent/token',
        purpose: 'access_consent_link',
        sensitive: true,
      });
      await queueMail(tx, ctx, {
        dedupeKey: 'ui:2',
        to: 'dpo@example.test',
        subject: 'Your daily digest',
        text: 'Nothing due.',
        purpose: 'digest',
      });
    });
    await harness.runJobs();
    await act(() => router.navigate('/outbox'));
    const table = await screen.findByRole('table', { name: 'Messages sent by the console' });
    expect(within(table).getByText('owner@customer.test')).toBeInTheDocument();
    expect(within(table).getByText(/removed once delivered/)).toBeInTheDocument();
    expect(within(table).getByText('Nothing due.')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Status'), 'failed');
    expect(await screen.findByText('No messages')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?status=failed');
  });

  it('is not in a support agent’s navigation, and its address says so', async () => {
    const { router } = await renderConsole('/', { as: 'support' });
    const nav = await screen.findByRole('navigation', { name: /main|primary|console/i });
    expect(within(nav).queryByRole('link', { name: 'Outbox' })).toBeNull();
    await act(() => router.navigate('/outbox'));
    expect(await screen.findByText(/not open to a support agent/i)).toBeInTheDocument();
  });
});
