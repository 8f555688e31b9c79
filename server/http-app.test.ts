import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerApp, hstsHeader, securityHeaders } from './http-app';

const bigScript = `console.log(${JSON.stringify('x'.repeat(4000))});`;

describe('the server’s HTTP app', () => {
  let dist: string;
  const seen: string[] = [];
  const api = new Hono();
  api.get('/api/health', (c) => c.json({ status: 'ok' }));
  api.get('/api/long', (c) => c.json({ items: Array.from({ length: 200 }, (_, i) => ({ id: `item_${i}` })) }));
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
    writeFileSync(join(dist, 'assets', 'big-abc123.js'), bigScript);
    writeFileSync(join(dist, 'assets', 'big-abc123.js.br'), brotliCompressSync(bigScript));
    writeFileSync(join(dist, 'assets', 'big-abc123.js.gz'), gzipSync(bigScript));
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

  it('serves index.html for deep links and the root, with the CSP header and kept by no cache', async () => {
    for (const path of ['/', '/processors/proc_1', '/consents?purpose=marketing_emails', '/index.html']) {
      const res = await app().request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toContain('text/html');
      expect(await res.text()).toContain('<div id="root">');
      // The page may carry the signed-in user's session (page-hints.test.ts).
      expect(res.headers.get('cache-control'), path).toBe('no-store');
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

  it('serves the build’s brotli or gzip copy by Accept-Encoding, and says that it varies', async () => {
    const get = (encodings: string) => app().request('/assets/big-abc123.js', { headers: { 'Accept-Encoding': encodings } });
    const br = await get('gzip, deflate, br');
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(bigScript);
    const gz = await get('gzip');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(bigScript);
    const plain = await get('identity');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(bigScript);
    for (const res of [br, gz, plain]) {
      expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
      expect(res.headers.get('content-type')).toMatch(/javascript/);
      expect(res.headers.get('cache-control')).toContain('immutable');
    }
  });

  it('compresses API answers over 1 KiB for a client that accepts gzip, and leaves small ones alone', async () => {
    const long = await app().request('/api/long', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(long.headers.get('content-encoding')).toBe('gzip');
    const body = JSON.parse(gunzipSync(Buffer.from(await long.arrayBuffer())).toString()) as { items: unknown[] };
    expect(body.items).toHaveLength(200);
    expectSecurityHeaders(long);
    const small = await app().request('/api/health', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(small.headers.get('content-encoding')).toBeNull();
    const refused = await app().request('/api/long', { headers: { 'Accept-Encoding': 'identity' } });
    expect(refused.headers.get('content-encoding')).toBeNull();
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
