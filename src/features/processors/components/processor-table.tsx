import type { ColumnDef, SortingFn } from '@tanstack/react-table';
import { createColumnHelper } from '@tanstack/react-table';
import { Link } from 'react-router';
import type { ProcessorView } from '@/api/contract/processors';
import { linkClass } from '@/components/ui/classes';
import { DataTable } from '@/components/ui/data-table';
import { countryName } from '@/api/contract/countries';
import { formatCalendarDate, humanize } from '@/lib/format';
import type { ProcessorSortKey } from '@/features/processors/processor-search';
import { processorSortKeys } from '@/features/processors/processor-search';
import { AttentionList, dataCategoryLabel, DpaBadge, ProcessorStatusBadge, retentionText } from './processor-labels';

type SortDir = 'asc' | 'desc';
type ProcessorSort = { key: ProcessorSortKey; dir: SortDir };

/** Each location's basis in a word: "IE: EEA, US: DPF", and "none" where a safeguard is missing. */
function transferText(processor: ProcessorView): string {
  return processor.transfers
    .map((transfer, index) => {
      const mechanism = processor.locations[index]?.transferMechanism;
      const basis =
        transfer.basis === 'eea'
          ? 'EEA'
          : transfer.basis === 'adequacy'
            ? transfer.country === 'US'
              ? 'DPF'
              : 'adequacy'
            : transfer.basis === 'safeguard'
              ? (mechanism?.toUpperCase().replace('_', ' ') ?? 'safeguard')
              : 'none';
      return `${transfer.country}: ${basis}`;
    })
    .join(', ');
}

/** Text compares by locale, numbers by size; equal values keep the registry in name order. */
const byValue: SortingFn<ProcessorView> = (a, b, columnId) => {
  const left = a.getValue<string | number>(columnId);
  const right = b.getValue<string | number>(columnId);
  const order = typeof left === 'number' && typeof right === 'number' ? left - right : String(left).localeCompare(String(right));
  return order || a.original.name.localeCompare(b.original.name);
};

const column = createColumnHelper<ProcessorView>();

const columns: ColumnDef<ProcessorView, string | number>[] = [
  column.accessor('name', {
    header: 'Name',
    meta: { cellClassName: 'font-medium' },
    cell: ({ row: { original: processor } }) => (
      <>
        <Link to={`/processors/${processor.id}`} className={linkClass}>
          {processor.name}
        </Link>
        {processor.kind === 'own_location' ? <span className="block text-xs text-gray-600">Our own location</span> : null}
      </>
    ),
  }),
  column.accessor((p) => humanize(p.category), { id: 'category', header: 'Category' }),
  column.accessor((p) => p.dataCategories.length, {
    id: 'dataCategories',
    header: 'Data categories',
    meta: { cellClassName: 'max-w-xs' },
    cell: ({ row }) => row.original.dataCategories.map(dataCategoryLabel).join(', ') || '—',
  }),
  column.accessor((p) => p.locations.map((location) => location.country).join(','), {
    id: 'locations',
    header: 'Locations',
    cell: ({ row }) =>
      row.original.locations.map((location) => (
        <span key={location.country} className="block whitespace-nowrap">
          <abbr title={countryName(location.country)} className="no-underline">
            {location.country}
          </abbr>
        </span>
      )),
  }),
  column.accessor(transferText, { id: 'transfer', header: 'Transfer basis', cell: ({ getValue }) => getValue() || '—' }),
  column.accessor((p) => p.dpa.status, { id: 'dpa', header: 'DPA', cell: ({ row }) => <DpaBadge dpa={row.original.dpa} /> }),
  column.accessor((p) => retentionText(p.retention), {
    id: 'retention',
    header: 'Retention',
    meta: { cellClassName: 'max-w-xs' },
    cell: ({ row: { original: p } }) => (p.retention ? retentionText(p.retention, { short: true }) : 'Not recorded'),
  }),
  column.accessor('status', { header: 'Status', cell: ({ row }) => <ProcessorStatusBadge status={row.original.status} /> }),
  column.accessor((p) => p.nextReviewOn ?? '9999-12-31', {
    id: 'nextReview',
    header: 'Next review',
    meta: { cellClassName: 'whitespace-nowrap' },
    cell: ({ row }) => (row.original.nextReviewOn ? formatCalendarDate(row.original.nextReviewOn) : '—'),
  }),
  column.accessor((p) => p.attention.length, {
    id: 'attention',
    header: 'Needs attention',
    cell: ({ row }) => <AttentionList attention={row.original.attention} />,
  }),
].map((def) => ({ ...def, sortingFn: byValue }));

type ProcessorTableProps = {
  processors: ProcessorView[];
  sort: ProcessorSort | null;
  onSort: (sort: ProcessorSort) => void;
};

/** The registry, sorted in the page by the column the URL names: the registry is one short list. */
export function ProcessorTable({ processors, sort, onSort }: ProcessorTableProps) {
  return (
    <DataTable
      caption="Processors and storage locations"
      data={processors}
      columns={columns}
      getRowId={(processor) => processor.id}
      sorting={{
        state: sort ? [{ id: sort.key, desc: sort.dir === 'desc' }] : [],
        onChange: ([next]) => {
          const key = processorSortKeys.find((candidate) => candidate === next?.id);
          if (next && key) onSort({ key, dir: next.desc ? 'desc' : 'asc' });
        },
      }}
    />
  );
}
