// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Harness } from '@/testing/harness';
import { renderConsole } from './render-console';

/**
 * jsdom lays nothing out, so the virtualized ledger would see a box of height 0 and render no rows. Give
 * every element the sizes a browser would: a 600 px scroll box and 49 px rows.
 */
const VIEW_HEIGHT = 600;
const ROW_HEIGHT = 49;
beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(VIEW_HEIGHT);
  vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockReturnValue(ROW_HEIGHT);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const ledger = () => screen.getByRole('table', { name: 'Consent events, newest first' });
const bodyRows = (table = ledger()) => within(table).getAllByRole('row').slice(1);
const cells = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((cell) => cell.textContent ?? '');

/** A person whose current marketing consent is a grant, so a withdrawal is what staff would record. */
function personWithMarketingGranted(harness: Harness) {
  const latest = new Map<string, { action: string; occurredAt: string }>();
  for (const e of harness.seed.consentEvents) {
    if (e.purpose !== 'marketing_emails') continue;
    const seen = latest.get(e.subjectId);
    if (!seen || e.occurredAt > seen.occurredAt) latest.set(e.subjectId, e);
  }
  const person = harness.seed.subjects.find((s) => s.kind === 'person' && s.email && latest.get(s.id)?.action === 'granted');
  if (!person) throw new Error('the seed has nobody with marketing consent granted');
  return person;
}

describe('consent ledger', () => {
  it('offers each event of a person its receipts: readable, Kantara and ISO 27560', async () => {
    const probe = await renderConsole('/', { as: 'auditor' });
    const event = probe.harness.seed.consentEvents[0]!;
    probe.unmount();
    await renderConsole(`/subjects/${event.subjectId}`, { as: 'auditor' });
    const receipts = await screen.findByRole('navigation', { name: `Receipts of ${event.id}` });
    expect(within(receipts).getByRole('link', { name: 'Kantara receipt (JSON)' })).toHaveAttribute(
      'href',
      `/api/consent-events/${event.id}/receipt.json`,
    );
    expect(within(receipts).getByRole('link', { name: 'Receipt (readable)' })).toHaveAttribute(
      'href',
      `/api/consent-events/${event.id}/receipt.html`,
    );
  });

  it('says a reversed date range on the To field, with no request and no error panel', async () => {
    await renderConsole('/consents?from=2026-11-20&to=2026-11-01', { as: 'officer' });
    const to = await screen.findByLabelText('To');
    expect(to).toHaveAccessibleDescription('The end date is before the start date: choose a To date on or after From');
    expect(screen.getByText('Check the dates')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('renders only the rows in view, tells assistive technology where they stand, and pages on with "Load more"', async () => {
    const { user, harness } = await renderConsole('/consents', { as: 'officer' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Consent records' })).toBeInTheDocument();
    await screen.findByRole('table', { name: 'Consent events, newest first' });
    const headers = within(ledger())
      .getAllByRole('columnheader')
      .map((th) => th.textContent);
    expect(headers).toEqual(['Time', 'Subject', 'Purpose', 'Action', 'Channel', 'Notice']);

    const rendered = bodyRows().filter((row) => row.getAttribute('aria-hidden') !== 'true');
    expect(rendered.length).toBeGreaterThan(Math.floor(VIEW_HEIGHT / ROW_HEIGHT));
    expect(rendered.length).toBeLessThan(50);
    expect(rendered[0]).toHaveAttribute('aria-rowindex', '2');
    expect(ledger()).toHaveAttribute('aria-rowcount', String(harness.seed.consentEvents.length + 1));
    expect(screen.getByText(`Showing 50 of ${harness.seed.consentEvents.length} records`)).toBeInTheDocument();
    for (const subject of rendered.map((row) => cells(row)[1] ?? '').filter((text) => text.includes('@')))
      expect(subject).toMatch(/^.\*\*\*@/);

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText(`Showing 100 of ${harness.seed.consentEvents.length} records`)).toBeInTheDocument();
  });

  it('loads the next page by itself when the reader scrolls near the end, and renders the rows scrolled to', async () => {
    const { harness } = await renderConsole('/consents', { as: 'auditor' });
    await screen.findByRole('table', { name: 'Consent events, newest first' });
    const box = screen.getByRole('region', { name: 'Consent events, newest first' });
    Object.defineProperty(box, 'scrollTop', { configurable: true, value: 40 * ROW_HEIGHT });
    act(() => {
      fireEvent.scroll(box);
    });
    expect(await screen.findByText(`Showing 100 of ${harness.seed.consentEvents.length} records`)).toBeInTheDocument();
    const indexes = bodyRows()
      .map((row) => Number(row.getAttribute('aria-rowindex')))
      .filter((index) => index > 0);
    expect(Math.min(...indexes)).toBeGreaterThan(2);
    expect(Math.max(...indexes)).toBeGreaterThanOrEqual(42);
  });

  it('filters by purpose, action and subject id through the URL', async () => {
    const { user, router, harness } = await renderConsole('/consents', { as: 'auditor' });
    await screen.findByRole('table', { name: 'Consent events, newest first' });
    // Auditors read the ledger and its exports; nothing here writes.
    expect(screen.queryAllByRole('form')).toEqual([]);
    await user.selectOptions(screen.getByLabelText('Purpose'), 'Marketing emails and newsletter');
    await waitFor(() => expect(router.state.location.search).toBe('?purpose=marketing_emails'));
    await waitFor(() => {
      const purposes = new Set(bodyRows().map((row) => cells(row)[2]));
      expect([...purposes]).toEqual(['Marketing emails and newsletter']);
    });
    await user.selectOptions(screen.getByLabelText('Action'), 'Withdrawn');
    await waitFor(() => expect(router.state.location.search).toBe('?purpose=marketing_emails&action=withdrawn'));

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
    const subjectId = harness.seed.consentEvents[0]?.subjectId ?? '';
    await user.type(screen.getByLabelText('Subject id'), subjectId);
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(router.state.location.search).toBe(`?subjectId=${subjectId}`));
    const expected = harness.seed.consentEvents.filter((e) => e.subjectId === subjectId).length;
    await waitFor(() => expect(screen.getByText(`Showing ${expected} of ${expected} records`)).toBeInTheDocument());
    for (const row of bodyRows()) expect(within(row).getAllByRole('link')[0]).toHaveAttribute('href', `/subjects/${subjectId}`);
  });

  it('lets a support agent look up one person by email, with no browsing, review or export', async () => {
    const { user, harness, router } = await renderConsole('/consents', { as: 'support' });
    expect(await screen.findByText('Look up a person')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Purpose')).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Review queue' })).not.toBeInTheDocument();
    expect(screen.queryByText('Download suppression list (CSV)')).not.toBeInTheDocument();

    const withEvents = new Set(harness.seed.consentEvents.map((e) => e.subjectId));
    const person = harness.seed.subjects.find((s) => s.email && withEvents.has(s.id));
    if (!person?.email) throw new Error('the seed has no person with consent events');
    await user.type(screen.getByLabelText('Email address'), person.email);
    await user.click(screen.getByRole('button', { name: 'Apply' }));

    await waitFor(() => expect(router.state.location.search).toBe(`?email=${encodeURIComponent(person.email ?? '')}`));
    const count = harness.seed.consentEvents.filter((e) => e.subjectId === person.id).length;
    await waitFor(() => expect(bodyRows()).toHaveLength(count));
  });

  it('offers officers the review queue, the trends and the audited suppression list', async () => {
    const { user } = await renderConsole('/consents', { as: 'officer' });
    await screen.findByRole('table', { name: 'Consent events, newest first' });
    const tools = screen.getByRole('navigation', { name: 'Consent tools' });
    expect(within(tools).getByRole('link', { name: 'Review queue' })).toHaveAttribute('href', '/consents/review');
    expect(within(tools).getByRole('link', { name: 'Monthly trends' })).toHaveAttribute('href', '/consents/trends');
    await user.click(screen.getByText('Download suppression list (CSV)'));
    expect(screen.getByText(/Every download is recorded in the audit log/)).toBeVisible();
    await user.selectOptions(screen.getByLabelText('Purpose of the list'), 'Advertising cookies');
    expect(screen.getByRole('link', { name: 'Download CSV (audited)' })).toHaveAttribute(
      'href',
      '/api/exports/consent-suppression.csv?purpose=advertising_cookies&state=withdrawn',
    );
  });

  it('opens a person from the ledger with their consent state and timeline', async () => {
    const { user } = await renderConsole('/consents', { as: 'officer' });
    await screen.findByRole('table', { name: 'Consent events, newest first' });
    const firstRow = bodyRows()[0];
    const firstSubject = firstRow ? within(firstRow).getAllByRole('link')[0] : undefined;
    if (!firstSubject) throw new Error('no subject link');
    await user.click(firstSubject);
    expect(await screen.findByRole('table', { name: 'Current consent by purpose' })).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Consent history, newest first' })).toBeInTheDocument();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
  });
});

describe('subject page', () => {
  it('shows which processors must stop, records the withdrawal and refreshes the states and timeline', async () => {
    const probe = await renderConsole('/', { as: 'officer' });
    const person = personWithMarketingGranted(probe.harness);
    probe.unmount();
    const { user } = await renderConsole(`/subjects/${person.id}`, { as: 'officer' });
    const states = await screen.findByRole('table', { name: 'Current consent by purpose' });
    const marketingRow = () => within(states).getByRole('row', { name: /Marketing emails and newsletter/ });
    expect(within(marketingRow()).getByText('Granted')).toBeInTheDocument();
    const before = within(screen.getByRole('list', { name: 'Consent history, newest first' })).getAllByRole('listitem').length;

    const form = screen.getByRole('form', { name: 'Record a grant or withdrawal' });
    await user.click(within(form).getByRole('button', { name: 'Review and record…' }));
    await waitFor(() => expect(within(form).getByLabelText('Purpose')).toHaveAccessibleDescription('Choose one of the options'));
    expect(within(form).getByLabelText('Note')).toHaveAccessibleDescription(/Required/);

    await user.selectOptions(within(form).getByLabelText('Purpose'), 'Marketing emails and newsletter');
    await user.selectOptions(within(form).getByLabelText('Action'), 'Withdraw consent');
    await user.selectOptions(within(form).getByLabelText('Channel'), 'Support conversation');
    await user.type(within(form).getByLabelText('Note'), 'Asked in ticket HS-4711 to stop the newsletter.');
    await user.click(within(form).getByRole('button', { name: 'Review and record…' }));

    const dialog = await screen.findByRole('alertdialog', { name: 'Record this withdrawal?' });
    const mustStop = await within(dialog).findByRole('list', { name: 'Processors that must stop' });
    expect(
      within(mustStop)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(expect.arrayContaining(['MailChimp', 'Google AdWords', 'Facebook Ads Manager']));
    expect(within(dialog).getByText(/Processing before then stays lawful/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Record withdrawal' }));

    expect(await screen.findByText('Withdrawal of “Marketing emails and newsletter” recorded.')).toBeInTheDocument();
    await waitFor(() => expect(within(marketingRow()).getByText('Withdrawn')).toBeInTheDocument());
    const timeline = screen.getByRole('list', { name: 'Consent history, newest first' });
    await waitFor(() => expect(within(timeline).getAllByRole('listitem')).toHaveLength(before + 1));
    const newest = within(timeline).getAllByRole('listitem')[0];
    if (!newest) throw new Error('no timeline entry');
    expect(newest).toHaveTextContent('Asked in ticket HS-4711 to stop the newsletter.');
    expect(newest).toHaveTextContent('Olivia Officer (staff) on their behalf');
    expect(within(form).getByLabelText('Note')).toHaveValue('');
  });

  it('keeps what was typed and shows the API field message at its field when the API refuses', async () => {
    const probe = await renderConsole('/', { as: 'officer' });
    const person = personWithMarketingGranted(probe.harness);
    probe.unmount();
    const { user, harness } = await renderConsole(`/subjects/${person.id}`, { as: 'officer' });
    const form = await screen.findByRole('form', { name: 'Record a grant or withdrawal' });
    // The API's clock says it is earlier than the browser thinks: the time typed is in its future.
    harness.clock.now = new Date('2026-10-01T00:00:00.000Z');
    await user.selectOptions(within(form).getByLabelText('Purpose'), 'Product research and surveys');
    await user.selectOptions(within(form).getByLabelText('Action'), 'Grant consent');
    await user.type(within(form).getByLabelText('When the person said it (optional)'), '2026-11-02T10:30');
    await user.type(within(form).getByLabelText('Note'), 'Agreed on the call to take part in research.');
    await user.click(within(form).getByRole('button', { name: 'Review and record…' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Record this grant?' });
    await user.click(within(dialog).getByRole('button', { name: 'Record grant' }));

    const when = within(form).getByLabelText('When the person said it (optional)');
    await waitFor(() => expect(when).toHaveAccessibleDescription(/Must not be in the future/));
    expect(when).toHaveAttribute('aria-invalid', 'true');
    expect(when).toHaveValue('2026-11-02T10:30');
    expect(within(form).getByLabelText('Note')).toHaveValue('Agreed on the call to take part in research.');
    expect(within(form).getByLabelText('Purpose')).toHaveValue('product_research');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('reveals the email address on request, for a reason and a ticket, saying it is audited', async () => {
    const probe = await renderConsole('/', { as: 'officer' });
    const person = personWithMarketingGranted(probe.harness);
    probe.unmount();
    const { user, harness } = await renderConsole(`/subjects/${person.id}`, { as: 'support' });
    await screen.findByRole('table', { name: 'Current consent by purpose' });
    expect(screen.queryByText(person.email ?? '')).not.toBeInTheDocument();
    expect(screen.getByText('Each reveal is recorded in the audit log under your name, with its reason.')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Download proof of consent (JSON)' })).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Reason for revealing'), 'Customer asks which address we hold');
    await user.click(screen.getByRole('button', { name: 'Reveal email' }));
    // An agent names the ticket: the API says so on the field.
    expect(await screen.findByText('Support agents give the ticket reference the address is needed for')).toBeInTheDocument();
    await user.type(screen.getByLabelText(/^Ticket reference/), 'HS-4411');
    await user.click(screen.getByRole('button', { name: 'Reveal email' }));
    expect(await screen.findByText(person.email ?? '')).toBeInTheDocument();
    const audit = await harness.call('officer', 'GET', '/api/audit-events?recordType=subject');
    expect(audit.json.items.some((e: { recordId: string }) => e.recordId === person.id)).toBe(true);
  });

  it('shows auditors the proof download and notices but no reveal or record form', async () => {
    const probe = await renderConsole('/', { as: 'officer' });
    const person = personWithMarketingGranted(probe.harness);
    probe.unmount();
    const { user } = await renderConsole(`/subjects/${person.id}`, { as: 'auditor' });
    await screen.findByRole('table', { name: 'Current consent by purpose' });
    expect(screen.getByRole('link', { name: 'Download proof of consent (JSON)' })).toHaveAttribute(
      'href',
      `/api/subjects/${person.id}/proof.json`,
    );
    expect(screen.queryByRole('button', { name: 'Reveal email' })).not.toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Record a grant or withdrawal' })).not.toBeInTheDocument();
    expect(screen.queryAllByRole('form')).toEqual([]);
    const notices = screen.getByRole('heading', { level: 2, name: 'Notices this person was shown' });
    expect(notices).toBeInTheDocument();
    const timeline = screen.getByRole('list', { name: 'Consent history, newest first' });
    const noticeLink = within(timeline).getAllByRole('link', { name: /^Version / })[0];
    if (!noticeLink) throw new Error('no notice link');
    await user.click(noticeLink);
    const opened = document.querySelector('details[open]');
    expect(opened?.textContent).toMatch(/SHA-256/);
  });
});

describe('consent review queue', () => {
  const queue = () => screen.getByRole('table', { name: 'Consent events that need a review' });

  it('lets an officer mark an item reviewed with a required note, then lists it under Reviewed', async () => {
    const { user } = await renderConsole('/consents/review', { as: 'officer' });
    await screen.findByRole('table', { name: 'Consent events that need a review' });
    const first = bodyRows(queue())[0];
    if (!first) throw new Error('the queue is empty');
    const eventLink = within(first).getAllByRole('link')[0]?.getAttribute('href');
    const button = within(first).getByRole('button', { name: /^Mark reviewed/ });
    await user.click(button);
    const dialog = screen.getByRole('alertdialog', { name: 'Mark this event reviewed' });
    await user.click(within(dialog).getByRole('button', { name: 'Mark reviewed' }));
    await waitFor(() => expect(within(dialog).getByLabelText('Review note')).toHaveAccessibleDescription(/Required/));
    await user.type(within(dialog).getByLabelText('Review note'), 'Checked the sign-up log: consent was given.');
    await user.click(within(dialog).getByRole('button', { name: 'Mark reviewed' }));
    expect(await screen.findByText('Marked as reviewed.')).toBeInTheDocument();
    // The toast comes from the mutation's success, a moment before the dialog's own close runs.
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());

    await user.click(within(screen.getByRole('navigation', { name: 'Queue status' })).getByRole('link', { name: 'Reviewed' }));
    const reviewed = await screen.findByRole('table', { name: 'Consent events reviewed, newest first' });
    const row = bodyRows(reviewed).find((r) => within(r).getAllByRole('link')[0]?.getAttribute('href') === eventLink);
    expect(row).toBeDefined();
    expect(row).toHaveTextContent('Olivia Officer');
    expect(row).toHaveTextContent('Checked the sign-up log: consent was given.');
  });

  it('says so when another officer reviewed the item first, and refreshes the queue', async () => {
    const { user, harness } = await renderConsole('/consents/review', { as: 'officer' });
    await screen.findByRole('table', { name: 'Consent events that need a review' });
    const open = await harness.call('officer', 'GET', '/api/consent-reviews?limit=1');
    const eventId: string = open.json.items[0].event.id;
    const first = bodyRows(queue())[0];
    if (!first) throw new Error('the queue is empty');
    await user.click(within(first).getByRole('button', { name: /^Mark reviewed/ }));
    const done = await harness.call('officer2', 'POST', `/api/consent-reviews/${eventId}`, {
      body: { note: 'Done by the other officer.' },
    });
    expect(done.status).toBe(201);
    const dialog = screen.getByRole('alertdialog', { name: 'Mark this event reviewed' });
    await user.type(within(dialog).getByLabelText('Review note'), 'Me too.');
    await user.click(within(dialog).getByRole('button', { name: 'Mark reviewed' }));
    expect(await within(dialog).findByText('Already dealt with')).toBeInTheDocument();
    await waitFor(() => expect(bodyRows(queue()).some((r) => r === first)).toBe(false));
  });

  it('is read-only for auditors and filters by reason and purpose in the URL', async () => {
    const { user, router } = await renderConsole('/consents/review', { as: 'auditor' });
    await screen.findByRole('table', { name: 'Consent events that need a review' });
    expect(screen.queryByRole('button', { name: /^Mark reviewed/ })).not.toBeInTheDocument();
    expect(screen.queryAllByRole('form')).toEqual([]);
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Reason'), 'No evidence');
    await waitFor(() => expect(router.state.location.search).toBe('?reason=no_evidence'));
    await waitFor(() => {
      const rows = bodyRows(queue());
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row).toHaveTextContent('No evidence');
    });
    await user.selectOptions(screen.getByLabelText('Purpose'), 'Marketing emails and newsletter');
    await waitFor(() => expect(router.state.location.search).toBe('?reason=no_evidence&purpose=marketing_emails'));
  });
});

describe('consent trends', () => {
  it('draws the last 12 months and lists the same numbers in a table, per purpose', async () => {
    const { user, harness, router } = await renderConsole('/consents/trends', { as: 'auditor' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Consent trends' })).toBeInTheDocument();
    const monthly = await harness.call('auditor', 'GET', '/api/consent-stats/monthly');
    const months: string[] = monthly.json.months;
    type Row = { month: string; purpose: string; granted: number; withdrawn: number };
    const sum = (purpose: string | null, month: string, key: 'granted' | 'withdrawn') =>
      (monthly.json.rows as Row[]).filter((r) => r.month === month && (!purpose || r.purpose === purpose)).reduce((n, r) => n + r[key], 0);

    expect(screen.getByRole('img', { name: /All purposes: grants and withdrawals per month/ })).toBeInTheDocument();
    let table = screen.getByRole('table', { name: 'Grants and withdrawals per month: All purposes' });
    expect(bodyRows(table)).toHaveLength(months.length + 1);
    const lastMonth = months[months.length - 1] ?? '';
    const lastRow = bodyRows(table)[months.length - 1];
    if (!lastRow) throw new Error('no row for the last month');
    expect(cells(lastRow).slice(0, 2)).toEqual([String(sum(null, lastMonth, 'granted')), String(sum(null, lastMonth, 'withdrawn'))]);

    await user.selectOptions(screen.getByLabelText('Purpose'), 'Marketing emails and newsletter');
    await waitFor(() => expect(router.state.location.search).toBe('?purpose=marketing_emails'));
    table = await screen.findByRole('table', { name: 'Grants and withdrawals per month: Marketing emails and newsletter' });
    const granted = bodyRows(table)
      .slice(0, months.length)
      .map((row) => Number((cells(row)[0] ?? '').replace(/\D/g, '')));
    expect(granted).toEqual(months.map((m) => sum('marketing_emails', m, 'granted')));
  });
});

describe('person search', () => {
  it('finds people by a word of their name as one types, masked, and keeps the text in the link', async () => {
    const { user, router, harness } = await renderConsole('/consents', { as: 'officer' });
    const person = harness.seed.subjects.find((s) => s.name && s.email && s.name.includes(' '))!;
    const lastName = person.name!.split(' ').at(-1)!;
    const box = await screen.findByRole('searchbox', { name: 'Person' });
    await user.type(box, lastName.toUpperCase());
    const list = await screen.findByRole('list', { name: `People matching “${lastName.toUpperCase()}”` });
    const link = within(list).getByRole('link', { name: person.name! });
    expect(link).toHaveAttribute('href', `/subjects/${person.id}`);
    expect(list.textContent).not.toContain(person.email!);
    expect(list.textContent).toMatch(/.\*\*\*@/);
    expect(router.state.location.search).toContain(`person=${encodeURIComponent(lastName.toUpperCase())}`);
    // Arrow down from the box reaches the first match.
    box.focus();
    await user.keyboard('{ArrowDown}');
    expect(within(list).getAllByRole('link')[0]).toHaveFocus();
  });

  it('searches again from the link after a reload, says when the text is too short, and when no one matches', async () => {
    const probe = await renderConsole('/', { as: 'auditor' });
    const person = probe.harness.seed.subjects.find((s) => s.email)!;
    probe.unmount();
    const domain = person.email!.slice(person.email!.indexOf('@'));
    const { user } = await renderConsole(`/consents?person=${encodeURIComponent(domain)}`, { as: 'auditor' });
    const list = await screen.findByRole('list', { name: `People matching “${domain}”` });
    expect(within(list).getByRole('link', { name: person.name! })).toBeInTheDocument();
    const box = screen.getByRole('searchbox', { name: 'Person' });
    expect(box).toHaveValue(domain);
    await user.clear(box);
    await user.type(box, '@x');
    expect(await screen.findByText(/Type at least 2 letters/)).toBeInTheDocument();
    await user.clear(box);
    await user.type(box, 'zzzqqq{Enter}');
    expect(await screen.findByText('No one matches “zzzqqq”.')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(box).toHaveValue('');
  });

  it('is not offered to a support agent, who looks people up by exact email', async () => {
    await renderConsole('/consents', { as: 'support' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Consent records' })).toBeInTheDocument();
    expect(screen.queryByRole('searchbox', { name: 'Person' })).not.toBeInTheDocument();
  });
});
