// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderConsole } from './render-console';

afterEach(() => vi.unstubAllGlobals());

const ledger = () => screen.getByRole('table', { name: 'Consent events, newest first' });
const bodyRows = () => within(ledger()).getAllByRole('row').slice(1);

describe('consent records', () => {
  it('lists the ledger with masked addresses and pages on with "Load more"', async () => {
    const { user } = await renderConsole('/consents', { as: 'officer' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Consent records' })).toBeInTheDocument();
    const headers = within(ledger()).getAllByRole('columnheader').map((th) => th.textContent);
    expect(headers).toEqual(['Time', 'Subject', 'Purpose', 'Action', 'Channel', 'Notice version']);
    expect(bodyRows()).toHaveLength(50);
    const subjects = bodyRows().map((row) => within(row).getAllByRole('cell')[1]?.textContent ?? '');
    for (const subject of subjects.filter((text) => text.includes('@'))) expect(subject).toMatch(/^.\*\*\*@/);

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(bodyRows()).toHaveLength(100));
  });

  it('filters by purpose through the URL', async () => {
    const { user, router } = await renderConsole('/consents', { as: 'auditor' });
    await screen.findByRole('table', { name: 'Consent events, newest first' });
    await user.selectOptions(screen.getByLabelText('Purpose'), 'Marketing emails and newsletter');
    await waitFor(() => expect(router.state.location.search).toBe('?purpose=marketing_emails'));
    await waitFor(() => {
      const purposes = new Set(bodyRows().map((row) => within(row).getAllByRole('cell')[2]?.textContent));
      expect([...purposes]).toEqual(['Marketing emails and newsletter']);
    });
  });

  it('lets a support agent look up one person by email', async () => {
    const { user, harness, router } = await renderConsole('/consents', { as: 'support' });
    expect(await screen.findByText('Look up a person')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Purpose')).not.toBeInTheDocument();

    const withEvents = new Set(harness.seed.consentEvents.map((e) => e.subjectId));
    const person = harness.seed.subjects.find((s) => s.email && withEvents.has(s.id));
    if (!person?.email) throw new Error('the seed has no person with consent events');
    await user.type(screen.getByLabelText('Email address'), person.email);
    await user.click(screen.getByRole('button', { name: 'Apply' }));

    await waitFor(() => expect(router.state.location.search).toBe(`?email=${encodeURIComponent(person.email ?? '')}`));
    const rows = await waitFor(() => {
      const found = bodyRows();
      expect(found.length).toBeGreaterThan(0);
      return found;
    });
    expect(rows.length).toBe(harness.seed.consentEvents.filter((e) => e.subjectId === person.id).length);
  });

  it('opens a person with their consent state and history', async () => {
    const { user } = await renderConsole('/consents', { as: 'officer' });
    await screen.findByRole('table', { name: 'Consent events, newest first' });
    const firstRow = bodyRows()[0];
    const firstSubject = firstRow ? within(firstRow).getAllByRole('link')[0] : undefined;
    if (!firstSubject) throw new Error('no subject link');
    await user.click(firstSubject);
    expect(await screen.findByRole('table', { name: 'Current consent by purpose' })).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Consent history of this person' })).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
  });
});
