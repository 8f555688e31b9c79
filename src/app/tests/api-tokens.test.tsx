// @vitest-environment jsdom
import { act, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiReference } from '@/features/api-tokens/components/api-reference';
import { renderConsole } from './render-console';

afterEach(() => vi.unstubAllGlobals());

describe('api tokens page', () => {
  it('lets an officer create a token, shows its secret once, and revoke it', async () => {
    const { harness, router, user } = await renderConsole('/', { as: 'officer' });
    await act(() => router.navigate('/api-tokens'));
    const form = await screen.findByRole('form', { name: 'Create an API token' });
    await user.click(within(form).getByRole('button', { name: 'Create token' }));
    expect((await within(form).findAllByText(/Choose at least one permission/)).length).toBeGreaterThan(0);
    await user.type(within(form).getByLabelText('Name'), 'Billing');
    await user.click(within(form).getByLabelText(/Report cancellations/));
    await user.click(within(form).getByRole('button', { name: 'Create token' }));
    const secret = await screen.findByLabelText<HTMLInputElement>('Secret');
    expect(secret.value).toMatch(/^pct_/);
    const stored = await harness.store.transaction((tx) => tx.apiTokens.list());
    expect(stored.map((t) => t.name)).toEqual(['Billing']);
    expect(stored[0]?.scope).toEqual(['accounts.cancel']);
    const table = await screen.findByRole('table', { name: 'API tokens, newest first' });
    expect(within(table).getByText('Never')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'I have stored it' }));
    expect(screen.queryByLabelText('Secret')).toBeNull();
    await user.click(within(table).getByRole('button', { name: 'Revoke Billing' }));
    expect(await within(table).findByText('This token is revoked already')).toBeInTheDocument();
    expect(within(table).getByRole('button', { name: 'Revoke Billing' })).toBeDisabled();
  });

  it('says where the API is described: in the demo without links it cannot serve, on a server with them', async () => {
    const { router } = await renderConsole('/', { as: 'officer' });
    await act(() => router.navigate('/api-tokens'));
    expect(await screen.findByText(/This demo serves neither: its API runs inside this page/)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /openapi\.json|API reference/ })).toBeNull();
    const { unmount } = render(<ApiReference mode="server" />);
    expect(screen.getByRole('link', { name: 'API reference' })).toHaveAttribute('href', '/api/docs');
    expect(screen.getByRole('link', { name: '/api/openapi.json' })).toHaveAttribute('href', '/api/openapi.json');
    unmount();
  });

  it('is not in an auditor s navigation, and its address says so', async () => {
    const { router } = await renderConsole('/', { as: 'auditor' });
    const nav = await screen.findByRole('navigation', { name: /main|primary|console/i });
    expect(within(nav).queryByRole('link', { name: 'API tokens' })).toBeNull();
    await act(() => router.navigate('/api-tokens'));
    expect(await screen.findByText(/not open to an auditor/i)).toBeInTheDocument();
  });
});

describe('webhooks page', () => {
  it('lets an officer add an endpoint, shows its signing secret once, and disable it', async () => {
    const { harness, router, user } = await renderConsole('/', { as: 'officer' });
    await act(() => router.navigate('/webhooks'));
    const form = await screen.findByRole('form', { name: 'Add a webhook endpoint' });
    await user.type(within(form).getByLabelText('Address (http or https)'), 'ftp://hooks.example.test/x');
    await user.click(within(form).getByLabelText(/A consent is withdrawn/));
    await user.click(within(form).getByRole('button', { name: 'Add endpoint' }));
    expect((await within(form).findAllByText('Enter an http or https address')).length).toBeGreaterThan(0);
    await user.clear(within(form).getByLabelText('Address (http or https)'));
    await user.type(within(form).getByLabelText('Address (http or https)'), 'https://hooks.example.test/privacy');
    await user.click(within(form).getByRole('button', { name: 'Add endpoint' }));
    const secret = await screen.findByLabelText<HTMLInputElement>('Signing secret');
    expect(secret.value).toMatch(/^whsec_/);
    expect((await harness.store.transaction((tx) => tx.webhooks.list())).map((w) => w.url)).toEqual(['https://hooks.example.test/privacy']);
    expect(screen.getByText('Nothing sent yet.')).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Webhook endpoints, newest first' });
    await user.click(within(table).getByRole('button', { name: 'Disable https://hooks.example.test/privacy' }));
    expect(await within(table).findByText('This endpoint is disabled already')).toBeInTheDocument();
  });
});
