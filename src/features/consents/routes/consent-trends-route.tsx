import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { ConsentMonthly, ConsentPurpose } from '@/api/contract/consent';
import { consentPurposeLabels, consentPurposeOptions } from '@/api/contract/consent';
import { linkClass } from '@/components/ui/classes';
import { SelectField } from '@/components/ui/fields';
import { FilterBar } from '@/components/ui/filter-bar';
import { PageHeader } from '@/components/ui/page-header';
import { QueryState } from '@/components/ui/states';
import { useSearchState } from '@/lib/search-params';
import { consentQueries } from '@/features/consents/api/consent-queries';
import type { MonthFigures } from '@/features/consents/components/trends-chart';
import { monthLabel, TrendsChart, TrendsTable } from '@/features/consents/components/trends-chart';
import { trendsSearch } from '@/features/consents/consent-search';

/** One figure per month of the answer (months without events count zero), for one purpose or all added up. */
function monthlyFigures(data: ConsentMonthly, purpose: ConsentPurpose | undefined): MonthFigures[] {
  return data.months.map((month) => {
    const rows = data.rows.filter((row) => row.month === month && (!purpose || row.purpose === purpose));
    return {
      month,
      granted: rows.reduce((sum, row) => sum + row.granted, 0),
      withdrawn: rows.reduce((sum, row) => sum + row.withdrawn, 0),
    };
  });
}

export function Component() {
  const [search, setSearch] = useSearchState(trendsSearch);
  const query = useQuery(consentQueries.monthly());
  const what = search.purpose ? consentPurposeLabels[search.purpose] : 'All purposes';

  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/consents" className={linkClass}>
          ← Consent records
        </Link>
      </p>
      <PageHeader
        title="Consent trends"
        description="Grants and withdrawals per calendar month over the last 12 months, counted by when the person gave or withdrew consent."
      />
      <FilterBar label="Choose a purpose" active={Boolean(search.purpose)} onClear={() => setSearch({ purpose: undefined })}>
        <SelectField
          label="Purpose"
          emptyLabel="All purposes"
          value={search.purpose ?? ''}
          options={consentPurposeOptions}
          onChange={(event) => setSearch({ purpose: event.target.value })}
        />
      </FilterBar>
      <QueryState query={query} loading="Loading the monthly figures…">
        {(data) => <TrendsView data={data} purpose={search.purpose} what={what} />}
      </QueryState>
    </>
  );
}

function TrendsView({ data, purpose, what }: { data: ConsentMonthly; purpose: ConsentPurpose | undefined; what: string }) {
  const figures = monthlyFigures(data, purpose);
  const first = figures[0];
  const last = figures[figures.length - 1];
  const span = first && last ? `${monthLabel(first.month, 'long')} to ${monthLabel(last.month, 'long')}` : '';
  return (
    <div className="space-y-6">
      <TrendsChart figures={figures} title={`${what}: grants and withdrawals per month, ${span}`} />
      <section aria-labelledby="trends-table-heading" className="space-y-3">
        <h2 id="trends-table-heading" className="text-lg font-semibold text-gray-900">
          The numbers
        </h2>
        <TrendsTable figures={figures} caption={`Grants and withdrawals per month: ${what}`} />
      </section>
    </div>
  );
}
