import type { Role } from '@/api/contract/common';

type NavArea = { to: string; label: string; roles: readonly Role[] };

const everyone: readonly Role[] = ['privacy_officer', 'support_agent', 'auditor'];
export const officerAndAuditor: readonly Role[] = ['privacy_officer', 'auditor'];

/** The areas of the console and who may use them (issue 2's role table; the API enforces the same). */
const navAreas: readonly NavArea[] = [
  { to: '/', label: 'Dashboard', roles: everyone },
  { to: '/processors', label: 'Processors', roles: everyone },
  { to: '/consents', label: 'Consent records', roles: everyone },
  { to: '/support-access', label: 'Support access', roles: everyone },
  { to: '/deletions', label: 'Deletions', roles: officerAndAuditor },
  { to: '/audit', label: 'Audit log', roles: officerAndAuditor },
];

export function areasFor(role: Role): NavArea[] {
  return navAreas.filter((area) => area.roles.includes(role));
}
