import type { ReactNode } from 'react';
import { useEffect, useId, useState } from 'react';
import { focusRing } from './classes';
import { TextField } from './fields';

/** Waits for typing to pause before searching, so each keystroke is not a request. */
function useDebounced(value: string, ms = 250): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** One match: its name is the radio's label; `detail` describes it; a `refusal` disables it, saying why. */
export type PickerOption = { id: string; name: string; detail?: ReactNode; refusal?: string | null };

/** What the picker needs of the search's query (TanStack Query's result has it). */
type Results = { isPending: boolean; isError: boolean; error: Error | null; data: readonly PickerOption[] | undefined };

type SearchPickerProps = {
  /** The fieldset's legend: "Account". */
  legend: string;
  /** The search box's label: "Find an account". */
  searchLabel: string;
  hint: string;
  /** What is searched, plural, for the messages: "accounts". */
  noun: string;
  /** Called with the trimmed text once typing pauses; the caller runs the search and passes its `results`. */
  onSearch: (text: string) => void;
  results: Results;
  value: string;
  onChange: (option: PickerOption) => void;
  /** What is chosen, when the page knows it ("Chosen: Acme Ltd"). */
  chosen?: ReactNode;
  /** The field's message (a validation error, or why the choice will not do). */
  error?: string;
};

/** A search box over many records and a radio group of the matches: one choice, made by name. */
export function SearchPicker({ legend, searchLabel, hint, noun, onSearch, results, value, onChange, chosen, error }: SearchPickerProps) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  useEffect(() => onSearch(q), [q, onSearch]);
  const errorId = useId();
  const groupId = useId();
  const options = results.data ?? [];
  return (
    <fieldset className="space-y-3" aria-describedby={error ? errorId : undefined}>
      <legend className="text-sm font-medium text-gray-900">{legend}</legend>
      <TextField label={searchLabel} type="search" hint={hint} value={text} onChange={(event) => setText(event.target.value)} />
      {chosen ? <p className="text-sm text-gray-800">{chosen}</p> : null}
      {error ? (
        <p id={errorId} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div className="max-h-80 overflow-y-auto rounded-md border border-gray-200 bg-white">
        {results.isPending ? (
          <p role="status" className="p-3 text-sm text-gray-600">
            Searching {noun}…
          </p>
        ) : results.isError ? (
          <p role="alert" className="p-3 text-sm text-red-700">
            The {noun} could not be loaded: {results.error?.message}
          </p>
        ) : options.length === 0 ? (
          <p className="p-3 text-sm text-gray-600">Nothing matches “{q}”.</p>
        ) : (
          <ul className="divide-y divide-gray-100">
            {options.map((option) => {
              const id = `${groupId}-${option.id}`;
              const refusal = option.refusal ?? null;
              const described = [option.detail ? `${id}-detail` : null, refusal ? `${id}-refusal` : null].filter(Boolean).join(' ');
              return (
                <li key={option.id} className="flex items-start gap-3 px-3 py-2">
                  <input
                    id={id}
                    type="radio"
                    name={groupId}
                    value={option.id}
                    checked={value === option.id}
                    disabled={refusal !== null}
                    aria-describedby={described || undefined}
                    onChange={() => onChange(option)}
                    className={`mt-1 size-4 ${focusRing}`}
                  />
                  <div className="text-sm">
                    <label htmlFor={id} className={refusal ? 'text-gray-600' : 'text-gray-900'}>
                      <span className="font-medium">{option.name}</span>
                    </label>
                    {option.detail ? (
                      <>
                        {' '}
                        <span id={`${id}-detail`}>{option.detail}</span>
                      </>
                    ) : null}
                    {refusal ? (
                      <p id={`${id}-refusal`} className="text-xs text-gray-700">
                        {refusal}
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
