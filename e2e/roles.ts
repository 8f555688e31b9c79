import type { Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { expect } from '@playwright/test';
import { rolesWith } from '@/api/rules/permissions';
import { navAreas } from '@/app/nav-areas';

export const roles = {
  officer: { email: 'officer@demo.test', name: 'Olivia Officer', label: 'Privacy officer', role: 'privacy_officer' },
  support: { email: 'support@demo.test', name: 'Sam Support', label: 'Support agent', role: 'support_agent' },
  auditor: { email: 'auditor@demo.test', name: 'Ada Auditor', label: 'Auditor', role: 'auditor' },
} as const;
export type RoleKey = keyof typeof roles;
export const password = 'demo-password';

/** Each area of the navigation and the roles it is open to: the console's own table, read through the permissions. */
export const areas = navAreas.map((area) => ({
  link: area.label,
  path: area.to,
  roles: (Object.keys(roles) as RoleKey[]).filter((key) => rolesWith(area.permission).includes(roles[key].role)),
}));

/** Which build a project tests: the demo (API in the page) or the server (`npm start`). */
export type Side = 'demo' | 'server';
export function sideOf(project: string): Side {
  return project.includes('demo') ? 'demo' : 'server';
}

/** Where each side keeps a signed-in role's browser state (cookie or demo token and demo data). */
export function statePath(project: string, role: RoleKey): string {
  return `e2e/.auth/${sideOf(project)}-${role}.json`;
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

/** One API call from the page, with the session the page holds (the demo's token or the server's cookie). */
export async function callApi(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const token = localStorage.getItem('privacy-console.demo-session');
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, text: await res.text() };
    },
    { method, path, body },
  );
}

/** A GET answer read in the page, as JSON. */
export async function getJson<T>(page: Page, path: string): Promise<T> {
  return JSON.parse((await callApi(page, 'GET', path)).text) as T;
}
