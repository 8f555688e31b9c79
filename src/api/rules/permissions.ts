import type { Role } from '@/api/contract/common';

/** What each role may do (issue 2's table). The API checks these; the navigation only follows them. */
export const permissions = {
  'processors.read': ['privacy_officer', 'support_agent', 'auditor'],
  'processors.write': ['privacy_officer'],
  'consent.read': ['privacy_officer', 'auditor'],
  'consent.lookup': ['privacy_officer', 'support_agent', 'auditor'],
  'consent.record': ['privacy_officer', 'support_agent'],
  'consent.review': ['privacy_officer'],
  'access.read_all': ['privacy_officer', 'auditor'],
  'access.request': ['support_agent'],
  'access.decide': ['privacy_officer'],
  'deletions.read': ['privacy_officer', 'auditor'],
  'deletions.write': ['privacy_officer'],
  'audit.read': ['privacy_officer', 'auditor'],
  'accounts.read': ['privacy_officer', 'support_agent', 'auditor'],
  'pii.reveal': ['privacy_officer', 'support_agent'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function can(role: Role, permission: Permission): boolean {
  return (permissions[permission] as readonly Role[]).includes(role);
}
