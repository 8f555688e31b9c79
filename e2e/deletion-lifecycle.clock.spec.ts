import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import type { Role } from '@/api/contract/roles';
import { endpoints } from '@/api/contract/endpoints';
import { roleHas } from '@/api/rules/permissions';
import type { Permission } from '@/api/rules/permissions';
import { navAreas } from '@/app/nav-areas';
import { callApi, expectNoAxeViolations, roles, signIn, statePath } from './roles';

// Issue 15's "Done when", on both sides. It moves the app's clock forward weeks (sessions end, deadlines pass),
// so it is a `*.clock.spec.ts`: its own Playwright project, run after every other spec of its side.
test.use({ storageState: async ({}, use, info) => use(statePath(info.project.name.replace('clock-', ''), 'officer')) });

const officer2 = { email: 'officer2@demo.test', password: 'demo-password' };
const DAY = 86_400;

async function json<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const answer = await callApi(page, method, path, body);
  expect(answer.status, `${method} ${path}: ${answer.text}`).toBeLessThan(300);
  return JSON.parse(answer.text) as T;
}

/** Moves to `path` inside the page (no reload: the demo's API would start again from its saved state). */
async function go(page: Page, path: string) {
  await page.evaluate((to) => {
    history.pushState({}, '', to);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await expect(page.locator('main h1').first()).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

type Person = { id: string; name: string | null; email: string | null };
type AccountDetail = {
  account: { id: string; name: string; hosting: string };
  people: Person[];
  actions: { cancel?: { allowed: boolean } };
};
type Task = {
  id: string;
  kind: string;
  systemName: string;
  outcome: string | null;
  rollOffOn: string | null;
  connector: { vendor: string; state: string; attempts: number } | null;
};
type Deletion = { id: string; status: string; accountName: string; tasks: Task[] };

/**
 * An active cloud account nobody else's spec works on (they take the lists' start, middle and end), whose
 * people all have an email and at least one a name no other person of the seed has (a shared name would be
 * found in the other person's records): the account, and those unique names.
 */
async function pickAccount(page: Page): Promise<{ detail: AccountDetail; names: string[] }> {
  const { items } = await json<{ items: { id: string }[] }>(page, 'GET', '/api/accounts?status=active&hosting=cloud&limit=200');
  for (let index = Math.floor(items.length / 4); index < items.length; index++) {
    const detail = await json<AccountDetail>(page, 'GET', `/api/accounts/${items[index]!.id}`);
    if (!detail.actions.cancel?.allowed || detail.people.length < 2 || !detail.people.every((p) => p.email && p.name)) continue;
    const names: string[] = [];
    for (const { name } of detail.people) {
      const found = await json<{ items: { accountId: string | null; name: string | null }[] }>(
        page,
        'GET',
        `/api/subjects?q=${encodeURIComponent(name!)}&limit=200`,
      );
      if (found.items.every((s) => s.accountId === detail.account.id || !s.name?.toLowerCase().includes(name!.toLowerCase())))
        names.push(name!);
    }
    if (names.length > 0) return { detail, names };
  }
  throw new Error('no active cloud account with people to cancel');
}

/** Where any of `needles` occurs in an answer (ignoring case). */
function leaks(text: string, needles: readonly string[]): string[] {
  const lower = text.toLowerCase();
  return needles.filter((n) => lower.includes(n.toLowerCase()));
}

/**
 * Every GET endpoint of the contract without a path parameter, plus those about the erased records, as `role`:
 * each answers what the role may see (200) or refuses it (403), and none carries a needle.
 */
async function walkApi(
  page: Page,
  role: Role,
  needles: readonly string[],
  about: { deletionId: string; accountId: string; people: Person[] },
) {
  const paths: { path: string; permission: Permission | 'public' | 'signed_in' | 'officer' }[] = [];
  for (const ep of Object.values(endpoints)) {
    if (ep.method !== 'GET' || ep.path.includes(':')) continue;
    if (ep.path === '/api/search' || ep.path === '/api/subjects') {
      for (const n of needles) paths.push({ path: `${ep.path}?q=${encodeURIComponent(n)}`, permission: ep.permission });
    } else paths.push({ path: ep.path, permission: ep.permission });
  }
  const officerOnly = (p: string) => ({ path: p, permission: 'officer' as const });
  paths.push(
    { path: `/api/deletion-requests/${about.deletionId}`, permission: 'deletions.read' },
    { path: `/api/deletion-requests/${about.deletionId}/certificate`, permission: 'deletions.read' },
    { path: `/api/deletion-requests?accountId=${about.accountId}`, permission: 'deletions.read' },
    { path: `/api/accounts/${about.accountId}`, permission: 'accounts.read' },
    { path: `/api/accounts/${about.accountId}/timeline`, permission: 'accounts.read' },
    { path: `/api/support-access-requests?accountId=${about.accountId}`, permission: 'access.read' },
    { path: `/api/audit-events?recordId=${about.deletionId}`, permission: 'audit.read' },
    { path: `/api/audit-events?recordId=${about.accountId}`, permission: 'audit.read' },
    { path: `/api/audit-events?limit=200`, permission: 'audit.read' },
    officerOnly('/api/exports/consent-suppression.csv?emails=clear&reason=E2E%20erasure%20check'),
    officerOnly('/api/exports/re-consent.csv?emails=clear&reason=E2E%20erasure%20check'),
  );
  for (const person of about.people) {
    paths.push(
      { path: `/api/subjects/${person.id}`, permission: 'consent.lookup' },
      { path: `/api/consent-events?subjectId=${person.id}&limit=200`, permission: 'consent.lookup' },
      { path: `/api/audit-events?recordId=${person.id}`, permission: 'audit.read' },
      officerOnly(`/api/subjects/${person.id}/proof.json?emails=clear&reason=E2E%20erasure%20check`),
    );
  }
  const answered: string[] = [];
  // A few at a time: the server answers one transaction at a time on PGlite anyway.
  for (let start = 0; start < paths.length; start += 6) {
    const batch = paths.slice(start, start + 6);
    const answers = await Promise.all(batch.map(({ path }) => callApi(page, 'GET', path)));
    batch.forEach(({ path, permission }, i) => {
      const answer = answers[i]!;
      const allowed =
        permission === 'officer'
          ? role === 'privacy_officer'
          : permission === 'public' || permission === 'signed_in' || roleHas(role, permission);
      expect(answer.status, `${role} GET ${path}: ${answer.text.slice(0, 200)}`).toBe(allowed ? 200 : 403);
      expect(leaks(answer.text, needles), `${role} GET ${path}`).toEqual([]);
      if (answer.status === 200) answered.push(path);
    });
  }
  return answered;
}

test('an account is cancelled, approved by a second officer, erased everywhere through its connectors and the backup’s roll-off, and its certificate verifies', async ({
  page,
}, info) => {
  test.setTimeout(240_000);
  const side = info.project.name.replace('clock-', '');

  // Before: the account's people, their names and emails in clear (an audited reveal), which must all be gone after.
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  const { detail, names } = await pickAccount(page);
  const { account } = detail;
  const people: Person[] = [];
  for (const person of detail.people) {
    const { email } = await json<{ email: string }>(page, 'POST', `/api/subjects/${person.id}/reveal-email`, {
      reason: 'E2E: the erasure check looks for it afterwards',
    });
    people.push({ ...person, email });
  }
  const emails = people.map((p) => p.email!);
  const needles = [...emails, ...names];
  const before = await json<{ matches: { table: string; needle: string }[] }>(page, 'POST', '/api/test/find-in-rows', { needles });
  expect(new Set(before.matches.map((m) => m.needle))).toEqual(new Set(needles.map((n) => n.toLowerCase())));

  // 1. The officer records the account's cancellation; the 30 days start and a deletion request opens.
  await go(page, `/accounts/${account.id}`);
  await expect(page.getByRole('heading', { level: 1, name: account.name })).toBeVisible();
  await page.getByRole('button', { name: 'Record cancellation' }).click();
  await page
    .getByRole('alertdialog', { name: `Record the cancellation of ${account.name}?` })
    .getByRole('button', { name: 'Record cancellation' })
    .click();
  await expect(page).toHaveURL(/\/deletions\/del_/);
  const deletionPath = new URL(page.url()).pathname;
  const deletionId = deletionPath.split('/').pop()!;
  await expect(page.getByText('Account cancelled; data to be deleted within 30 days (policy 5.7)')).toBeVisible();
  // The officer who recorded it may not approve it, and is told why before typing anything.
  const ownApproval = page.getByRole('button', { name: 'Approve deletion…' });
  await expect(ownApproval).toBeDisabled();
  await expect(ownApproval).toHaveAccessibleDescription(/another officer must approve/);
  // Before approval the officer sees the tasks it will create.
  await expect(page.getByRole('table', { name: /planned/i })).toBeVisible();

  // 2. A second officer approves; one vendor answers 429 once (its sandbox, told so through the test route).
  await signIn(page, officer2.email, officer2.password);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await go(page, deletionPath);
  await expect(page.getByRole('heading', { level: 1, name: `Deletion of ${account.name}` })).toBeVisible();
  const limited = await callApi(page, 'POST', '/api/test/sandboxes/helpscout/failures', {
    kind: 'rate_limit',
    times: 1,
    retryAfterSeconds: 8,
  });
  expect(limited.status).toBe(204);
  await page.getByRole('button', { name: 'Approve deletion…' }).click();
  const dialog = page.getByRole('alertdialog', { name: `Approve the deletion of ${account.name}?` });
  await dialog.getByLabel('Type the account name to confirm').fill(account.name);
  await dialog.getByRole('button', { name: 'Approve deletion' }).click();
  await expect(dialog).toHaveCount(0);
  const tasks = page.getByRole('table', { name: /Deletion tasks/ });
  await expect(tasks).toBeVisible();
  // The page shows the retry the vendor asked for, then the verified deletion.
  const helpScout = tasks.getByRole('row').filter({ hasText: 'Help Scout' });
  await expect(helpScout.getByText(/Retrying (in \d+ s|now)/)).toBeVisible({ timeout: 30_000 });
  await expect(helpScout.getByText(/429|rate limit/i)).toBeVisible();
  await expect(page.getByText('Done, verified')).toHaveCount(5, { timeout: 60_000 });
  await expect(helpScout.getByText(/attempt 2/)).toBeVisible();

  // The manual tasks are resolved by hand, each with its reference.
  const forms = page.getByRole('form', { name: /^Resolve / });
  for (let remaining = await forms.count(); remaining > 0; remaining--) {
    const form = forms.first();
    await form.getByLabel('Outcome').selectOption('deleted');
    await form.getByLabel('Reference').fill(`E2E-${remaining}`);
    await form.getByLabel('Recipient notified (Art. 19)').check();
    await form.getByRole('button', { name: /^Resolve / }).click();
    await expect(forms).toHaveCount(remaining - 1);
  }

  // 3. The offsite backup waits for its roll-off date; the request cannot be completed before it.
  await expect(page.getByText(/rolls off on [A-Z][a-z]{2} \d{1,2}, \d{4}; the task resolves itself/).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Complete deletion…' })).toBeDisabled();
  const open = await json<Deletion>(page, 'GET', `/api/deletion-requests/${deletionId}`);
  const backup = open.tasks.find((t) => t.kind === 'backup');
  expect(backup?.outcome).toBeNull();
  const { now } = await json<{ now: string }>(page, 'POST', '/api/test/clock', { advanceSeconds: 1 });
  // To noon (UTC) of the day after the roll-off date, wherever the company's time zone puts midnight.
  const target = new Date(`${backup!.rollOffOn!}T12:00:00Z`).getTime() + DAY * 1000;
  const moved = await json<{ now: string }>(page, 'POST', '/api/test/clock', {
    advanceSeconds: Math.ceil((target - new Date(now).getTime()) / 1000),
  });
  expect(new Date(moved.now).getTime()).toBeGreaterThanOrEqual(target);

  // Weeks later the session has ended (its 12 hours are over): the officer signs in again. The minute sweep the
  // clock's move ran has resolved the backup (the demo answered the move only once its changes were saved).
  await signIn(page, officer2.email, officer2.password);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect
    .poll(
      async () =>
        (await json<Deletion>(page, 'GET', `/api/deletion-requests/${deletionId}`)).tasks.find((t) => t.kind === 'backup')?.outcome,
    )
    .toBe('deleted');
  await go(page, deletionPath);
  const backupRow = tasks.getByRole('row').filter({ hasText: backup!.systemName });
  await expect(backupRow.getByText('Deleted', { exact: true })).toBeVisible();
  await expect(backupRow.getByText(/Rolled off on/)).toBeVisible();
  await page.getByRole('button', { name: 'Complete deletion…' }).click();
  await page
    .getByRole('alertdialog', { name: `Complete the deletion of ${account.name}?` })
    .getByRole('button', { name: 'Complete deletion' })
    .click();
  await expect(page.getByRole('link', { name: 'View the certificate of deletion' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: /Deletion of Deleted account acc_/ })).toBeVisible();

  // 6. The certificate: downloaded, it verifies (the console's page and the command line); one byte changed, it fails.
  await page.getByRole('link', { name: 'View the certificate of deletion' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Certificate of deletion/ })).toBeVisible();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download JSON' }).click();
  const dir = await mkdtemp(join(tmpdir(), 'certificate-'));
  const file = join(dir, 'certificate.json');
  await (await downloading).saveAs(file);
  const original = await readFile(file, 'utf8');
  expect(leaks(original, needles)).toEqual([]);
  const at = original.indexOf('"completedAt"') + '"completedAt": "'.length + 3;
  const digit = original[at]!;
  expect(digit).toMatch(/\d/);
  const altered = join(dir, 'altered.json');
  await writeFile(altered, original.slice(0, at) + String((Number(digit) + 1) % 10) + original.slice(at + 1));
  const chooser = page.getByLabel('Certificate file');
  await chooser.setInputFiles(file);
  await expect(page.getByRole('status').filter({ hasText: /^Valid: signed with the published key/ })).toBeVisible();
  await chooser.setInputFiles(altered);
  await expect(page.getByRole('status').filter({ hasText: /^Not valid:/ })).toBeVisible();
  await expectNoAxeViolations(page);
  // `npm run verify-certificate -- FILE` is this command: exit 0 when valid, 1 when not.
  const cli = (path: string) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/verify-certificate.ts', path]).then(
      (r) => ({ code: 0, out: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
    );
  // Started now, checked at the end: the two commands run while the page is searched.
  const checked = Promise.all([cli(file), cli(altered)]);

  // 5. The suppression list still knows them, by their email's keyed hash: a look-up by email finds their
  // consent record (pseudonymous: no name, no email), and the list carries the hash in place of the email.
  const suppression = await callApi(page, 'GET', '/api/exports/consent-suppression.csv?emails=clear&reason=E2E%20erasure%20check');
  for (const person of people) {
    const events = await json<{ items: { subjectId: string; email: string | null }[] }>(
      page,
      'GET',
      `/api/consent-events?email=${encodeURIComponent(person.email!)}`,
    );
    if (events.items.length === 0) continue;
    expect(new Set(events.items.map((e) => e.subjectId))).toEqual(new Set([person.id]));
    expect(events.items.every((e) => e.email === null)).toBe(true);
    const rows = suppression.text.split('\n').filter((line) => line.startsWith(`${person.id},`));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/,[0-9a-f]{64}\r?$/);
  }

  // 4. No API answer, page, export or database row holds their names or emails: as the officer...
  const about = { deletionId, accountId: account.id, people };
  const officerAnswers = await walkApi(page, 'privacy_officer', needles, about);
  expect(officerAnswers.length).toBeGreaterThan(40);
  for (const path of [
    ...navAreas.map((a) => a.to),
    `/accounts/${account.id}`,
    deletionPath,
    `${deletionPath}/certificate`,
    ...people.map((p) => `/subjects/${p.id}`),
  ]) {
    await go(page, path);
    expect(leaks(await page.locator('body').innerText(), needles), `page ${path}`).toEqual([]);
  }
  await go(page, '/consents');
  // ...and as the auditor.
  await signIn(page, roles.auditor.email);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  expect((await walkApi(page, 'auditor', needles, about)).length).toBeGreaterThan(20);
  const after = await json<{ matches: { table: string; needle: string; rows: number }[] }>(page, 'POST', '/api/test/find-in-rows', {
    needles,
  });
  expect(after.matches, `${side}: database rows still holding a name or email`).toEqual([]);
  const [valid, broken] = await checked;
  expect(valid).toMatchObject({ code: 0, out: expect.stringMatching(/^Valid: signed with Ed25519 key/) });
  expect(broken).toMatchObject({ code: 1, out: expect.stringMatching(/^NOT valid/) });
});
