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

  it('says when an account does not exist', async () => {
    await renderConsole('/accounts/no-such-account', { as: 'auditor' });
    expect(await screen.findByRole('alert')).toHaveTextContent('Not found');
  });
});
