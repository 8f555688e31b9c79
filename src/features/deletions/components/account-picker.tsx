import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { focusRing } from '@/components/ui/classes';
import { TextField } from '@/components/ui/fields';
import { humanize } from '@/lib/format';
import { deletionQueries } from '@/features/deletions/api/deletion-queries';

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
  onChange: (account: { id: string; name: string }) => void;
  chosenName: string | null;
  error?: string;
};

/** A search over customer accounts and a radio group of the matches. */
export function AccountPicker({ value, onChange, chosenName, error }: AccountPickerProps) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const results = useQuery(deletionQueries.accountSearch(q));
  const errorId = useId();
  const groupId = useId();
  const accounts = results.data?.items ?? [];
  return (
    <fieldset className="space-y-3" aria-describedby={error ? errorId : undefined}>
      <legend className="text-sm font-medium text-gray-900">Account</legend>
      <TextField
        label="Find an account"
        type="search"
        hint="Type part of the account's name"
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      {chosenName ? (
        <p className="text-sm text-gray-800">
          Chosen: <span className="font-medium">{chosenName}</span>
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div className="max-h-80 overflow-y-auto rounded-md border border-gray-200 bg-white">
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
              const id = `${groupId}-${account.id}`;
              return (
                <li key={account.id} className="flex items-start gap-3 px-3 py-2">
                  <input
                    id={id}
                    type="radio"
                    name="accountId"
                    value={account.id}
                    checked={value === account.id}
                    onChange={() => onChange({ id: account.id, name: account.name })}
                    className={`mt-1 size-4 ${focusRing}`}
                  />
                  <label htmlFor={id} className="text-sm text-gray-900">
                    <span className="font-medium">{account.name}</span> <span className="text-gray-700">({humanize(account.status)})</span>
                  </label>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </fieldset>
  );
}
