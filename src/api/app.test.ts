import { describe, expect, it } from 'vitest';
import { MemoryStore } from '@/api/store/memory/memory-store';
import { describeApi } from '@/testing/api-suite/api-suite';
import { makeHarness, memoryStore } from '@/testing/harness';
import { describeSignInThrottling } from '@/testing/sign-in-suite';
import { validateKantaraReceipt } from '@/testing/kantara-receipt-schema';

describeApi('MemoryStore', memoryStore, 'demo');
describeApi('MemoryStore', memoryStore, 'server');
describeSignInThrottling('MemoryStore', memoryStore, 'demo');
describeSignInThrottling('MemoryStore', memoryStore, 'server');

describe('server mode transport', () => {
  it('sets an httpOnly SameSite=Strict cookie and never answers the token', async () => {
    const h = await makeHarness(memoryStore, 'server');
    const res = await h.app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'officer@demo.test', password: 'demo-password' }),
    });
    expect(res.status).toBe(201);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/pc_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(await res.json()).not.toHaveProperty('token');
  });
  it('ignores a bearer token: only the cookie counts on the server', async () => {
    const h = await makeHarness(memoryStore, 'server');
    const token = await h.signInAs('officer@demo.test');
    expect((await h.app.request('/api/session', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });
  it('refuses a mutation from another origin with 403', async () => {
    const h = await makeHarness(memoryStore, 'server');
    const token = await h.signInAs('officer@demo.test');
    const res = await h.app.request('http://console.example/api/deletion-requests', {
      method: 'POST',
      headers: {
        cookie: `pc_session=${token}`,
        origin: 'http://evil.example',
        host: 'console.example',
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(res.status).toBe(403);
  });
  it('answers 500 with the error shape, never a stack, when the store fails', async () => {
    const store = new MemoryStore();
    const h = await makeHarness(store, 'demo');
    const token = await h.signInAs('auditor@demo.test');
    store.transaction = () => Promise.reject(new Error('disk on fire'));
    const res = await h.app.request('/api/processors', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(500);
    const body = JSON.stringify(await res.json());
    expect(body).toContain('internal');
    expect(body).not.toContain('disk on fire');
  });
});

describe('the configured controller', () => {
  it('is the one the settings report and every receipt names, still valid against the Kantara schema', async () => {
    const controller = {
      name: 'Acme d.o.o.',
      address: 'Bulevar 1, 11000 Beograd, Serbia',
      email: 'dpo@acme.example',
      contact: 'Data protection officer',
      phone: '+381 11 000 000',
      url: 'https://acme.example',
      policyUrl: 'https://acme.example/privacy',
      jurisdiction: 'EU GDPR',
    };
    const h = await makeHarness(memoryStore, 'demo', { controller });
    expect((await h.ok('auditor', 'getSettings')).controller).toEqual(controller);
    const [event] = (await h.ok('auditor', 'listConsentEvents', { query: { limit: 1 } })).items;
    const get = async (file: string) =>
      h.app.request(`/api/consent-events/${event!.id}/${file}`, { headers: await h.authHeaders('auditor') });
    const receipt = (await (await get('receipt.json')).json()) as Record<string, unknown>;
    expect(validateKantaraReceipt(receipt), JSON.stringify(validateKantaraReceipt.errors)).toBe(true);
    expect(receipt).toMatchObject({
      jurisdiction: 'EU GDPR',
      policyUrl: 'https://acme.example/privacy',
      piiControllers: [{ piiController: 'Acme d.o.o.', address: controller.address, email: 'dpo@acme.example' }],
    });
    expect(JSON.stringify(receipt)).not.toContain('ActiveCollab');
    const iso = (await (await get('record-27560.json')).json()) as { controller: unknown };
    expect(iso.controller).toEqual({ name: 'Acme d.o.o.', address: controller.address, contact: 'dpo@acme.example', url: controller.url });
    expect(await (await get('receipt.html')).text()).toContain('Acme d.o.o. (dpo@acme.example)');
  });
});
