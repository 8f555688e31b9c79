import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { expectNoAxeViolations, signIn, statePath } from './roles';

/** The server's clock (TEST_CLOCK moves it): codes are computed at its time, moved on by `seconds`. */
async function serverNow(page: Page, seconds = 1): Promise<number> {
  const res = await page.request.post('/api/test/clock', { data: { advanceSeconds: seconds } });
  expect(res.status()).toBe(200);
  return new Date(((await res.json()) as { now: string }).now).getTime();
}
const codeAt = (secret: string, timestamp: number) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp });

// A user no spec after this one signs in as; the officer resets their two-factor at the end.
const email = 'officer2@demo.test';

test('two-factor sign-in: set up with the app, signing in asks for the code, an officer resets it', async ({ page, browser }, info) => {
  await signIn(page, email);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await page.getByRole('link', { name: 'Security' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Security' })).toBeVisible();
  await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
  await expect(page.getByRole('img', { name: /QR code of your two-factor secret/ })).toBeVisible();
  await expectNoAxeViolations(page);
  const secret = (await page.getByLabel('Your two-factor key').innerText()).replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  await page.getByLabel('Code from the app').fill(codeAt(secret, await serverNow(page)));
  await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
  await expect(page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem')).toHaveCount(10);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'I have kept my recovery codes' }).click();
  await expect(page.getByRole('heading', { name: 'Two-factor sign-in is on' })).toBeVisible();
  await expect(page.getByText('10 of your recovery codes are left')).toBeVisible();

  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, email);
  const code = page.getByLabel('Two-factor code');
  await expect(code).toBeVisible();
  await expectNoAxeViolations(page);
  await code.fill('000000' === codeAt(secret, await serverNow(page)) ? '111111' : '000000');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('The code is not right');
  // A later step than the one that confirmed the setup: the same code twice is refused.
  await code.fill(codeAt(secret, await serverNow(page, 30)));
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page).not.toHaveURL(/\/sign-in/);

  const officer = await browser.newContext({ storageState: statePath(info.project.name, 'officer') });
  try {
    const users = await officer.newPage();
    await users.goto('/users');
    await expect(users.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
    await expectNoAxeViolations(users);
    await users.getByRole('button', { name: 'Reset two-factor sign-in of Oscar Second' }).click();
    await users.getByRole('alertdialog').getByRole('button', { name: 'Reset two-factor' }).click();
    await expect(users.getByText('Two-factor sign-in of Oscar Second was reset.')).toBeVisible();
    await expect(users.getByRole('button', { name: 'Reset two-factor sign-in of Oscar Second' })).toHaveCount(0);
  } finally {
    await officer.close();
  }
  // Their sessions ended with the reset: this one is back at the sign-in page on its next request.
  await page.reload();
  await expect(page).toHaveURL(/\/sign-in/);
});
