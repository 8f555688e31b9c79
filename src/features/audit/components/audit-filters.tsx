import { useQuery } from '@tanstack/react-query';
import { recordTypes } from '@/api/contract/audit';
import { auditActionLabels, auditActions, auditAreaLabels, auditAreaOf } from '@/api/contract/audit-actions';
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

/** Each area (every action under it) and then its actions, in words; the URL keeps the internal name. */
const actionOptions = Object.entries(auditAreaLabels).flatMap(([area, areaLabel]) => [
  { value: area, label: `${areaLabel}: any action`, group: areaLabel },
  ...auditActions
    .filter((action) => auditAreaOf(action) === area)
    .map((action) => ({ value: action, label: auditActionLabels[action], group: areaLabel })),
]);

function ActionField({ value, onChange }: { value: string | undefined; onChange: (value: string) => void }) {
  // A link from an older version may name an action no longer written: keep it visible.
  const options =
    !value || actionOptions.some((option) => option.value === value) ? actionOptions : [{ value, label: value }, ...actionOptions];
  return (
    <SelectField
      label="Action"
      emptyLabel="Any action"
      value={value ?? ''}
      options={options}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

export function AuditFilters({ search, onChange }: AuditFiltersProps) {
  const [recordId, setRecordId] = useDraft(search.recordId);
  const active = Object.values(search).some((value) => value !== undefined);
  return (
    <FilterBar
      label="Filter audit events"
      active={active}
      onSubmit={() => onChange({ recordId: recordId.trim() || undefined })}
      onClear={() =>
        onChange({ actorId: undefined, action: undefined, recordType: undefined, recordId: undefined, from: undefined, to: undefined })
      }
    >
      <div className="w-56">
        <ActorField value={search.actorId} onChange={(actorId) => onChange({ actorId })} />
      </div>
      <div className="w-64">
        <ActionField value={search.action} onChange={(action) => onChange({ action })} />
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
