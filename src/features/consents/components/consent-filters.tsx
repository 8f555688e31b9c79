import { consentActions, consentChannels, consentPurposeOptions } from '@/api/contract/consent';
import { SelectField, TextField } from '@/components/ui/fields';
import { FilterBar } from '@/components/ui/filter-bar';
import { humanize } from '@/lib/format';
import { useDraft } from '@/lib/search-params';
import type { ConsentSearch } from '@/features/consents/consent-search';
import { dateRangeError } from '@/features/consents/consent-search';

type ConsentFiltersProps = {
  search: ConsentSearch;
  onChange: (changes: Partial<Record<keyof ConsentSearch, string | undefined>>) => void;
  /** Support agents look up one person: only the email field. */
  lookupOnly: boolean;
};

const none: Record<keyof ConsentSearch, undefined> = {
  email: undefined,
  subjectId: undefined,
  purpose: undefined,
  action: undefined,
  channel: undefined,
  from: undefined,
  to: undefined,
  noticeVersion: undefined,
};

export function ConsentFilters({ search, onChange, lookupOnly }: ConsentFiltersProps) {
  const [email, setEmail] = useDraft(search.email);
  const [subjectId, setSubjectId] = useDraft(search.subjectId);
  const [noticeVersion, setNoticeVersion] = useDraft(search.noticeVersion);
  const active = Object.values(search).some((value) => value !== undefined);
  return (
    <FilterBar
      label={lookupOnly ? 'Look up a person' : 'Filter consent records'}
      active={active}
      onSubmit={() =>
        onChange(
          lookupOnly
            ? { email: email.trim() || undefined }
            : {
                email: email.trim() || undefined,
                subjectId: subjectId.trim() || undefined,
                noticeVersion: noticeVersion.trim() || undefined,
              },
        )
      }
      onClear={() => onChange(none)}
    >
      <div className="w-72">
        <TextField
          label="Email address"
          type="email"
          autoComplete="off"
          hint="Exact address of the person"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
      </div>
      {lookupOnly ? null : (
        <>
          <div className="w-44">
            <TextField
              label="Subject id"
              autoComplete="off"
              hint="Exact id"
              value={subjectId}
              onChange={(event) => setSubjectId(event.target.value)}
            />
          </div>
          <SelectField
            label="Purpose"
            emptyLabel="Any purpose"
            value={search.purpose ?? ''}
            options={consentPurposeOptions}
            onChange={(event) => onChange({ purpose: event.target.value })}
          />
          <SelectField
            label="Action"
            emptyLabel="Any action"
            value={search.action ?? ''}
            options={consentActions.map((value) => ({ value, label: humanize(value) }))}
            onChange={(event) => onChange({ action: event.target.value })}
          />
          <SelectField
            label="Channel"
            emptyLabel="Any channel"
            value={search.channel ?? ''}
            options={consentChannels.map((value) => ({ value, label: humanize(value) }))}
            onChange={(event) => onChange({ channel: event.target.value })}
          />
          <TextField
            label="From"
            type="date"
            value={search.from ?? ''}
            max={search.to}
            onChange={(event) => onChange({ from: event.target.value })}
          />
          <TextField
            label="To"
            type="date"
            value={search.to ?? ''}
            min={search.from}
            error={dateRangeError(search)}
            onChange={(event) => onChange({ to: event.target.value })}
          />
          <div className="w-36">
            <TextField
              label="Notice version"
              autoComplete="off"
              hint="Exact, e.g. v3"
              value={noticeVersion}
              onChange={(event) => setNoticeVersion(event.target.value)}
            />
          </div>
        </>
      )}
    </FilterBar>
  );
}
