// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderConsole } from './render-console';

afterEach(() => vi.unstubAllGlobals());

const table = () => screen.getByRole('table', { name: 'Processors and storage locations' });
const bodyRows = () => within(table()).getAllByRole('row').slice(1);

describe('processors', () => {
  it('lists the registry with its key columns', async () => {
    const { harness } = await renderConsole('/processors', { as: 'support' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Processors' })).toBeInTheDocument();
    const headers = within(table())
      .getAllByRole('columnheader')
      .map((th) => within(th).getByRole('button').textContent?.replace(/[▲▼↕]/g, ''));
    expect(headers).toEqual([
      'Name',
      'Category',
      'Data categories',
      'Locations',
      'Transfer basis',
      'DPA',
      'Retention',
      'Status',
      'Next review',
      'Needs attention',
    ]);
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
    await user.selectOptions(screen.getByLabelText('Needs attention'), '1');
    await waitFor(() => expect(router.state.location.search).toBe('?attention=1'));
    await user.selectOptions(screen.getByLabelText('Needs attention'), 'no_signed_dpa');
    await waitFor(() => expect(router.state.location.search).toBe('?attention=no_signed_dpa'));
    // The same rule as rules/processors attentionFor: a processor (not our own location), not retired, unsigned.
    const unsigned = harness.seed.processors.filter((p) => p.status !== 'retired' && p.kind === 'processor' && p.dpa.status !== 'signed');
    expect(unsigned.length).toBeGreaterThan(0);
    await waitFor(() => expect(bodyRows()).toHaveLength(unsigned.length));
  });

  it('shows the record of processing (Art. 30) to an auditor, from the registry', async () => {
    const { user, harness } = await renderConsole('/processors', { as: 'auditor' });
    await user.click(await screen.findByRole('link', { name: 'Record of processing (Art. 30)' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Record of processing' })).toBeInTheDocument();
    const record = screen.getByRole('table', { name: 'Record of processing activities' });
    const rows = harness.seed.processors.filter((p) => p.status !== 'retired').reduce((n, p) => n + p.purposes.length, 0);
    expect(within(record).getAllByRole('row')).toHaveLength(rows + 1);
    expect(
      within(record).getAllByText('United States: adequacy via the Data Privacy Framework; Stripe, Inc. is certified').length,
    ).toBeGreaterThan(0);
    expect(screen.getByRole('link', { name: 'Download XLSX' })).toHaveAttribute('href', '/api/exports/record-of-processing.xlsx');
  });

  it('filters by data category', async () => {
    const { user, router, harness } = await renderConsole('/processors', { as: 'auditor' });
    await screen.findByRole('table', { name: 'Processors and storage locations' });
    await user.selectOptions(screen.getByLabelText('Data category'), 'payment_details');
    await waitFor(() => expect(router.state.location.search).toBe('?dataCategory=payment_details'));
    const expected = harness.seed.processors.filter((p) => p.dataCategories.includes('payment_details'));
    await waitFor(() => expect(bodyRows()).toHaveLength(expected.length));
    expect(within(table()).getByRole('link', { name: 'Stripe' })).toBeInTheDocument();
    expect(within(table()).queryByRole('link', { name: 'Zoom' })).not.toBeInTheDocument();
  });

  it('sorts by a column, in the URL', async () => {
    const { user, router } = await renderConsole('/processors', { as: 'auditor' });
    await screen.findByRole('table', { name: 'Processors and storage locations' });
    await user.click(screen.getByRole('button', { name: /^Name/ }));
    await waitFor(() => expect(router.state.location.search).toBe('?sort=name&dir=asc'));
    const names = () => bodyRows().map((row) => within(row).getAllByRole('link')[0]?.textContent ?? '');
    // The header shows the new order once the page has re-rendered from the URL; click again only then.
    await waitFor(() => expect(screen.getByRole('columnheader', { name: /^Name/ })).toHaveAttribute('aria-sort', 'ascending'));
    expect(names()).toEqual([...names()].sort((a, b) => a.localeCompare(b)));
    await user.click(screen.getByRole('button', { name: /^Name/ }));
    await waitFor(() => expect(router.state.location.search).toBe('?sort=name&dir=desc'));
    await waitFor(() => expect(screen.getByRole('columnheader', { name: /^Name/ })).toHaveAttribute('aria-sort', 'descending'));
    expect(names()).toEqual([...names()].sort((a, b) => b.localeCompare(a)));
  });

  it('shows field errors on the form and keeps the input when a save fails', async () => {
    const { user } = await renderConsole('/processors/new', { as: 'officer' });
    await screen.findByRole('heading', { level: 1, name: 'Add processor' });
    await user.click(screen.getByRole('button', { name: 'Add processor' }));
    expect(await screen.findByText('Check the highlighted fields')).toBeInTheDocument();
    expect(screen.getByLabelText('Processor name')).toHaveAccessibleDescription('Required');
    expect(screen.getByLabelText('Purpose 1')).toHaveAccessibleDescription('Required');

    // A name already in the registry passes the client's checks; the API's 422 lands on the field.
    await user.type(screen.getByLabelText('Processor name'), 'Stripe');
    await user.type(screen.getByLabelText('Legal entity'), 'Stripe Again Ltd');
    await user.type(screen.getByLabelText('Description'), 'A second payments provider');
    await user.type(screen.getByLabelText('Owner'), 'Finance');
    await user.type(screen.getByLabelText('Purpose 1'), 'Take card payments');
    await user.selectOptions(screen.getByLabelText('Country 1'), 'Ireland');
    await user.click(screen.getByRole('button', { name: 'Add purpose' }));
    await user.type(screen.getByLabelText('Purpose 2'), 'Detect fraud');
    await user.click(screen.getByRole('button', { name: 'Add processor' }));

    await waitFor(() => expect(screen.getByLabelText('Processor name')).toHaveAccessibleDescription('Already in the registry'));
    expect(screen.getByLabelText('Processor name')).toHaveValue('Stripe');
    expect(screen.getByLabelText('Legal entity')).toHaveValue('Stripe Again Ltd');
    expect(screen.getByLabelText('Purpose 2')).toHaveValue('Detect fraud');
    expect(screen.getByLabelText('Country 1')).toHaveValue('IE');
  });

  it('adds a processor as proposed with activation waiting for the notice', async () => {
    const { user } = await renderConsole('/processors/new', { as: 'officer' });
    await screen.findByRole('heading', { level: 1, name: 'Add processor' });
    await user.type(screen.getByLabelText('Processor name'), 'Acme Mail');
    await user.type(screen.getByLabelText('Legal entity'), 'Acme Mail GmbH');
    await user.type(screen.getByLabelText('Description'), 'Transactional email');
    await user.type(screen.getByLabelText('Owner'), 'Engineering');
    await user.type(screen.getByLabelText('Purpose 1'), 'Send receipts');
    await user.selectOptions(screen.getByLabelText('Country 1'), 'Germany');
    await user.click(screen.getByRole('button', { name: 'Add processor' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Acme Mail' })).toBeInTheDocument();
    expect(screen.getByText('Customer notice ends')).toBeInTheDocument();
    const activate = screen.getByRole('button', { name: 'Activate' });
    expect(activate).toBeDisabled();
    expect(activate).toHaveAccessibleDescription(
      /^The customer notice period ends on [A-Z][a-z]{2} \d{1,2}, \d{4}; it cannot become active before then$/,
    );
    await user.click(screen.getByRole('button', { name: 'Show the history of changes' }));
    const history = await screen.findByRole('table', { name: 'History of changes' });
    expect(within(history).getByText('Legal entity: Acme Mail GmbH')).toBeInTheDocument();
    expect(within(history).getByText('Locations: Germany')).toBeInTheDocument();
    // To the second, with the zone.
    expect(within(history).getAllByRole('cell', { name: /\d{1,2}:\d{2}:\d{2}.*(UTC|GMT)/ }).length).toBeGreaterThan(0);
  });

  it('moves focus to the error summary after a failed submit, where each entry names its field and leads to it', async () => {
    const { user } = await renderConsole('/processors/new', { as: 'officer' });
    await screen.findByRole('heading', { level: 1, name: 'Add processor' });
    await user.clear(screen.getByLabelText('Review cycle (months)'));
    await user.type(screen.getByLabelText('Privacy policy URL'), 'acme.example');
    await user.click(screen.getByRole('button', { name: 'Add processor' }));
    const title = await screen.findByText('Check the highlighted fields');
    await waitFor(() => expect(document.activeElement).toContainElement(title));
    const summary = within(title.closest('[role="alert"]') ?? document.body);
    expect(summary.getByRole('button', { name: 'Review cycle (months): Required' })).toBeInTheDocument();
    expect(
      summary.getByRole('button', { name: 'Privacy policy URL: Use a web address starting with http:// or https://' }),
    ).toBeInTheDocument();
    expect(summary.getByRole('button', { name: 'Country 1: Choose a country from the list' })).toBeInTheDocument();
    await user.click(summary.getByRole('button', { name: 'Processor name: Required' }));
    expect(screen.getByLabelText('Processor name')).toHaveFocus();
    // The message goes as soon as the field is right.
    await user.type(screen.getByLabelText('Processor name'), 'Acme Mail');
    await waitFor(() => expect(summary.queryByRole('button', { name: /^Processor name/ })).not.toBeInTheDocument());
    expect(screen.getByLabelText('Processor name')).not.toHaveAttribute('aria-invalid');
  });

  it('removes a purpose row without disturbing the others', async () => {
    const { user } = await renderConsole('/processors/new', { as: 'officer' });
    await screen.findByRole('heading', { level: 1, name: 'Add processor' });
    await user.type(screen.getByLabelText('Purpose 1'), 'First');
    await user.click(screen.getByRole('button', { name: 'Add purpose' }));
    await user.type(screen.getByLabelText('Purpose 2'), 'Second');
    await user.click(screen.getByRole('button', { name: 'Add purpose' }));
    await user.type(screen.getByLabelText('Purpose 3'), 'Third');
    await user.selectOptions(screen.getByLabelText('Legal basis 3'), 'consent');
    await user.click(screen.getByRole('button', { name: 'Remove purpose 1' }));
    expect(screen.getByLabelText('Purpose 1')).toHaveValue('Second');
    expect(screen.getByLabelText('Legal basis 1')).toHaveValue('contract');
    expect(screen.getByLabelText('Purpose 2')).toHaveValue('Third');
    expect(screen.getByLabelText('Legal basis 2')).toHaveValue('consent');
    expect(screen.queryByLabelText('Purpose 3')).not.toBeInTheDocument();
  });

  it('keeps what was typed when someone else saved the processor first, and saves over the newer version once loaded', async () => {
    const { user, harness, router } = await renderConsole('/', { as: 'officer' });
    const stripe = harness.seed.processors.find((p) => p.name === 'Stripe');
    if (!stripe) throw new Error('the seed has no Stripe');
    await act(() => router.navigate(`/processors/${stripe.id}/edit`));
    await screen.findByRole('heading', { level: 1, name: 'Edit Stripe' });
    const loaded = await harness.call('officer2', 'GET', `/api/processors/${stripe.id}`);
    const meanwhile = await harness.call('officer2', 'PATCH', `/api/processors/${stripe.id}`, {
      version: loaded.json.version,
      body: { owner: 'Treasury' },
    });
    expect(meanwhile.status).toBe(200);

    await user.clear(screen.getByLabelText('Owner'));
    await user.type(screen.getByLabelText('Owner'), 'Finance team');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('This processor has changed since you loaded it')).toBeInTheDocument();
    expect(screen.getByLabelText('Owner')).toHaveValue('Finance team');
    await user.click(screen.getByRole('button', { name: 'Load the newer version' }));
    expect(await screen.findByText('Newer version loaded')).toBeInTheDocument();
    expect(screen.getByLabelText('Owner')).toHaveValue('Finance team');

    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Stripe' })).toBeInTheDocument();
    const stored = await harness.call('auditor', 'GET', `/api/processors/${stripe.id}`);
    expect(stored.json).toMatchObject({ owner: 'Finance team', version: meanwhile.json.version + 1 });
  });

  it('asks before leaving a form with unsaved changes', async () => {
    const { user, router } = await renderConsole('/processors/new', { as: 'officer' });
    await screen.findByRole('heading', { level: 1, name: 'Add processor' });
    await user.type(screen.getByLabelText('Processor name'), 'Half typed');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Leave with unsaved changes?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(router.state.location.pathname).toBe('/processors/new');
    expect(screen.getByLabelText('Processor name')).toHaveValue('Half typed');
  });

  it('gives a support agent no edit controls', async () => {
    const { user } = await renderConsole('/processors', { as: 'support' });
    await screen.findByRole('table', { name: 'Processors and storage locations' });
    expect(screen.queryByRole('link', { name: 'Add processor' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save notice period' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Registry (CSV)' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Public list (Markdown)' })).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'Stripe' }));
    await screen.findByRole('heading', { level: 1, name: 'Stripe' });
    expect(screen.queryByRole('link', { name: 'Edit' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Retire' })).not.toBeInTheDocument();
  });

  it('shows an auditor the registry and its records with no write form or action', async () => {
    const { user, router } = await renderConsole('/processors', { as: 'auditor' });
    await screen.findByRole('table', { name: 'Processors and storage locations' });
    expect(screen.queryByRole('link', { name: 'Add processor' })).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Customer notice period' })).not.toBeInTheDocument();
    expect(screen.queryAllByRole('form')).toEqual([]);
    // Auditors may export the internal registry: reading is their work.
    expect(screen.getByRole('link', { name: 'Registry (CSV)' })).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'Stripe' }));
    await screen.findByRole('heading', { level: 1, name: 'Stripe' });
    expect(screen.queryByRole('link', { name: 'Edit' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^(Edit|Activate|Retire)$/ })).not.toBeInTheDocument();
    expect(screen.queryAllByRole('form')).toEqual([]);
    await act(() => router.navigate('/processors/new'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Not available to your role' })).toBeInTheDocument();
    expect(screen.queryAllByRole('form')).toEqual([]);
  });

  it('shows the data controller the API reports, read-only, to every role', async () => {
    for (const as of ['auditor', 'support', 'officer'] as const) {
      const { harness, router, unmount } = await renderConsole('/', { as });
      // The deployment's configuration, as GET /api/settings answers it: not a constant of the page.
      harness.deps.controller = {
        name: 'Configured Controller d.o.o.',
        address: 'Bulevar 1, Novi Sad, Serbia',
        email: 'dpo@configured.example',
        contact: 'Data protection officer',
        phone: '+381 21 000 000',
        url: 'https://configured.example',
        policyUrl: 'https://configured.example/privacy',
        jurisdiction: 'EU GDPR; Serbia LPDP',
      };
      await act(() => router.navigate('/processors'));
      const section = await screen.findByRole('region', { name: 'Data controller' });
      expect(within(section).getByText('Configured Controller d.o.o.')).toBeInTheDocument();
      expect(within(section).getByText('Bulevar 1, Novi Sad, Serbia')).toBeInTheDocument();
      expect(within(section).getByText('Data protection officer, dpo@configured.example')).toBeInTheDocument();
      expect(within(section).getByText(/Set in the deployment's configuration, not here/)).toBeInTheDocument();
      expect(within(section).queryAllByRole('textbox')).toEqual([]);
      expect(within(section).queryAllByRole('button')).toEqual([]);
      unmount();
    }
  });

  it('shows the officer a retired processor’s actions disabled with the reasons, and no edit form', async () => {
    const { harness, router } = await renderConsole('/', { as: 'officer' });
    const zoom = harness.seed.processors.find((p) => p.name === 'Zoom');
    if (!zoom) throw new Error('the seed has no Zoom');
    const loaded = await harness.call('officer', 'GET', `/api/processors/${zoom.id}`);
    const retired = await harness.call('officer', 'PATCH', `/api/processors/${zoom.id}`, {
      version: loaded.json.version,
      body: { status: 'retired' },
    });
    expect(retired.status).toBe(200);
    await act(() => router.navigate(`/processors/${zoom.id}`));
    await screen.findByRole('heading', { level: 1, name: 'Zoom' });
    expect(screen.queryByRole('link', { name: 'Edit' })).not.toBeInTheDocument();
    const edit = screen.getByRole('button', { name: 'Edit' });
    expect(edit).toBeDisabled();
    expect(edit).toHaveAccessibleDescription('A retired processor is final and cannot be edited');
    expect(screen.getByRole('button', { name: 'Activate' })).toHaveAccessibleDescription(
      'A retired processor cannot be brought back; add it again',
    );
    expect(screen.getByRole('button', { name: 'Retire' })).toBeDisabled();
    await act(() => router.navigate(`/processors/${zoom.id}/edit`));
    expect(await screen.findByText('This processor cannot be edited')).toBeInTheDocument();
    expect(screen.getByText('A retired processor is final and cannot be edited')).toBeInTheDocument();
    expect(screen.queryAllByRole('form')).toEqual([]);
  });

  it('keeps Activate disabled on an active processor, as the API answers', async () => {
    const { user } = await renderConsole('/processors?q=stripe', { as: 'officer' });
    await user.click(await screen.findByRole('link', { name: 'Stripe' }));
    await screen.findByRole('heading', { level: 1, name: 'Stripe' });
    expect(screen.getByRole('link', { name: 'Edit' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Activate' })).toHaveAccessibleDescription('The processor is active already');
    expect(screen.getByRole('button', { name: 'Retire' })).toBeEnabled();
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
    expect(screen.getByRole('heading', { level: 2, name: 'Purposes and legal basis' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Customer data it holds' })).toBeInTheDocument();
    expect(await screen.findByText(/\d+ active, \d+ cancelled/)).toBeInTheDocument();
    expect(screen.getAllByText(/Payment details/).length).toBeGreaterThan(1);
  });

  it('says when a processor does not exist', async () => {
    await renderConsole('/processors/no-such-id', { as: 'officer' });
    expect(await screen.findByRole('alert')).toHaveTextContent('Not found');
  });
});
