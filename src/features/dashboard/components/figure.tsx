import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { focusRing } from '@/components/ui/classes';
import { formatCount } from '@/lib/format';

type FigureProps = {
  count: number;
  label: string;
  to: string;
  /** Red when there is anything to count: it is overdue or about to be. */
  urgent?: boolean;
  note?: ReactNode;
};

/** One number on the dashboard, a link to the filtered list it counts. */
export function Figure({ count, label, to, urgent = false, note }: FigureProps) {
  const alarming = urgent && count > 0;
  return (
    <li className={`flex flex-col rounded-lg border bg-white shadow-xs ${alarming ? 'border-red-300' : 'border-gray-200'}`}>
      <Link to={to} className={`block flex-1 rounded-lg p-5 hover:bg-gray-50 ${focusRing}`}>
        <span className={`block text-3xl font-semibold tabular-nums ${alarming ? 'text-red-700' : 'text-gray-900'}`}>
          {formatCount(count)}
        </span>{' '}
        <span className="mt-1 block text-sm font-medium text-gray-700">{label}</span>
      </Link>
      {note ? <p className="px-5 pb-4 text-xs text-gray-600">{note}</p> : null}
    </li>
  );
}

export function FigureGrid({ children }: { children: ReactNode }) {
  return <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">{children}</ul>;
}
