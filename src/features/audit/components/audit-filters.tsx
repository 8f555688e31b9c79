import { recordTypes } from '../../../api/contract/audit';
import { SelectField, TextField } from '../../../components/ui/fields';
import { FilterBar } from '../../../components/ui/filter-bar';
import { humanize } from '../../../lib/format';
import { useDraft } from '../../../lib/search-params';
import type { AuditSearch } from '../audit-search';

type AuditFiltersProps = {
  search: AuditSearch;
  onChange: (changes: Partial<Record<keyof AuditSearch, string | undefined>>) => void;
};

export function AuditFilters({ search, onChange }: AuditFiltersProps) {
  const [action, setAction] = useDraft(search.action);
  const active = Object.values(search).some((value) => value !== undefined);
  return (
    <FilterBar
      label="Filter audit events"
      active={active}
      onSubmit={() => onChange({ action: action.trim() || undefined })}
      onClear={() => onChange({ recordType: undefined, action: undefined, from: undefined, to: undefined })}
    >
      <SelectField
        label="Record type"
        emptyLabel="Any record"
        value={search.recordType ?? ''}
        options={recordTypes.map((value) => ({ value, label: humanize(value) }))}
        onChange={(event) => onChange({ recordType: event.target.value })}
      />
      <div className="w-56">
        <TextField label="Action" hint="For example deletion.approved" value={action} onChange={(event) => setAction(event.target.value)} />
      </div>
      <TextField label="From" type="date" value={search.from ?? ''} onChange={(event) => onChange({ from: event.target.value })} />
      <TextField label="To" type="date" value={search.to ?? ''} onChange={(event) => onChange({ to: event.target.value })} />
    </FilterBar>
  );
}
