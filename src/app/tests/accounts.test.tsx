// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { smallSeed } from '@/testing/harness';
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

  it('shows one timeline of consent, support access and deletion, newest first, each linked to its record', async () => {
    const seed = await smallSeed();
    const account = seed.deletions
      .map((d) => seed.accounts.find((a) => a.id === d.accountId))
      .find((a) => a !== undefined && seed.subjects.some((s) => s.accountId === a.id));
    if (!account) throw new Error('the seed has no account with people and a deletion request');
    const { harness } = await renderConsole(`/accounts/${account.id}`, { as: 'auditor' });
    const timeline = await screen.findByRole('list', { name: 'Timeline, newest first' });
    const { json } = await harness.call('auditor', 'GET', `/api/accounts/${account.id}/timeline`);
    const expected = (json as { items: { kind: string; recordType: string; recordId: string; title: string }[] }).items;

    const items = within(timeline).getAllByRole('listitem');
    expect(items).toHaveLength(expected.length);
    const times = items.map((item) => item.querySelector('time')?.getAttribute('dateTime') ?? '');
    expect(times).toEqual([...times].sort().reverse());
    const paths = {
      account: '/accounts',
      subject: '/subjects',
      support_access_request: '/support-access',
      deletion_request: '/deletions',
      breach: '/breaches',
    };
    expected.forEach((entry, index) => {
      const link = within(items[index]!).getByRole('link', { name: entry.title });
      expect(link).toHaveAttribute('href', `${paths[entry.recordType as keyof typeof paths]}/${entry.recordId}`);
    });
    expect(expected.some((entry) => entry.kind === 'consent_event' && entry.recordType === 'subject')).toBe(true);
    expect(expected.some((entry) => entry.kind === 'deletion_request')).toBe(true);
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
    // Looked up and checked in one step: the deletion page may re-render between a find and an assertion.
    await vi.waitFor(() => expect(screen.getByText(/Account cancelled; data to be deleted within 30 days/)).toBeInTheDocument(), {
      timeout: 10_000,
    });
  });

  it('offers no cancellation to auditors', async () => {
    const seed = await smallSeed();
    const account = seed.accounts.find((a) => a.status === 'active')!;
    await renderConsole(`/accounts/${account.id}`, { as: 'auditor' });
    expect(await screen.findByRole('heading', { level: 1, name: account.name })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Record cancellation' })).not.toBeInTheDocument();
    expect(screen.queryAllByRole('form')).toEqual([]);
  });

  it('shows an officer a cancelled account’s cancellation disabled, with the reason', async () => {
    const seed = await smallSeed();
    // One whose deletion is not complete yet: a completed one's name is erased, a tombstone left in its place.
    const erased = new Set(seed.deletions.filter((d) => d.status === 'completed').map((d) => d.accountId));
    const account = seed.accounts.find((a) => a.status === 'cancelled' && !erased.has(a.id));
    if (!account) throw new Error('the seed has no cancelled account still being deleted');
    await renderConsole(`/accounts/${account.id}`, { as: 'officer' });
    const cancel = await screen.findByRole('button', { name: 'Record cancellation' });
    expect(cancel).toBeDisabled();
    expect(cancel).toHaveAccessibleDescription(`${account.name} is already cancelled`);
  });

  it('says when an account does not exist', async () => {
    await renderConsole('/accounts/no-such-account', { as: 'auditor' });
    expect(await screen.findByRole('alert')).toHaveTextContent('Not found');
  });
});
