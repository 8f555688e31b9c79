import { Link, Outlet } from 'react-router';
import type { Role } from '@/api/contract/common';
import { roleLabels } from '@/api/contract/roles';
import { linkClass } from '@/components/ui/classes';
import { PageHeader } from '@/components/ui/page-header';
import { useCurrentUser } from '@/lib/session';

/**
 * Areas a role may not use are not in its navigation; a link followed from elsewhere lands here
 * instead of on a page of refusals. The API refuses the data either way.
 */
export function RoleGate({ roles }: { roles: readonly Role[] }) {
  const user = useCurrentUser();
  if (roles.includes(user.role)) return <Outlet />;
  return (
    <div>
      <PageHeader
        title="Not available to your role"
        description={`This part of the console is not open to a ${roleLabels[user.role].toLowerCase()}. If you need it for your work, ask a privacy officer.`}
      />
      <Link to="/" className={linkClass}>
        Go to the dashboard
      </Link>
    </div>
  );
}
