import type { ReactNode } from 'react';

type Definition = { term: string; value: ReactNode };

export function DefinitionList({ items }: { items: readonly Definition[] }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-4 rounded-lg border border-gray-200 bg-white p-6 shadow-xs sm:grid-cols-2">
      {items.map(({ term, value }) => (
        <div key={term}>
          <dt className="text-xs font-semibold tracking-wide text-gray-600 uppercase">{term}</dt>
          <dd className="mt-1 text-sm break-words text-gray-900">{value ?? '—'}</dd>
        </div>
      ))}
    </dl>
  );
}
