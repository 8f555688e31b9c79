import type { QueryClient } from '@tanstack/react-query';
import { PageHeader } from '../../../components/ui/page-header';
import type { RouteLoader } from '../../../lib/route-module';
import { settled } from '../../../lib/route-module';
import { sessionQuery, useCurrentUser } from '../../../lib/session';
import { dashboardQueries } from '../api/dashboard-queries';
import { CountCard } from '../components/count-card';
import { cardsFor } from '../dashboard-cards';

export function createLoader(queryClient: QueryClient): RouteLoader {
  return async () => {
    const session = await queryClient.ensureQueryData(sessionQuery).catch(() => null);
    if (!session) return null;
    const { role } = session.user;
    return settled(...cardsFor(role).map((card) => queryClient.ensureQueryData(dashboardQueries.count(card.id, role))));
  };
}

export function Component() {
  const user = useCurrentUser();
  const cards = cardsFor(user.role);
  return (
    <>
      <PageHeader title="Dashboard" description="What needs attention now. Each number opens the list behind it." />
      <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
        {cards.map((card) => (
          <CountCard key={card.id} card={card} role={user.role} />
        ))}
      </ul>
    </>
  );
}
