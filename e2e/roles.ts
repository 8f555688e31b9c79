import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { expect } from '@playwright/test';

export const roles = {
  officer: { email: 'officer@demo.test', name: 'Olivia Officer', label: 'Privacy officer' },
  support: { email: 'support@demo.test', name: 'Sam Support', label: 'Support agent' },
  auditor: { email: 'auditor@demo.test', name: 'Ada Auditor', label: 'Auditor' },
} as const;
export type RoleKey = keyof typeof roles;
export const password = 'demo-password';

export const areas = [
  { link: 'Dashboard', path: '/', roles: ['officer', 'support', 'auditor'] },
  { link: 'Processors', path: '/processors', roles: ['officer', 'support', 'auditor'] },
  { link: 'Consent records', path: '/consents', roles: ['officer', 'support', 'auditor'] },
  { link: 'Support access', path: '/support-access', roles: ['officer', 'support', 'auditor'] },
  { link: 'Deletions', path: '/deletions', roles: ['officer', 'auditor'] },
  { link: 'Audit log', path: '/audit', roles: ['officer', 'auditor'] },
] as const;

/** Where each project keeps a signed-in role's browser state (cookie or demo token and demo data). */
export function statePath(project: string, role: RoleKey): string {
  return `e2e/.auth/${project.replace('setup-', '')}-${role}.json`;
}

export async function signIn(page: Page, email: string, pw = password): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(pw);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

export async function expectNoAxeViolations(page: Page): Promise<void> {
  // Scan the settled page, not a skeleton on its way out.
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}
