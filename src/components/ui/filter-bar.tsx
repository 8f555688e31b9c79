import type { FormEvent, ReactNode } from 'react';
import { Button } from './button';

type FilterBarProps = {
  label: string;
  children: ReactNode;
  onSubmit?: () => void;
  onClear?: () => void;
  /** Whether any filter is set, so "Clear filters" has something to clear. */
  active?: boolean;
};

/** A row of filters over a list. Text fields apply on Enter or "Apply"; selects apply when changed. */
export function FilterBar({ label, children, onSubmit, onClear, active = false }: FilterBarProps) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit?.();
  };
  return (
    <form
      role="search"
      aria-label={label}
      onSubmit={submit}
      className="mb-4 flex flex-wrap items-start gap-4 rounded-lg border border-gray-200 bg-white p-4 shadow-xs"
    >
      {children}
      {/* Level with the controls, below their labels. */}
      <div className="mt-6 flex gap-2">
        {onSubmit ? (
          <Button type="submit" variant="primary">
            Apply
          </Button>
        ) : null}
        {onClear && active ? (
          <Button variant="ghost" onClick={onClear}>
            Clear filters
          </Button>
        ) : null}
      </div>
    </form>
  );
}
