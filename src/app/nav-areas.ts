import type { Session } from '@/api/contract/users';
import type { Permission } from '@/api/rules/permissions';
import { can } from '@/lib/can';

type NavArea = { to: string; label: string; permission: Permission };

/** The areas of the console, each open to the roles with its permission (the API checks the same one). */
export const navAreas: readonly NavArea[] = [
  { to: '/', label: 'Dashboard', permission: 'dashboard.read' },
  { to: '/processors', label: 'Processors', permission: 'processors.read' },
  { to: '/consents', label: 'Consent records', permission: 'consent.lookup' },
  { to: '/support-access', label: 'Support access', permission: 'access.read' },
  { to: '/deletions', label: 'Deletions', permission: 'deletions.read' },
  { to: '/breaches', label: 'Breaches', permission: 'breaches.read' },
  { to: '/audit', label: 'Audit log', permission: 'audit.read' },
  { to: '/outbox', label: 'Outbox', permission: 'outbox.read' },
  { to: '/users', label: 'Users', permission: 'staff.read' },
  { to: '/api-tokens', label: 'API tokens', permission: 'tokens.manage' },
  { to: '/webhooks', label: 'Webhooks', permission: 'webhooks.manage' },
];

export function areasFor(session: Pick<Session, 'permissions' | 'mfaSetupRequired'>): NavArea[] {
  // A session that must set two-factor up first reaches only its Security page.
  if (session.mfaSetupRequired) return [];
  return navAreas.filter((area) => can(session, area.permission));
}
