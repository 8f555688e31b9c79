import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createServerApp, securityHeaders } from './http-app';

/** /api/docs: the OpenAPI viewer, from this server's own files only, under the console's CSP. */
describe('the API docs page', () => {
  const api = new Hono();
  api.get('/api/openapi.json', (c) => c.json({ openapi: '3.1.0' }));
  const app = createServerApp({ api, distDir: '/nonexistent-dist' });

  it('answers a page that references only same-origin files, each of which answers', async () => {
    const res = await app.request('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toBe(securityHeaders['Content-Security-Policy']);
    const html = await res.text();
    // No inline script: the CSP (script-src 'self') would refuse it.
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    const refs = [...html.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThanOrEqual(3);
    for (const ref of refs) {
      expect(ref, ref).toMatch(/^\/api\/docs\/[\w.-]+$/);
      const asset = await app.request(ref);
      expect(asset.status, ref).toBe(200);
      expect(asset.headers.get('content-type'), ref).toMatch(ref.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
      expect((await asset.text()).length, ref).toBeGreaterThan(0);
    }
  });

  it('points the viewer at the OpenAPI document, with the external validator off', async () => {
    const start = await (await app.request('/api/docs/start.js')).text();
    expect(start).toContain("url: '/api/openapi.json'");
    expect(start).toContain('validatorUrl: null');
    expect((await app.request('/api/openapi.json')).status).toBe(200);
  });

  it('serves nothing else from node_modules', async () => {
    for (const path of ['/api/docs/package.json', '/api/docs/..%2Fpackage.json', '/api/docs/index.html']) {
      expect((await app.request(path)).status, path).toBe(404);
    }
  });
});
