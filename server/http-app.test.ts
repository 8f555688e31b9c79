import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerApp, hstsHeader, securityHeaders } from './http-app';

describe('the server’s HTTP app', () => {
  let dist: string;
  const seen: string[] = [];
  const api = new Hono();
  api.get('/api/health', (c) => c.json({ status: 'ok' }));
  api.notFound((c) => {
    seen.push(c.req.path);
    return c.json({ error: { code: 'not_found', message: 'No such endpoint' } }, 404);
  });

  beforeAll(() => {
    dist = mkdtempSync(join(tmpdir(), 'pc-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Privacy Console</title><div id="root"></div>');
    writeFileSync(join(dist, 'assets', 'app-abc123.js'), 'console.log("app")');
    writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  });
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  const app = () => createServerApp({ api, distDir: dist });

  function expectSecurityHeaders(res: Response) {
    for (const [name, value] of Object.entries(securityHeaders)) expect(res.headers.get(name), name).toBe(value);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self';/);
  }

  it('hands /api requests to the API app, with the security headers', async () => {
    const res = await app().request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expectSecurityHeaders(res);
  });

  it('sends HSTS behind HTTPS (secure cookies) only, on the API and the pages alike', async () => {
    expect((await app().request('/api/health')).headers.get('strict-transport-security')).toBeNull();
    const secure = createServerApp({ api, distDir: dist, hsts: true });
    for (const path of ['/api/health', '/processors', '/assets/app-abc123.js']) {
      expect((await secure.request(path)).headers.get('strict-transport-security'), path).toBe(hstsHeader);
    }
  });

  it('answers unknown /api paths with the API’s 404 JSON, never the SPA', async () => {
    for (const path of ['/api/nope', '/api', '/api/processors/x/y']) {
      const res = await app().request(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toContain('application/json');
      expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
    }
    const post = await app().request('/api/nope', { method: 'POST', body: '{}' });
    expect(post.status).toBe(404);
    expect(seen).toContain('/api/processors/x/y');
  });

  it('serves index.html for deep links and the root, with the CSP header and no caching', async () => {
    for (const path of ['/', '/processors/proc_1', '/consents?purpose=marketing_emails', '/index.html']) {
      const res = await app().request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toContain('text/html');
      expect(await res.text()).toContain('<div id="root">');
      expect(res.headers.get('cache-control'), path).toBe('no-cache');
      expectSecurityHeaders(res);
    }
  });

  it('serves built files, hashed assets cached for good', async () => {
    const asset = await app().request('/assets/app-abc123.js');
    expect(asset.status).toBe(200);
    expect(await asset.text()).toBe('console.log("app")');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expectSecurityHeaders(asset);
    const icon = await app().request('/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toContain('image/svg+xml');
  });

  it('answers a missing asset with 404, not index.html', async () => {
    const res = await app().request('/assets/gone-123.js');
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('<div id="root">');
  });

  it('does not serve files outside the build', async () => {
    const res = await app().request('/../package.json');
    expect(await res.text()).not.toContain('"dependencies"');
  });

  it('says the console is not built when dist has no index.html', async () => {
    const res = await createServerApp({ api, distDir: join(dist, 'missing') }).request('/processors');
    expect(res.status).toBe(503);
    expectSecurityHeaders(res);
  });
});
