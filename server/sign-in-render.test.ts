import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerApp } from './http-app';
import { withRootMarkup } from './sign-in-render';

const indexHtml =
  '<!doctype html><html><head><title>Privacy Console</title></head><body><div id="root"><main aria-busy="true"><p>Loading the console…</p></main></div></body></html>';

const demo = { password: 'demo-password', users: [{ email: 'officer@demo.test', name: 'Olivia Officer', role: 'privacy_officer' }] };

function apiWith(health: Record<string, unknown>) {
  const api = new Hono();
  api.get('/api/health', (c) => c.json({ status: 'ok', ...health }));
  return api;
}

describe('the sign-in page drawn by the server', () => {
  let dist: string;
  beforeAll(() => {
    dist = mkdtempSync(join(tmpdir(), 'pc-sign-in-'));
    writeFileSync(join(dist, 'index.html'), indexHtml);
  });
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  // Without React's text separators (`<!-- -->` between adjacent texts), which the browser never shows.
  const page = async (health: Record<string, unknown>, path = '/sign-in') =>
    (await (await createServerApp({ api: apiWith(health), distDir: dist }).request(path)).text()).replaceAll('<!-- -->', '');

  it('holds the form and the demo users in the HTML, marked for React to take over, titled in the head', async () => {
    const html = await page({ demo, sso: null });
    expect(html).toContain('<div id="root" data-server-rendered="">');
    expect(html).toMatch(/<label[^>]*>Email/);
    expect(html).toMatch(/<label[^>]*>Password/);
    expect(html).toContain('Sign in as Privacy officer (officer@demo.test)');
    expect(html).not.toContain('Loading the console');
    // One title, in the head, the page's own.
    expect(html.match(/<title>/g)).toHaveLength(1);
    expect(html).toMatch(/<head><title>Sign in · Privacy Console<\/title>[^]*<\/head><body>/);
    // The boot data the browser's first render reads: the same demo users, so the two renders match.
    expect(html).toContain('"signIn":{"demo":{"password":"demo-password"');
  });

  it('never submits natively before its script runs: a POST form whose buttons wait', async () => {
    const html = await page({ demo, sso: null });
    expect(html).toMatch(/<form[^>]*method="post"/);
    expect(html).toMatch(/<button[^>]*type="submit"[^>]*disabled=""/);
  });

  it('draws no demo users where the server has none, and offers single sign-on with the page asked for', async () => {
    const html = await page({ demo: null, sso: { name: 'Acme IdP', startUrl: '/api/sso/start' } }, '/sign-in?next=%2Faudit');
    expect(html).not.toContain('Demo users');
    expect(html).toContain('href="/api/sso/start?next=%2Faudit"');
    expect(html).toContain('Sign in with Acme IdP');
  });

  it('writes hostile addresses as text, never as markup', async () => {
    const hostile = '"><img src=x onerror=alert(1)>';
    const html = await page(
      { demo: null, sso: { name: 'Acme IdP', startUrl: '/api/sso/start' } },
      `/sign-in?next=${encodeURIComponent(hostile)}&sso_error=${encodeURIComponent(hostile)}`,
    );
    expect(html).not.toContain('<img');
    expect(html).toContain(`next=${encodeURIComponent(hostile)}`);
  });

  it('leaves every other page to the browser', async () => {
    const html = await page({ demo, sso: null }, '/processors');
    expect(html).not.toContain('data-server-rendered');
    expect(html).toContain('Loading the console');
  });

  it('leaves a page without the placeholder as it is', () => {
    expect(withRootMarkup('<p>no root</p>', '<main>form</main>')).toBe('<p>no root</p>');
  });
});
