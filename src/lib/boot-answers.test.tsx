// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type * as ApiClient from './api-client';
import type * as BootData from './boot-data';

type Client = typeof ApiClient;
type Boot = typeof BootData;

const dashboard = { asOf: '2026-12-01T09:00:00.000Z' };
let fetched: string[];

/** A page as the server sends it (server/page-answers.ts), and the client's modules loaded fresh over it. */
async function pageWith(answers: unknown): Promise<{ client: Client; boot: Boot }> {
  document.body.innerHTML = `<script type="application/json" id="boot-answers">${JSON.stringify(answers)}</script>`;
  vi.resetModules();
  const client = await import('./api-client');
  const boot = await import('./boot-data');
  return { client, boot };
}

const shape = { safeParse: (value: unknown) => ({ success: true as const, data: value }) };
const refuse = { safeParse: () => ({ success: false as const, error: new Error('no') }) };

beforeEach(() => {
  fetched = [];
  vi.stubGlobal('fetch', async (url: string) => {
    fetched.push(url);
    return new Response(JSON.stringify({ fetched: url }), { status: 200, headers: { 'Content-Type': 'application/json' } });
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('the answers the server wrote into the page', () => {
  it('answer the first read of their address without a request, once', async () => {
    const { client } = await pageWith([{ url: '/api/dashboard', body: dashboard }]);
    expect(await client.request('/api/dashboard', { method: 'GET', schema: shape })).toEqual(dashboard);
    expect(fetched).toEqual([]);
    expect(await client.request('/api/dashboard', { method: 'GET', schema: shape })).toEqual({ fetched: '/api/dashboard' });
    expect(fetched).toEqual(['/api/dashboard']);
  });

  it('answer only the same address, query and all, and never a write', async () => {
    const { client } = await pageWith([{ url: '/api/consent-events?limit=50', body: { items: [] } }]);
    await client.request('/api/consent-events', { method: 'GET', schema: shape, query: { limit: 25 } });
    await client.request('/api/consent-events', { method: 'POST', schema: shape, body: {} });
    expect(fetched).toEqual(['/api/consent-events?limit=25', '/api/consent-events']);
    expect(await client.request('/api/consent-events', { method: 'GET', schema: shape, query: { limit: 50 } })).toEqual({ items: [] });
  });

  it('are checked by the endpoint’s schema like any answer', async () => {
    const { client } = await pageWith([{ url: '/api/dashboard', body: { not: 'a dashboard' } }]);
    await expect(client.request('/api/dashboard', { method: 'GET', schema: refuse })).rejects.toMatchObject({ code: 'invalid_response' });
  });

  it('are gone once dropped (after the first navigation), and a page without them asks as usual', async () => {
    const { client, boot } = await pageWith([{ url: '/api/dashboard', body: dashboard }]);
    boot.dropBootAnswers();
    await client.request('/api/dashboard', { method: 'GET', schema: shape });
    expect(fetched).toEqual(['/api/dashboard']);
    const bare = await pageWith('not a list');
    await bare.client.request('/api/dashboard', { method: 'GET', schema: shape });
    expect(fetched).toEqual(['/api/dashboard', '/api/dashboard']);
  });
});
