import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import type { Account } from '@/api/contract/accounts';
import { Badge } from '@/components/ui/badge';
import { focusRing } from '@/components/ui/classes';
import { TextField } from '@/components/ui/fields';
import { supportAccessQueries } from '@/features/support-access/api/support-access-queries';

export const SELF_HOSTED_REASON =
  "Self-hosted: its content is on the customer's own servers, so there is nothing of ours to access (policy 5.1).";
export const CANCELLED_REASON = 'Cancelled: the account has no active instance to look into.';

/** Why an account cannot be chosen for support access, or null when it can. */
export function unavailableReason(account: Pick<Account, 'hosting' | 'status'>): string | null {
  if (account.hosting === 'self_hosted') return SELF_HOSTED_REASON;
  if (account.status !== 'active') return CANCELLED_REASON;
  return null;
}

/** Waits for typing to pause before searching, so each keystroke is not a request. */
function useDebounced(value: string, ms = 250): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

type AccountPickerProps = {
  value: string;
  onChange: (accountId: string) => void;
  error?: string;
};

/**
 * A search over customer accounts and a radio group of the matches. Self-hosted and cancelled accounts
 * are listed, marked and disabled with the reason, so the agent learns why rather than wondering.
 */
export function AccountPicker({ value, onChange, error }: AccountPickerProps) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const results = useQuery(supportAccessQueries.accountSearch(q));
  // A choice made elsewhere (a link from the account's page) may not be among the matches.
  const chosen = useQuery({ ...supportAccessQueries.account(value), enabled: value !== '' });
  const chosenAccount = chosen.data?.account;
  const errorId = useId();
  const resultsId = useId();
  const accounts = results.data?.items ?? [];
  const chosenReason = chosenAccount ? unavailableReason(chosenAccount) : null;
  const message = error ?? chosenReason ?? undefined;

  return (
    <fieldset className="space-y-3" aria-describedby={message ? errorId : undefined}>
      <legend className="text-sm font-medium text-gray-900">Account</legend>
      <TextField
        label="Find an account"
        type="search"
        hint="Type part of the account's name"
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      {chosenAccount ? (
        <p className="text-sm text-gray-800">
          Chosen: <span className="font-medium">{chosenAccount.name}</span>
          {chosenAccount.hosting === 'self_hosted' ? ' (self-hosted)' : ''}
        </p>
      ) : null}
      {message ? (
        <p id={errorId} className="text-sm text-red-700">
          {message}
        </p>
      ) : null}
      <div id={resultsId} className="max-h-80 overflow-y-auto rounded-md border border-gray-200 bg-white">
        {results.isPending ? (
          <p role="status" className="p-3 text-sm text-gray-600">
            Searching accounts…
          </p>
        ) : results.isError ? (
          <p role="alert" className="p-3 text-sm text-red-700">
            The accounts could not be loaded: {results.error.message}
          </p>
        ) : accounts.length === 0 ? (
          <p className="p-3 text-sm text-gray-600">No account matches “{q}”.</p>
        ) : (
          <ul className="divide-y divide-gray-100">
            {accounts.map((account) => {
              const reason = unavailableReason(account);
              const id = `${resultsId}-${account.id}`;
              return (
                <li key={account.id} className="flex items-start gap-3 px-3 py-2">
                  <input
                    id={id}
                    type="radio"
                    name="accountId"
                    value={account.id}
                    checked={value === account.id}
                    disabled={reason !== null}
                    aria-describedby={reason ? `${id}-reason` : undefined}
                    onChange={() => onChange(account.id)}
                    className={`mt-1 size-4 ${focusRing}`}
                  />
                  <div className="text-sm">
                    <label htmlFor={id} className={reason ? 'text-gray-600' : 'font-medium text-gray-900'}>
                      {account.name}
                    </label>{' '}
                    <Badge tone={account.hosting === 'cloud' ? 'info' : 'neutral'}>
                      {account.hosting === 'cloud' ? `Cloud${account.primaryRegion ? `, ${account.primaryRegion}` : ''}` : 'Self-hosted'}
                    </Badge>
                    {reason ? (
                      <p id={`${id}-reason`} className="text-xs text-gray-700">
                        {reason}
                      </p>
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </fieldset>
  );
}
