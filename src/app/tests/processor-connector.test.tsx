// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderConsole } from './render-console';

afterEach(() => vi.unstubAllGlobals());

const connectorSection = () => screen.getByRole('heading', { level: 2, name: 'Connector' }).closest('section') as HTMLElement;

describe('the processor page’s connector', () => {
  it('shows a seeded connector without its credentials, and tests the connection against the vendor', async () => {
    const { user } = await renderConsole('/processors/prc_stripe', { as: 'officer' });
    expect(await screen.findByRole('heading', { level: 2, name: 'Connector' })).toBeInTheDocument();
    const section = within(connectorSection());
    expect(section.getByText('Stripe')).toBeInTheDocument();
    expect(section.getByText('Set, stored encrypted')).toBeInTheDocument();
    expect(document.body.textContent).not.toContain('sk_test_');
    await user.click(section.getByRole('button', { name: 'Test the connection' }));
    expect(await section.findByText('The connection works')).toBeInTheDocument();
    expect(section.getByText(/Stripe accepted the credentials \(HTTP 200\)/)).toBeInTheDocument();
  });

  it('lets an officer configure one with the contract’s checks, then keeps the credentials out of the page', async () => {
    const { user, harness } = await renderConsole('/processors/prc_google_analytics', { as: 'officer' });
    await screen.findByRole('heading', { level: 2, name: 'Connector' });
    expect(screen.getByText(/No connector: a deletion at this processor is a manual task/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Configure a connector' }));
    const form = within(screen.getByRole('form', { name: 'Configure the connector' }));
    await user.selectOptions(form.getByLabelText('Vendor'), 'mailchimp');
    await user.click(form.getByRole('button', { name: 'Save connector' }));
    expect(await form.findByRole('button', { name: 'Audience ID: Required' })).toBeInTheDocument();
    await user.type(form.getByLabelText('Audience ID'), 'news01');
    await user.type(form.getByLabelText('API key'), 'no-data-center');
    await user.click(form.getByRole('button', { name: 'Save connector' }));
    expect(await form.findByRole('button', { name: /API key: A MailChimp API key ends with its data center/ })).toBeInTheDocument();
    await user.clear(form.getByLabelText('API key'));
    await user.type(form.getByLabelText('API key'), 'abcdef0123456789-us6');
    await user.click(form.getByRole('button', { name: 'Save connector' }));

    await waitFor(() => expect(screen.queryByRole('form', { name: 'Configure the connector' })).not.toBeInTheDocument());
    const section = within(connectorSection());
    expect(await section.findByText('MailChimp (Marketing API 3.0)')).toBeInTheDocument();
    expect(section.getByText('news01')).toBeInTheDocument();
    expect(section.getByText('Set, stored encrypted')).toBeInTheDocument();
    expect(document.body.innerHTML).not.toContain('abcdef0123456789-us6');
    const stored = await harness.store.transaction((tx) => tx.connectorCredentials.get('prc_google_analytics'));
    expect(stored?.vendor).toBe('mailchimp');

    // Changing it again keeps the stored credentials when they are left empty.
    await user.click(section.getByRole('button', { name: 'Change the connector' }));
    const again = within(screen.getByRole('form', { name: 'Configure the connector' }));
    expect(again.getByText(/Leave these empty to keep them/)).toBeInTheDocument();
    expect(again.getByLabelText('API key')).toHaveValue('');
    await user.clear(again.getByLabelText('Audience ID'));
    await user.type(again.getByLabelText('Audience ID'), 'news02');
    await user.click(again.getByRole('button', { name: 'Save connector' }));
    expect(await section.findByText('news02')).toBeInTheDocument();
    expect(section.getByText('Set, stored encrypted')).toBeInTheDocument();
  });

  it('removes a connector after asking, and destroys its credentials', async () => {
    const { user, harness } = await renderConsole('/processors/prc_zoom', { as: 'officer' });
    await screen.findByRole('heading', { level: 2, name: 'Connector' });
    await user.click(within(connectorSection()).getByRole('button', { name: 'Remove the connector' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Remove the connector of Zoom?' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove the connector' }));
    expect(await screen.findByText(/No connector: a deletion at this processor is a manual task/)).toBeInTheDocument();
    expect(await harness.store.transaction((tx) => tx.connectorCredentials.get('prc_zoom'))).toBeNull();
  });

  it('shows the connector to an auditor with no control to change or test it, and none on our own locations', async () => {
    const { router } = await renderConsole('/processors/prc_crisp', { as: 'auditor' });
    await screen.findByRole('heading', { level: 2, name: 'Connector' });
    const section = within(connectorSection());
    expect(section.getByText('Crisp (REST API v1)')).toBeInTheDocument();
    expect(section.queryByRole('button')).not.toBeInTheDocument();
    await router.navigate('/processors/prc_storage_us');
    await screen.findByRole('heading', { level: 1, name: 'Primary storage (USA)' });
    expect(screen.queryByRole('heading', { level: 2, name: 'Connector' })).not.toBeInTheDocument();
  });
});
