import { attentionReasons, dataCategories, processorStatuses } from '@/api/contract/processors';
import { SelectField, TextField } from '@/components/ui/fields';
import { FilterBar } from '@/components/ui/filter-bar';
import { humanize } from '@/lib/format';
import { useDraft } from '@/lib/search-params';
import type { ProcessorSearch } from '@/features/processors/processor-search';
import { attentionReasonLabels, dataCategoryLabel } from './processor-labels';

type ProcessorFiltersProps = {
  search: ProcessorSearch;
  onChange: (changes: Partial<Record<keyof ProcessorSearch, string | boolean | undefined>>) => void;
};

export function ProcessorFilters({ search, onChange }: ProcessorFiltersProps) {
  const [q, setQ] = useDraft(search.q);
  const [purpose, setPurpose] = useDraft(search.purpose);
  const [location, setLocation] = useDraft(search.location);
  const { sort: _sort, dir: _dir, ...filters } = search;
  const active = Object.values(filters).some((value) => value !== undefined);
  return (
    <FilterBar
      label="Filter processors"
      active={active}
      onSubmit={() => onChange({ q, purpose, location: location.trim().toUpperCase() })}
      onClear={() => {
        onChange({
          q: undefined,
          purpose: undefined,
          location: undefined,
          status: undefined,
          dataCategory: undefined,
          attention: undefined,
        });
      }}
    >
      <div className="w-56">
        <TextField label="Search" type="search" value={q} onChange={(event) => setQ(event.target.value)} />
      </div>
      <div className="w-56">
        <TextField label="Purpose" type="search" value={purpose} onChange={(event) => setPurpose(event.target.value)} />
      </div>
      <div className="w-36">
        <TextField
          label="Location"
          hint="Country code, e.g. US"
          maxLength={2}
          value={location}
          onChange={(event) => setLocation(event.target.value)}
        />
      </div>
      <SelectField
        label="Status"
        emptyLabel="Any status"
        value={search.status ?? ''}
        options={processorStatuses.map((value) => ({ value, label: humanize(value) }))}
        onChange={(event) => onChange({ status: event.target.value })}
      />
      <SelectField
        label="Data category"
        emptyLabel="Any data category"
        value={search.dataCategory ?? ''}
        options={dataCategories.map((value) => ({ value, label: dataCategoryLabel(value) }))}
        onChange={(event) => onChange({ dataCategory: event.target.value })}
      />
      <SelectField
        label="Needs attention"
        emptyLabel="Any processor"
        value={search.attention ?? ''}
        options={[
          { value: '1', label: 'For any reason' },
          ...attentionReasons.map((value) => ({ value, label: attentionReasonLabels[value] })),
        ]}
        onChange={(event) => onChange({ attention: event.target.value })}
      />
    </FilterBar>
  );
}
