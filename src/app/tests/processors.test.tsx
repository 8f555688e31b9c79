// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderConsole } from './render-console';

afterEach(() => vi.unstubAllGlobals());

const table = () => screen.getByRole('table', { name: 'Processors and storage locations' });
const bodyRows = () => within(table()).getAllByRole('row').slice(1);

describe('processors', () => {
  it('lists the registry with its key columns', async () => {
    const { harness } = await renderConsole('/processors', { as: 'support' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Processors' })).toBeInTheDocument();
    const headers = within(table()).getAllByRole('columnheader').map((th) => th.textContent);
    expect(headers).toEqual(['Name', 'Category', 'Data categories', 'Locations', 'DPA', 'Status', 'Needs attention']);
    expect(bodyRows()).toHaveLength(harness.seed.processors.length);
    expect(within(table()).getByRole('link', { name: 'Stripe' })).toBeInTheDocument();
  });

  it('keeps its filters in the URL', async () => {
    const { user, router, harness } = await renderConsole('/processors', { as: 'officer' });
    await screen.findByRole('table', { name: 'Processors and storage locations' });

    await user.selectOptions(screen.getByLabelText('Status'), 'retired');
    await waitFor(() => expect(router.state.location.search).toBe('?status=retired'));
    const retired = harness.seed.processors.filter((p) => p.status === 'retired');
    if (retired.length === 0) {
      expect(await screen.findByText('No processors match these filters')).toBeInTheDocument();
    } else {
      await waitFor(() => expect(bodyRows()).toHaveLength(retired.length));
    }

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Clear filters' })).not.toBeInTheDocument());
    expect(router.state.location.search).toBe('');
    await user.click(screen.getByLabelText('Needs attention only'));
    await waitFor(() => expect(router.state.location.search).toBe('?attention=1'));
  });

  it('reads a shared link with filters', async () => {
    await renderConsole('/processors?q=stripe', { as: 'auditor' });
    await screen.findByRole('table', { name: 'Processors and storage locations' });
    expect(screen.getByLabelText('Search')).toHaveValue('stripe');
    await waitFor(() => expect(bodyRows()).toHaveLength(1));
    expect(within(table()).getByRole('link', { name: 'Stripe' })).toBeInTheDocument();
  });

  it('opens a processor and shows its record', async () => {
    const { user, router } = await renderConsole('/processors', { as: 'officer' });
    await user.click(await screen.findByRole('link', { name: 'Stripe' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Stripe' })).toBeInTheDocument();
    expect(router.state.location.pathname).toMatch(/^\/processors\/.+/);
    expect(screen.getByText('Legal entity')).toBeInTheDocument();
    expect(screen.getByText('Purposes')).toBeInTheDocument();
  });

  it('says when a processor does not exist', async () => {
    await renderConsole('/processors/no-such-id', { as: 'officer' });
    expect(await screen.findByRole('alert')).toHaveTextContent('Not found');
  });
});
