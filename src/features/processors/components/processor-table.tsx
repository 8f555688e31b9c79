import { Link } from 'react-router';
import type { ProcessorView } from '@/api/contract/processors';
import { focusRing, linkClass } from '@/components/ui/classes';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { countryName, formatCalendarDate, humanize } from '@/lib/format';
import type { ProcessorSortKey } from '@/features/processors/processor-search';
import { AttentionList, dataCategoryLabel, DpaBadge, ProcessorStatusBadge, retentionText } from './processor-labels';

type SortDir = 'asc' | 'desc';
type Sort = { key: ProcessorSortKey; dir: SortDir };

const columns: readonly { key: ProcessorSortKey; label: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'category', label: 'Category' },
  { key: 'dataCategories', label: 'Data categories' },
  { key: 'locations', label: 'Locations' },
  { key: 'transfer', label: 'Transfer mechanism' },
  { key: 'dpa', label: 'DPA' },
  { key: 'retention', label: 'Retention' },
  { key: 'status', label: 'Status' },
  { key: 'nextReview', label: 'Next review' },
  { key: 'attention', label: 'Needs attention' },
];

function transferText(processor: ProcessorView): string {
  const mechanisms = processor.locations.map((location) => location.transferMechanism?.toUpperCase()).filter(Boolean);
  return [...new Set(mechanisms)].join(', ');
}

/** The value a column sorts by: text compares by locale, numbers by size. */
function sortValue(processor: ProcessorView, key: ProcessorSortKey): string | number {
  switch (key) {
    case 'name':
      return processor.name;
    case 'category':
      return humanize(processor.category);
    case 'dataCategories':
      return processor.dataCategories.length;
    case 'locations':
      return processor.locations.map((location) => location.country).join(',');
    case 'transfer':
      return transferText(processor);
    case 'dpa':
      return processor.dpa.status;
    case 'retention':
      return retentionText(processor.retention);
    case 'status':
      return processor.status;
    case 'nextReview':
      return processor.nextReviewOn ?? '9999-12-31';
    case 'attention':
      return processor.attention.length;
  }
}

export function sortProcessors(processors: readonly ProcessorView[], sort: Sort | null): readonly ProcessorView[] {
  if (!sort) return processors;
  const factor = sort.dir === 'asc' ? 1 : -1;
  return [...processors].sort((a, b) => {
    const left = sortValue(a, sort.key);
    const right = sortValue(b, sort.key);
    const order = typeof left === 'number' && typeof right === 'number' ? left - right : String(left).localeCompare(String(right));
    return order * factor || a.name.localeCompare(b.name);
  });
}

type ProcessorTableProps = {
  processors: readonly ProcessorView[];
  sort: Sort | null;
  onSort: (sort: Sort) => void;
};

export function ProcessorTable({ processors, sort, onSort }: ProcessorTableProps) {
  return (
    <Table caption="Processors and storage locations">
      <THead>
        {columns.map((column) => {
          const current = sort?.key === column.key ? sort.dir : null;
          return (
            <Th key={column.key} aria-sort={current === 'asc' ? 'ascending' : current === 'desc' ? 'descending' : undefined}>
              <button
                type="button"
                className={`inline-flex items-center gap-1 rounded-sm font-semibold ${focusRing}`}
                onClick={() => onSort({ key: column.key, dir: current === 'asc' ? 'desc' : 'asc' })}
              >
                {column.label}
                <span aria-hidden="true">{current === 'asc' ? '▲' : current === 'desc' ? '▼' : '↕'}</span>
              </button>
            </Th>
          );
        })}
      </THead>
      <TBody>
        {sortProcessors(processors, sort).map((processor) => (
          <tr key={processor.id}>
            <Td className="font-medium">
              <Link to={`/processors/${processor.id}`} className={linkClass}>
                {processor.name}
              </Link>
              {processor.kind === 'own_location' ? <span className="block text-xs text-gray-600">Our own location</span> : null}
            </Td>
            <Td>{humanize(processor.category)}</Td>
            <Td className="max-w-xs">{processor.dataCategories.map(dataCategoryLabel).join(', ') || '—'}</Td>
            <Td>
              {processor.locations.map((location) => (
                <span key={location.country} className="block whitespace-nowrap">
                  <abbr title={countryName(location.country)} className="no-underline">
                    {location.country}
                  </abbr>
                </span>
              ))}
            </Td>
            <Td>{transferText(processor) || '—'}</Td>
            <Td>
              <DpaBadge dpa={processor.dpa} />
            </Td>
            <Td className="max-w-xs">{processor.retention ? retentionText(processor.retention, { short: true }) : 'Not recorded'}</Td>
            <Td>
              <ProcessorStatusBadge status={processor.status} />
            </Td>
            <Td className="whitespace-nowrap">{processor.nextReviewOn ? formatCalendarDate(processor.nextReviewOn) : '—'}</Td>
            <Td>
              <AttentionList attention={processor.attention} />
            </Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
