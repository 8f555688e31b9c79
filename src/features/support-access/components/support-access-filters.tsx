import { accessStatuses } from '../../../api/contract/support-access';
import { SelectField, TextField } from '../../../components/ui/fields';
import { FilterBar } from '../../../components/ui/filter-bar';
import { humanize } from '../../../lib/format';
import { useDraft } from '../../../lib/search-params';
import type { SupportAccessSearch } from '../support-access-search';

type SupportAccessFiltersProps = {
  search: SupportAccessSearch;
  onChange: (changes: Partial<Record<keyof SupportAccessSearch, string | undefined>>) => void;
};

const sorts = [
  { value: 'newest', label: 'Newest first' },
  { value: 'oldest', label: 'Oldest first' },
  { value: 'ending', label: 'Ending soonest' },
];

export function SupportAccessFilters({ search, onChange }: SupportAccessFiltersProps) {
  const [q, setQ] = useDraft(search.q);
  const active = Object.values(search).some((value) => value !== undefined);
  return (
    <FilterBar
      label="Filter support-access requests"
      active={active}
      onSubmit={() => onChange({ q })}
      onClear={() => onChange({ q: undefined, status: undefined, sort: undefined })}
    >
      <div className="w-64">
        <TextField label="Search" type="search" hint="Account or ticket" value={q} onChange={(event) => setQ(event.target.value)} />
      </div>
      <SelectField
        label="Status"
        emptyLabel="Any status"
        value={search.status ?? ''}
        options={accessStatuses.map((value) => ({ value, label: value === 'pending' ? 'Awaiting approval' : humanize(value) }))}
        onChange={(event) => onChange({ status: event.target.value })}
      />
      <SelectField
        label="Sort"
        value={search.sort ?? 'newest'}
        options={sorts}
        onChange={(event) => onChange({ sort: event.target.value === 'newest' ? undefined : event.target.value })}
      />
    </FilterBar>
  );
}
