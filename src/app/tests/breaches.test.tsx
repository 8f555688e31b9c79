// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderConsole } from './render-console';

describe('breach register', () => {
  it('lists the breaches with their clocks, the seed s open one counting down', async () => {
    await renderConsole('/breaches', { as: 'auditor' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Breaches' })).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Breaches, most recently discovered first' });
    const open = within(table).getByRole('row', { name: /MailChimp API key exposed/ });
    expect(open).toHaveTextContent(/2\d h \d+ min left to notify the supervisory authority/);
    const closed = within(table).getByRole('row', { name: /Support export shared/ });
    expect(closed).toHaveTextContent('no notification required, as assessed');
    // Auditors read and change nothing.
    expect(screen.queryByRole('link', { name: 'Record a breach' })).not.toBeInTheDocument();
  });

  it('shows an auditor the documented reasoning of a breach not notified, and no form', async () => {
    await renderConsole('/breaches/brc_seed_closed', { as: 'auditor' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Support export shared with the wrong colleague' })).toBeInTheDocument();
    expect(screen.getByText(/Unlikely to result in a risk: no notification, documented here/)).toBeInTheDocument();
    expect(screen.getByText(/unlikely to result in a risk to the people, so not notified/)).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Risk assessment' })).not.toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'New notification' })).not.toBeInTheDocument();
    expect(screen.getByText('Auditors see everything here and act on nothing.')).toBeInTheDocument();
  });

  it('lets an officer draft the authority s notification pre-filled from the register, and record it as sent', async () => {
    const user = userEvent.setup();
    await renderConsole('/breaches/brc_seed_open', { as: 'officer' });
    await screen.findByRole('heading', { level: 1, name: 'MailChimp API key exposed in a public repository' });
    const form = screen.getByRole('form', { name: 'New notification' });
    await waitFor(() => expect(within(form).getByLabelText<HTMLTextAreaElement>('Text').value).toMatch(/\(a\) Nature of the breach/));
    await user.click(within(form).getByRole('button', { name: 'Save as draft' }));
    const send = await screen.findByRole('form', { name: 'Record the notice to the supervisory authority as sent' });
    await user.click(within(send).getByRole('button', { name: 'Record as sent' }));
    expect(await screen.findByText('Supervisory authority: notified on time', { exact: false })).toBeInTheDocument();
    expect(screen.getByRole('article', { name: 'Sent to the supervisory authority' })).toBeInTheDocument();
  });
});
