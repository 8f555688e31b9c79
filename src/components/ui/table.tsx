import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from 'react';
import { useId } from 'react';
import { focusRing } from './classes';

type TableProps = { caption: string; children: ReactNode; busy?: boolean };

/** A data table with a caption (its accessible name) that scrolls sideways on narrow screens. */
export function Table({ caption, children, busy = false }: TableProps) {
  const captionId = useId();
  return (
    <div
      role="region"
      aria-labelledby={captionId}
      tabIndex={0}
      className={`overflow-x-auto rounded-lg border border-gray-200 bg-white shadow-xs ${focusRing}`}
    >
      <table className="min-w-full divide-y divide-gray-200 text-left text-sm" aria-busy={busy || undefined}>
        <caption id={captionId} className="sr-only">
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}

export function THead({ children }: { children: ReactNode }) {
  return (
    <thead className="bg-gray-50">
      <tr>{children}</tr>
    </thead>
  );
}

export function Th({ children, className = '', ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={`px-4 py-3 text-xs font-semibold tracking-wide whitespace-nowrap text-gray-700 uppercase ${className}`}
      {...props}
    >
      {children}
    </th>
  );
}

export function TBody({ children }: { children: ReactNode }) {
  return <tbody className="divide-y divide-gray-100">{children}</tbody>;
}

export function Td({ children, className = '', ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return (
    <td className={`px-4 py-3 align-top text-gray-800 ${className}`} {...props}>
      {children}
    </td>
  );
}
