import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect, test as setup } from '@playwright/test';
import type { RoleKey } from './roles';
import { roles, signIn, statePath } from './roles';

/**
 * The demo's seed cache (src/demo/seed-cache.ts) is left out of the saved state: megabytes that every test's
 * page would load into IndexedDB again. Each test's demo generates its seed, as a first visit does.
 */
const SEED_CACHE_DB = 'privacy-console-demo-seed';

for (const role of Object.keys(roles) as RoleKey[]) {
  setup(`sign in as ${role}`, async ({ page }, info) => {
    await signIn(page, roles[role].email);
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await expect(page.getByText(roles[role].name)).toBeVisible();
    const state = await page.context().storageState({ indexedDB: true });
    // The databases are in the state when asked for (`indexedDB: true`), though its type does not name them.
    type Origin = (typeof state.origins)[number] & { indexedDB?: { name: string }[] };
    const origins = state.origins.map((o: Origin) => ({ ...o, indexedDB: o.indexedDB?.filter((db) => db.name !== SEED_CACHE_DB) }));
    const path = statePath(info.project.name, role);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify({ ...state, origins }));
  });
}
