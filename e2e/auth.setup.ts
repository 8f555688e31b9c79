import { expect, test as setup } from '@playwright/test';
import type { RoleKey } from './roles';
import { roles, signIn, statePath } from './roles';

for (const role of Object.keys(roles) as RoleKey[]) {
  setup(`sign in as ${role}`, async ({ page }, info) => {
    await signIn(page, roles[role].email);
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await expect(page.getByText(roles[role].name)).toBeVisible();
    await page.context().storageState({ path: statePath(info.project.name, role), indexedDB: true });
  });
}
