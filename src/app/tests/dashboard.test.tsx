// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { consentPurposeLabels, consentPurposes } from '@/api/contract/consent';
import { renderConsole } from './render-console';

afterEach(() => vi.unstubAllGlobals());

type Harness = Awaited<ReturnType<typeof renderConsole>>['harness'];

async function total(harness: Harness, path: string): Promise<number> {
  const { status, json } = await harness.call('officer', 'GET', path);
  if (status !== 200) throw new Error(`${path} answered ${status}`);
  return (json as { total?: number; items: unknown[] }).total ?? (json as { items: unknown[] }).items.length;
}

const section = (name: string) => screen.getByRole('region', { name });

describe('dashboard', () => {
  it('shows an officer each figure as a link to the filtered list it counts', async () => {
    const { harness, user, router } = await renderConsole('/', { as: 'officer' });
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });
    const overdue = await total(harness, '/api/deletion-requests?overdue=1&limit=200');
    const pending = await total(harness, '/api/support-access-requests?status=pending&limit=200');

    const overdueLink = await screen.findByRole('link', { name: `${overdue} Deletions overdue` });
    expect(overdueLink).toHaveAttribute('href', '/deletions?overdue=1');
    expect(within(section('Support access')).getByRole('link', { name: `${pending} Support requests awaiting approval` })).toHaveAttribute(
      'href',
      '/support-access?status=pending',
    );
    expect(screen.getByRole('link', { name: /^\d+ Deletions due within 7 days$/ })).toHaveAttribute('href', '/deletions?dueWithinDays=7');
    expect(screen.getByRole('link', { name: /^\d+ Grants ending within the hour$/ })).toHaveAttribute(
      'href',
      '/support-access?ending=1&sort=ending',
    );
    expect(screen.getByRole('link', { name: /^\d+ Consent records to review$/ })).toHaveAttribute('href', '/consents/review');
    expect(pending).toBeGreaterThan(0);
    expect(
      within(section('Support access')).getByText(
        (_, el) => el?.tagName === 'P' && /^The oldest has waited \d+ (minute|hour|day)s?\.$/.test(el.textContent),
      ),
    ).toBeInTheDocument();

    // The chart is a titled table: every purpose, its two figures as text, and what normal looked like.
    expect(screen.getByRole('heading', { name: 'Consent withdrawals per purpose, last 30 days' })).toBeInTheDocument();
    const chart = screen.getByRole('table', { name: /Consent withdrawals per purpose/ });
    const rows = within(chart).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[0]?.textContent)).toEqual(
      consentPurposes.map((p) => consentPurposeLabels[p]),
    );
    for (const row of rows) {
      const cells = within(row).getAllByRole('cell');
      expect(cells[1]?.textContent).toMatch(/^\d[\d,]*$/);
      expect(cells[3]?.textContent).toMatch(
        /^(No change|Up from none|Up \d+%|Down \d+%)(Above|Below|Within) the usual [\d,]+(–[\d,]+)? per 30 days of the previous 6 months$/,
      );
    }

    const attention = within(section('Processors needing attention')).queryAllByRole('link');
    for (const link of attention)
      expect(link.getAttribute('href')).toMatch(
        /^\/processors\?attention=(review_overdue|no_signed_dpa|transfer_without_mechanism|retention_missing|dpa_expiring)$/,
      );

    expect(screen.getByRole('link', { name: 'Record an erasure request' })).toHaveAttribute('href', '/deletions/new');
    await user.click(overdueLink);
    expect(await screen.findByRole('heading', { level: 1, name: 'Deletions' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('?overdue=1');
  });

  it('links each withdrawal figure to the ledger from the day the API counted from, so the list counts the same', async () => {
    const { harness } = await renderConsole('/', { as: 'officer' });
    const chart = await screen.findByRole('table', { name: /Consent withdrawals per purpose/ });
    const summary = await harness.call('officer', 'GET', '/api/dashboard');
    const since: string = summary.json.consent.withdrawalsSince;
    const rows = within(chart).getAllByRole('row').slice(1);
    for (const [index, purpose] of consentPurposes.entries()) {
      const row = rows[index];
      if (!row) throw new Error(`no row for ${purpose}`);
      const href = `/consents?purpose=${purpose}&action=withdrawn&from=${since}`;
      expect(within(row).getByRole('link', { name: consentPurposeLabels[purpose] })).toHaveAttribute('href', href);
      // The list behind the link, read to its end: as many events as the figure says.
      let listed = 0;
      let cursor: string | null = null;
      do {
        const page = await harness.call(
          'officer',
          'GET',
          `/api/consent-events?purpose=${purpose}&action=withdrawn&from=${since}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        expect(page.status).toBe(200);
        listed += (page.json as { items: unknown[] }).items.length;
        cursor = (page.json as { nextCursor: string | null }).nextCursor;
      } while (cursor);
      expect(within(row).getAllByRole('cell')[1]?.textContent?.replace(/,/g, '')).toBe(String(listed));
    }
  });

  it('shows an auditor the same counts without any action', async () => {
    await renderConsole('/', { as: 'auditor' });
    await screen.findByRole('link', { name: /Deletions overdue$/ });
    expect(screen.getByRole('region', { name: 'Consent' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Record an erasure request' })).not.toBeInTheDocument();
    expect(within(screen.getByRole('main')).queryByRole('button')).not.toBeInTheDocument();
  });

  it('shows a support agent their own requests and grants instead of the queues', async () => {
    const { harness } = await renderConsole('/', { as: 'support' });
    await screen.findByRole('region', { name: 'Your support access' });
    const agent = harness.seed.users.find((u) => u.email === 'support@demo.test');
    const { json } = await harness.call('support', 'GET', '/api/support-access-requests?status=active&limit=200');
    const mine = (json as { items: { requesterId: string }[] }).items.filter((r) => r.requesterId === agent?.id).length;

    const own = within(section('Your support access'))
      .getAllByRole('link')
      .map((link) => link.textContent?.replace(/^[\d,]+ /, ''));
    expect(own).toEqual([
      'Your requests awaiting the customer’s consent',
      'Your requests awaiting approval',
      'Your active grants',
      'Your grants ending within the hour',
    ]);
    expect(screen.getByRole('link', { name: `${mine} Your active grants` })).toHaveAttribute(
      'href',
      '/support-access?status=active&sort=ending',
    );
    // Each figure opens the list of exactly what it counts.
    const hrefs = within(section('Your support access'))
      .getAllByRole('link')
      .map((link) => link.getAttribute('href'));
    expect(hrefs).toEqual([
      '/support-access?awaiting=consent',
      '/support-access?awaiting=approval',
      '/support-access?status=active&sort=ending',
      '/support-access?ending=1&sort=ending',
    ]);
    for (const [awaiting, label] of [
      ['consent', 'Your requests awaiting the customer’s consent'],
      ['approval', 'Your requests awaiting approval'],
    ] as const) {
      const listed = await harness.call('support', 'GET', `/api/support-access-requests?awaiting=${awaiting}&limit=1`);
      expect(screen.getByRole('link', { name: `${(listed.json as { total: number }).total} ${label}` })).toBeInTheDocument();
    }
    for (const name of ['Deletions', 'Support access', 'Consent']) expect(screen.queryByRole('region', { name })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ask for support access' })).toHaveAttribute('href', '/support-access/new');
  });
});
