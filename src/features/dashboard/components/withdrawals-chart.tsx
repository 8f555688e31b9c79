import { Link } from 'react-router';
import type { DashboardSummary } from '@/api/contract/dashboard';
import { consentPurposeLabels } from '@/api/contract/consent-purposes';
import { linkClass } from '@/components/ui/classes';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { formatCount } from '@/lib/format';
import { dashboardLinks } from '@/features/dashboard/dashboard-links';

type Withdrawals = NonNullable<DashboardSummary['consent']>['withdrawals'];

function change(last: number, previous: number): string {
  if (last === previous) return 'No change';
  if (previous === 0) return 'Up from none';
  const percent = Math.round(((last - previous) / previous) * 100);
  return percent > 0 ? `Up ${percent}%` : `Down ${Math.abs(percent)}%`;
}

/** The last 30 days against what the previous six months looked like. */
function againstUsual(last: number, range: { min: number; max: number } | undefined): string | null {
  if (!range) return null;
  const span = range.min === range.max ? `${formatCount(range.min)}` : `${formatCount(range.min)}–${formatCount(range.max)}`;
  if (last > range.max) return `Above the usual ${span} per 30 days of the previous 6 months`;
  if (last < range.min) return `Below the usual ${span} per 30 days of the previous 6 months`;
  return `Within the usual ${span} per 30 days of the previous 6 months`;
}

function Bar({ value, max, tone }: { value: number; max: number; tone: 'recent' | 'earlier' }) {
  const width = max === 0 ? 0 : Math.max(value > 0 ? 2 : 0, Math.round((value / max) * 100));
  return (
    <span aria-hidden="true" className="block h-2 w-full rounded-full bg-gray-100">
      <span className={`block h-2 rounded-full ${tone === 'recent' ? 'bg-indigo-600' : 'bg-gray-500'}`} style={{ width: `${width}%` }} />
    </span>
  );
}

/**
 * Withdrawals per purpose, the last 30 days against the 30 before: a table whose cells draw their bars,
 * so the figures are read as text and seen as a chart. Each links to the ledger from `since`, the day the
 * API counted from, so the list counts the same window as the figure.
 */
export function WithdrawalsChart({ withdrawals, since }: { withdrawals: Withdrawals; since: string }) {
  const max = Math.max(0, ...withdrawals.flatMap((row) => [row.last30Days, row.previous30Days]));
  return (
    <section aria-labelledby="withdrawals-title" className="space-y-2">
      <h3 id="withdrawals-title" className="text-base font-semibold text-gray-900">
        Consent withdrawals per purpose, last 30 days
      </h3>
      <Table caption="Consent withdrawals per purpose: the last 30 days against the 30 days before and the previous 6 months">
        <THead>
          <Th>Purpose</Th>
          <Th className="w-1/4">Last 30 days</Th>
          <Th className="w-1/4">Previous 30 days</Th>
          <Th>Change, and against the previous 6 months</Th>
        </THead>
        <TBody>
          {withdrawals.map((row) => (
            <tr key={row.purpose}>
              <Td>
                <Link to={dashboardLinks.withdrawalsOf(row.purpose, since)} className={linkClass}>
                  {consentPurposeLabels[row.purpose]}
                </Link>
              </Td>
              <Td>
                <span className="mb-1 block tabular-nums">{formatCount(row.last30Days)}</span>
                <Bar value={row.last30Days} max={max} tone="recent" />
              </Td>
              <Td>
                <span className="mb-1 block tabular-nums">{formatCount(row.previous30Days)}</span>
                <Bar value={row.previous30Days} max={max} tone="earlier" />
              </Td>
              <Td>
                <span className="block whitespace-nowrap">{change(row.last30Days, row.previous30Days)}</span>
                {row.usualRange ? <span className="block text-gray-600">{againstUsual(row.last30Days, row.usualRange)}</span> : null}
              </Td>
            </tr>
          ))}
        </TBody>
      </Table>
    </section>
  );
}
