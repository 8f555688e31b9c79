import type { Role } from '@/api/contract/roles';
import { roleLabels, roles } from '@/api/contract/roles';

const everyone = roles;
const officer = ['privacy_officer'] as const;
const officerAndAuditor = ['privacy_officer', 'auditor'] as const;
const officerAndAgent = ['privacy_officer', 'support_agent'] as const;
const agent = ['support_agent'] as const;

/**
 * What each role may do: the one table of authorization. Every endpoint of the contract names one of
 * these and the app checks it before anything else; the session answers the names its role has, and the
 * console's navigation, route guards and buttons follow them. Record-level rules (own request, four
 * eyes, state) come after, in each area's rules.
 */
const permissions = {
  'dashboard.read': everyone,
  'processors.read': everyone,
  'processors.write': officer,
  /** The internal registry as CSV (the public sub-processor list is `processors.read`). */
  'processors.export': officerAndAuditor,
  'settings.read': everyone,
  'settings.write': officer,
  /** Staff names for filters ("requests by agent", "events by actor"). */
  'staff.read': officerAndAuditor,
  /** One person at a time: their page, or the ledger filtered to them. */
  'consent.lookup': everyone,
  /** The whole ledger, the review queue and the trends. */
  'consent.read': officerAndAuditor,
  /** Exports with email addresses in clear: a person's proof of consent, the suppression list. */
  'consent.export': officerAndAuditor,
  'consent.record': officerAndAgent,
  'consent.review': officer,
  /** Showing a masked email address in clear (audited). */
  'pii.reveal': officerAndAgent,
  /** Support-access requests: agents see their own. */
  'access.read': everyone,
  /** Every agent's support-access requests, not only one's own. */
  'access.read_all': officerAndAuditor,
  'access.request': agent,
  'access.decide': officer,
  /** Recording that the customer withdrew the consent a request rests on. */
  'access.withdraw': officerAndAgent,
  'deletions.read': officerAndAuditor,
  'deletions.write': officer,
  'accounts.read': everyone,
  /** Recording an account's cancellation, which opens its deletion. */
  'accounts.cancel': officer,
  'audit.read': officerAndAuditor,
  /** The messages the console sent or will send (the demo's Outbox page; the mail log on a server). */
  'outbox.read': officerAndAuditor,
  /** The breach register (policy 5.6): auditors read all of it. */
  'breaches.read': officerAndAuditor,
  'breaches.write': officer,
  /** Who a breach affects, with email addresses in clear: for the officers who tell them (audited). */
  'breaches.export': officer,
  /** Console users: confirming one made by a first single sign-on, resetting another's two-factor (audited). */
  'users.manage': officer,
  /** Machine clients' API tokens: creating (shown once), listing with last use, revoking. */
  'tokens.manage': officer,
  /** Webhook endpoints other systems run (their signing secrets shown once) and the delivery log. */
  'webhooks.manage': officer,
  /** One's own choice of the mail one receives. */
  'mail.preferences': everyone,
  /** A processor's signed DPA document (issue 18): auditors read it, officers attach, replace and remove it. */
  'dpa.read': officerAndAuditor,
  'dpa.write': officer,
  /** Exports with email addresses in clear, for a stated reason; everyone else's exports mask them (issue 22). */
  'exports.clear_emails': officer,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;
export const permissionNames = Object.keys(permissions) as [Permission, ...Permission[]];

export function roleHas(role: Role, permission: Permission): boolean {
  return (permissions[permission] as readonly Role[]).includes(role);
}

/** The permissions a role has, in the table's order: what the session answers. */
export function permissionsOf(role: Role): Permission[] {
  return permissionNames.filter((p) => roleHas(role, p));
}

/** The roles that have a permission. */
export function rolesWith(permission: Permission): readonly Role[] {
  return permissions[permission];
}

/** The refusal of a role without the permission: the app answers it as 403, and `actions` report it. */
export function permissionRefusal(role: Role, permission: Permission): { code: 'forbidden'; reason: string } | null {
  if (roleHas(role, permission)) return null;
  return { code: 'forbidden', reason: `${roleLabels[role]}s may not do this` };
}
