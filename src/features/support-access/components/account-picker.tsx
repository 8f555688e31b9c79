import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { accessAccountRefusal } from '@/api/rules/support-access';
import { Badge } from '@/components/ui/badge';
import type { PickerOption } from '@/components/ui/search-picker';
import { SearchPicker } from '@/components/ui/search-picker';
import { supportAccessQueries } from '@/features/support-access/api/support-access-queries';

type AccountPickerProps = {
  value: string;
  onChange: (accountId: string) => void;
  error?: string;
};

/**
 * The accounts an agent may ask about. Self-hosted and cancelled accounts are listed, marked and disabled
 * with the API's own reason, so the agent learns why rather than wondering.
 */
export function AccountPicker({ value, onChange, error }: AccountPickerProps) {
  const [q, setQ] = useState('');
  const results = useQuery({
    ...supportAccessQueries.accountSearch(q),
    select: (page): PickerOption[] =>
      page.items.map((account) => ({
        id: account.id,
        name: account.name,
        detail: (
          <Badge tone={account.hosting === 'cloud' ? 'info' : 'neutral'}>
            {account.hosting === 'cloud' ? `Cloud${account.primaryRegion ? `, ${account.primaryRegion}` : ''}` : 'Self-hosted'}
          </Badge>
        ),
        refusal: accessAccountRefusal(account)?.reason ?? null,
      })),
  });
  // A choice made elsewhere (a link from the account's page) may not be among the matches.
  const chosen = useQuery({ ...supportAccessQueries.account(value), enabled: value !== '' }).data?.account;
  return (
    <SearchPicker
      legend="Account"
      searchLabel="Find an account"
      hint="Type part of the account's name"
      noun="accounts"
      onSearch={setQ}
      results={results}
      value={value}
      onChange={(option) => onChange(option.id)}
      chosen={
        chosen ? (
          <>
            Chosen: <span className="font-medium">{chosen.name}</span>
            {chosen.hosting === 'self_hosted' ? ' (self-hosted)' : ''}
          </>
        ) : undefined
      }
      error={error ?? (chosen ? accessAccountRefusal(chosen)?.reason : undefined)}
    />
  );
}
