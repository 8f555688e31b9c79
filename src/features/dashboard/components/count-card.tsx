import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Role } from '../../../api/contract/common';
import { focusRing } from '../../../components/ui/classes';
import { formatCount } from '../../../lib/format';
import { dashboardQueries } from '../api/dashboard-queries';
import type { CardSpec } from '../dashboard-cards';

export function CountCard({ card, role }: { card: CardSpec; role: Role }) {
  const query = useQuery(dashboardQueries.count(card.id, role));
  const value = query.isPending ? '…' : query.isError ? '—' : `${formatCount(query.data.count)}${query.data.more ? '+' : ''}`;
  const alarming = card.urgent && query.data !== undefined && query.data.count > 0;
  return (
    <li>
      <Link
        to={card.to}
        aria-busy={query.isPending || undefined}
        className={`block h-full rounded-lg border bg-white p-5 shadow-xs hover:border-indigo-300 hover:shadow ${
          alarming ? 'border-red-300' : 'border-gray-200'
        } ${focusRing}`}
      >
        <span className={`block text-3xl font-semibold tabular-nums ${alarming ? 'text-red-700' : 'text-gray-900'}`}>{value}</span>{' '}
        <span className="mt-1 block text-sm font-medium text-gray-700">{card.label}</span>
        {query.isError ? <span className="mt-1 block text-xs text-red-700">Could not be counted</span> : null}
      </Link>
    </li>
  );
}
