import { useQuery } from '@tanstack/react-query';
import { recordTypes } from '@/api/contract/audit';
import { roleLabels } from '@/api/contract/common';
import { SelectField, TextField } from '@/components/ui/fields';
import { FilterBar } from '@/components/ui/filter-bar';
import { humanize } from '@/lib/format';
import { useDraft } from '@/lib/search-params';
import { auditQueries } from '@/features/audit/api/audit-queries';
import type { AuditSearch } from '@/features/audit/audit-search';

type AuditFiltersProps = {
  search: AuditSearch;
  onChange: (changes: Partial<Record<keyof AuditSearch, string | undefined>>) => void;
};

function ActorField({ value, onChange }: { value: string | undefined; onChange: (value: string) => void }) {
  const staff = useQuery(auditQueries.staff());
  const people = staff.data?.items ?? [];
  // A link may name someone the list has not loaded (yet): keep the choice visible.
  const options = people.map((person) => ({ value: person.id, label: `${person.name} (${roleLabels[person.role]})` }));
  if (value && !people.some((person) => person.id === value)) options.unshift({ value, label: staff.isPending ? 'Loading…' : value });
  return (
    <SelectField
      label="Actor"
      emptyLabel="Anyone"
      value={value ?? ''}
      options={options}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

export function AuditFilters({ search, onChange }: AuditFiltersProps) {
  const [action, setAction] = useDraft(search.action);
  const [recordId, setRecordId] = useDraft(search.recordId);
  const active = Object.values(search).some((value) => value !== undefined);
  return (
    <FilterBar
      label="Filter audit events"
      active={active}
      onSubmit={() => onChange({ action: action.trim() || undefined, recordId: recordId.trim() || undefined })}
      onClear={() =>
        onChange({ actorId: undefined, action: undefined, recordType: undefined, recordId: undefined, from: undefined, to: undefined })
      }
    >
      <div className="w-56">
        <ActorField value={search.actorId} onChange={(actorId) => onChange({ actorId })} />
      </div>
      <div className="w-52">
        <TextField label="Action" hint="deletion, or deletion.approve" value={action} onChange={(event) => setAction(event.target.value)} />
      </div>
      <SelectField
        label="Record type"
        emptyLabel="Any record"
        value={search.recordType ?? ''}
        options={recordTypes.map((value) => ({ value, label: humanize(value) }))}
        onChange={(event) => onChange({ recordType: event.target.value })}
      />
      <div className="w-44">
        <TextField label="Record ID" value={recordId} onChange={(event) => setRecordId(event.target.value)} />
      </div>
      <TextField label="From" type="date" value={search.from ?? ''} onChange={(event) => onChange({ from: event.target.value })} />
      <TextField label="To" type="date" value={search.to ?? ''} onChange={(event) => onChange({ to: event.target.value })} />
    </FilterBar>
  );
}
