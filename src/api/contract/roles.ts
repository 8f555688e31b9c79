export const roles = ['privacy_officer', 'support_agent', 'auditor'] as const;
export type Role = (typeof roles)[number];
export const roleLabels: Record<Role, string> = {
  privacy_officer: 'Privacy officer',
  support_agent: 'Support agent',
  auditor: 'Auditor',
};
