import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { PickerOption } from '@/components/ui/search-picker';
import { SearchPicker } from '@/components/ui/search-picker';
import { humanize } from '@/lib/format';
import { deletionQueries } from '@/features/deletions/api/deletion-queries';

type AccountPickerProps = {
  value: string;
  onChange: (account: { id: string; name: string }) => void;
  chosenName: string | null;
  error?: string;
};

/** The customer account an erasure request is for. */
export function AccountPicker({ value, onChange, chosenName, error }: AccountPickerProps) {
  const [q, setQ] = useState('');
  const results = useQuery({
    ...deletionQueries.accountSearch(q),
    select: (page): PickerOption[] =>
      page.items.map((account) => ({
        id: account.id,
        name: account.name,
        detail: <span className="text-gray-700">({humanize(account.status)})</span>,
      })),
  });
  return (
    <SearchPicker
      legend="Account"
      searchLabel="Find an account"
      hint="Type part of the account's name"
      noun="accounts"
      onSearch={setQ}
      results={results}
      value={value}
      onChange={onChange}
      chosen={
        chosenName ? (
          <>
            Chosen: <span className="font-medium">{chosenName}</span>
          </>
        ) : undefined
      }
      error={error}
    />
  );
}
