import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { makeHarness, memoryStore } from '@/testing/harness';
import { demoPassword } from '@/demo/seed-data';
import { clientAddressOf, parseTrustedProxies } from './client-address';
import { createServerApp } from './http-app';

type Running = { url: string; origins(): Promise<(string | null)[]>; close(): Promise<void> };
const running: Running[] = [];

/** The Node server's HTTP app on a real socket (127.0.0.1), over a MemoryStore, with TRUSTED_PROXIES as given. */
async function start(trustedProxies: string | undefined): Promise<Running> {
  const h = await makeHarness(memoryStore, 'server', { clientAddress: clientAddressOf(parseTrustedProxies(trustedProxies)) });
  const app = createServerApp({ api: h.app, distDir: '/nonexistent-dist' });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const r: Running = {
    url: `http://127.0.0.1:${port}`,
    async origins() {
      const events = await h.store.transaction((tx) => tx.audit.list({ action: 'session.sign_in', limit: 50 }));
      return events.items.map((e) => e.origin);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  running.push(r);
  return r;
}

async function signIn(r: Running, headers: Record<string, string> = {}): Promise<void> {
  const res = await fetch(`${r.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email: 'auditor@demo.test', password: demoPassword }),
  });
  expect(res.status).toBe(201);
}

afterAll(async () => {
  await Promise.all(running.map((r) => r.close()));
});

describe('the client address in the audit log', () => {
  it('is the socket’s peer, and X-Forwarded-For from an untrusted peer is ignored', async () => {
    const r = await start(undefined);
    await signIn(r);
    await signIn(r, { 'x-forwarded-for': '203.0.113.9', 'x-real-ip': '203.0.113.10' });
    expect(await r.origins()).toEqual(['127.0.0.1', '127.0.0.1']);
  });

  it('is what a trusted proxy reports, read from the right past trusted hops only', async () => {
    const r = await start('127.0.0.1, 10.0.0.0/8');
    await signIn(r, { 'x-forwarded-for': '203.0.113.9' });
    // The client wrote the first entry itself; 198.51.100.7 is what our proxy 10.1.2.3 saw.
    await signIn(r, { 'x-forwarded-for': '6.6.6.6, 198.51.100.7, 10.1.2.3' });
    // Junk ends the walk at the last hop a trusted proxy vouched for.
    await signIn(r, { 'x-forwarded-for': '<script>, 10.1.2.3' });
    await signIn(r);
    // One instant for all four (the harness's clock stands still), so compared as a set.
    expect((await r.origins()).sort()).toEqual(['10.1.2.3', '127.0.0.1', '198.51.100.7', '203.0.113.9']);
  });

  it('refuses a TRUSTED_PROXIES entry that is not an address or a range', () => {
    expect(() => parseTrustedProxies('10.0.0.0/8, proxy.internal')).toThrow(/proxy\.internal/);
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow(/10\.0\.0\.0\/33/);
    expect(() => parseTrustedProxies('::1, 2001:db8::/32, ::ffff:127.0.0.1')).not.toThrow();
  });
});
