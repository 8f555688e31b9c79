import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { roles, signIn } from './roles';
import { serverPort } from './sso-identities';

// Two above the e2e server's port (8093 by default), so side-by-side checkouts with their own ports do not meet.
const PORT = Number(serverPort) + 2;
const base = `http://localhost:${PORT}`;

async function startServer(dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    // A tenth of the browser tests' seed (playwright.config.ts): what survives a restart does not depend on the
    // seed's size, and the first start seeds sooner.
    env: { ...process.env, PORT: String(PORT), DATA_DIR: dataDir, SEED_CONSENT_EVENTS: '1000' },
    stdio: 'ignore',
  });
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not start');
}

function stopServer(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

test('a change survives a restart of the server, and sign-out ends the session', async ({ browser }) => {
  test.setTimeout(240_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'privacy-console-restart-'));
  let server = await startServer(dataDir);
  try {
    const context = await browser.newContext({ baseURL: base });
    const page = await context.newPage();
    await signIn(page, roles.officer.email);
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    const list = await page.request.get('/api/processors?q=Skype');
    const skype = ((await list.json()) as { items: { id: string; version: number }[] }).items[0]!;
    const patched = await page.request.patch(`/api/processors/${skype.id}`, {
      headers: { 'if-match': `"${skype.version}"`, origin: base },
      data: { owner: 'Restart Tester' },
    });
    expect(patched.status()).toBe(200);

    expect(await stopServer(server)).toBe(0);
    server = await startServer(dataDir);

    // The session row lives in the database too: the page is still signed in after the restart.
    await page.goto(`/processors/${skype.id}`);
    await expect(page.getByText('Restart Tester')).toBeVisible();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    expect((await page.request.get('/api/session')).status()).toBe(401);
    await context.close();
  } finally {
    await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
