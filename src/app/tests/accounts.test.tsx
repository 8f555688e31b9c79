// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { smallSeed } from '../../api/testing/harness';
import { renderConsole } from './render-console';

afterEach(() => vi.unstubAllGlobals());

describe('account', () => {
  it('shows an account and its people with masked addresses', async () => {
    const seed = await smallSeed();
    const account = seed.accounts.find((a) => seed.subjects.some((s) => s.accountId === a.id && s.email));
    if (!account) throw new Error('the seed has no account with people');

    await renderConsole(`/accounts/${account.id}`, { as: 'officer' });
    expect(await screen.findByRole('heading', { level: 1, name: account.name })).toBeInTheDocument();
    const people = screen.getByRole('table', { name: 'People at this account' });
    const emails = within(people)
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getAllByRole('cell')[1]?.textContent ?? '');
    expect(emails.length).toBe(seed.subjects.filter((s) => s.accountId === account.id).length);
    for (const email of emails.filter((text) => text !== '—')) expect(email).toMatch(/^.\*\*\*@/);
  });

  it('lets an officer record a cancellation, which opens the deletion request due in 30 days', async () => {
    const seed = await smallSeed();
    const account = seed.accounts.filter((a) => a.status === 'active' && !seed.deletions.some((d) => d.accountId === a.id))[0];
    if (!account) throw new Error('the seed has no active account without a deletion request');
    const { user, router } = await renderConsole(`/accounts/${account.id}`, { as: 'officer' });
    await user.click(await screen.findByRole('button', { name: 'Record cancellation' }));
    const dialog = screen.getByRole('alertdialog', { name: `Record the cancellation of ${account.name}?` });
    await user.click(within(dialog).getByRole('button', { name: 'Record cancellation' }));
    await vi.waitFor(() => expect(router.state.location.pathname).toMatch(/^\/deletions\/del_/), { timeout: 10_000 });
    expect(await screen.findByText(/Account cancelled; data to be deleted within 30 days/, undefined, { timeout: 10_000 })).toBeInTheDocument();
  });

  it('offers no cancellation to auditors', async () => {
    const seed = await smallSeed();
    const account = seed.accounts.find((a) => a.status === 'active')!;
    await renderConsole(`/accounts/${account.id}`, { as: 'auditor' });
    expect(await screen.findByRole('heading', { level: 1, name: account.name })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Record cancellation' })).not.toBeInTheDocument();
  });

  it('says when an account does not exist', async () => {
    await renderConsole('/accounts/no-such-account', { as: 'auditor' });
    expect(await screen.findByRole('alert')).toHaveTextContent('Not found');
  });
});
