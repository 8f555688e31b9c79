import { Link, Outlet } from 'react-router';
import { roleLabels } from '@/api/contract/roles';
import type { Permission } from '@/api/rules/permissions';
import { linkClass } from '@/components/ui/classes';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/can';
import { useSession } from '@/lib/session';

/**
 * Routes need a permission: areas a role may not use are not in its navigation, and forms it may not
 * submit are not offered; a link followed from elsewhere lands here instead of on a page of refusals.
 * The API refuses the call either way.
 */
export function RoleGate({ permission }: { permission: Permission }) {
  const session = useSession();
  if (can(session, permission)) return <Outlet />;
  return (
    <div>
      <PageHeader
        title="Not available to your role"
        description={`This part of the console is not open to ${withArticle(roleLabels[session.user.role].toLowerCase())}. If you need it for your work, ask a privacy officer.`}
      />
      <Link to="/" className={linkClass}>
        Go to the dashboard
      </Link>
    </div>
  );
}

/** "an auditor", "a support agent": the article the role's name takes. */
function withArticle(noun: string): string {
  return `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
}
