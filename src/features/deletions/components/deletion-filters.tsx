import { deletionStatuses } from '@/api/contract/deletions';
import { CheckboxField, SelectField } from '@/components/ui/fields';
import { FilterBar } from '@/components/ui/filter-bar';
import { humanize } from '@/lib/format';
import type { DeletionSearch } from '@/features/deletions/deletion-search';

type DeletionFiltersProps = {
  search: DeletionSearch;
  onChange: (changes: Partial<Record<keyof DeletionSearch, string | boolean | undefined>>) => void;
};

const windows = [7, 14, 30].map((days) => ({ value: String(days), label: `Within ${days} days` }));

export function DeletionFilters({ search, onChange }: DeletionFiltersProps) {
  const active = Object.values(search).some((value) => value !== undefined);
  return (
    <FilterBar
      label="Filter deletion requests"
      active={active}
      onClear={() => onChange({ status: undefined, overdue: undefined, held: undefined, dueWithinDays: undefined })}
    >
      <SelectField
        label="Status"
        emptyLabel="Any status"
        value={search.status ?? ''}
        options={deletionStatuses.map((value) => ({ value, label: humanize(value) }))}
        onChange={(event) => onChange({ status: event.target.value })}
      />
      <SelectField
        label="Due"
        emptyLabel="Any time"
        value={search.dueWithinDays === undefined ? '' : String(search.dueWithinDays)}
        options={windows}
        onChange={(event) => onChange({ dueWithinDays: event.target.value })}
      />
      <div className="mt-8 space-y-2">
        <CheckboxField
          label="Overdue only"
          checked={search.overdue === '1'}
          onChange={(event) => onChange({ overdue: event.target.checked })}
        />
        <CheckboxField
          label="With a legal hold"
          checked={search.held === '1'}
          onChange={(event) => onChange({ held: event.target.checked })}
        />
      </div>
    </FilterBar>
  );
}
