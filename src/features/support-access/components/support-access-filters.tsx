import { accessStatuses } from '@/api/contract/support-access';
import { SelectField, TextField } from '@/components/ui/fields';
import { FilterBar } from '@/components/ui/filter-bar';
import { humanize } from '@/lib/format';
import { useDraft } from '@/lib/search-params';
import type { SupportAccessSearch } from '@/features/support-access/support-access-search';

type SupportAccessFiltersProps = {
  search: SupportAccessSearch;
  onChange: (changes: Partial<Record<keyof SupportAccessSearch, string | undefined>>) => void;
  /** The agents to filter by; none for a support agent, who sees only their own requests. */
  agents?: readonly { id: string; name: string }[];
};

const sorts = [
  { value: 'newest', label: 'Newest first' },
  { value: 'oldest', label: 'Oldest first' },
  { value: 'ending', label: 'Ending soonest' },
];

const cleared: Record<keyof SupportAccessSearch, undefined> = {
  q: undefined,
  status: undefined,
  sort: undefined,
  agent: undefined,
  account: undefined,
  from: undefined,
  to: undefined,
  awaiting: undefined,
  ending: undefined,
};

const awaitingOptions = [
  { value: 'consent', label: "The customer's consent" },
  { value: 'approval', label: "An officer's approval" },
];
const endingOptions = [
  { value: '1', label: 'Within the hour' },
  { value: '24', label: 'Within 24 hours' },
];

export function SupportAccessFilters({ search, onChange, agents }: SupportAccessFiltersProps) {
  const [q, setQ] = useDraft(search.q);
  const active = Object.values(search).some((value) => value !== undefined);
  return (
    <FilterBar label="Filter support-access requests" active={active} onSubmit={() => onChange({ q })} onClear={() => onChange(cleared)}>
      <div className="w-56">
        <TextField label="Search" type="search" hint="Account or ticket" value={q} onChange={(event) => setQ(event.target.value)} />
      </div>
      <SelectField
        label="Status"
        emptyLabel="Any status"
        value={search.status ?? ''}
        options={accessStatuses.map((value) => ({ value, label: value === 'pending' ? 'Pending (consent or decision)' : humanize(value) }))}
        onChange={(event) => onChange({ status: event.target.value })}
      />
      <SelectField
        label="Waiting for"
        emptyLabel="Anything"
        value={search.awaiting ?? ''}
        options={awaitingOptions}
        onChange={(event) => onChange({ awaiting: event.target.value })}
      />
      <SelectField
        label="Grant ends"
        emptyLabel="Any time"
        value={search.ending ?? ''}
        options={endingOptions}
        onChange={(event) => onChange({ ending: event.target.value })}
      />
      {agents ? (
        <SelectField
          label="Agent"
          emptyLabel="Any agent"
          value={search.agent ?? ''}
          options={agents.map((agent) => ({ value: agent.id, label: agent.name }))}
          onChange={(event) => onChange({ agent: event.target.value })}
        />
      ) : null}
      <TextField
        label="Created from"
        type="date"
        value={search.from ?? ''}
        max={search.to}
        onChange={(event) => onChange({ from: event.target.value })}
      />
      <TextField
        label="Created to"
        type="date"
        value={search.to ?? ''}
        min={search.from}
        onChange={(event) => onChange({ to: event.target.value })}
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
