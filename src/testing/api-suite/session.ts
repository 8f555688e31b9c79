import { beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '@/api/contract/endpoints';
import type { Harness } from '@/testing/harness';
import type { Suite } from './api-suite';
import { expectError } from './helpers';

/** Health, sessions, and the 401 of every protected endpoint. */
export function sessionTests(suite: Suite): void {
  let h: Harness;
  const { mode } = suite;
  beforeAll(() => {
    h = suite.harness();
  });

  describe('health and unknown paths', () => {
    it('reports the database reachable', async () => {
      const res = await h.call('nobody', 'GET', '/api/health');
      expect(res.status).toBe(200);
      expect(endpoints.health.response.parse(res.json).database).toBe('reachable');
    });
    it('answers 404 JSON for an unknown API path', async () => {
      expectError(await h.call('officer', 'GET', '/api/nope'), 404);
    });
  });

  describe('session', () => {
    it('signs in, answers the current user, and signs out', async () => {
      const token = await h.signInAs('auditor@demo.test');
      const auth: Record<string, string> = mode === 'server' ? { cookie: `pc_session=${token}` } : { authorization: `Bearer ${token}` };
      const me = await h.app.request('/api/session', { headers: auth });
      expect(me.status).toBe(200);
      expect(((await me.json()) as { user: { role: string } }).user.role).toBe('auditor');
      expect((await h.app.request('/api/session', { method: 'DELETE', headers: auth })).status).toBe(204);
      expect((await h.app.request('/api/session', { headers: auth })).status).toBe(401);
    });
    it('refuses a wrong password with 401 and a malformed email with 422 naming the field', async () => {
      expectError(await h.call('nobody', 'POST', '/api/session', { body: { email: 'officer@demo.test', password: 'nope' } }), 401);
      expectError(await h.call('nobody', 'POST', '/api/session', { body: { email: 'not-an-email', password: 'x' } }), 422, 'email');
    });
    it('refuses bad JSON with 400 and unknown fields with 422', async () => {
      const res = await h.app.request('/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"email":',
      });
      expect(res.status).toBe(400);
      expectError(
        await h.call('nobody', 'POST', '/api/session', { body: { email: 'a@b.test', password: 'x', admin: true } }),
        422,
        'admin',
      );
    });
    it('locks an email out with 429 after repeated failures', async () => {
      for (let i = 0; i < 5; i++) {
        await h.call('nobody', 'POST', '/api/session', { body: { email: 'lockme@demo.test', password: 'wrong' } });
      }
      expectError(await h.call('nobody', 'POST', '/api/session', { body: { email: 'lockme@demo.test', password: 'wrong' } }), 429);
    }, 30000);
    it('refuses a body over the limit with 413', async () => {
      const res = await h.call('nobody', 'POST', '/api/session', { body: { email: 'a@b.test', password: 'x'.repeat(70_000) } });
      expectError(res, 413);
    });
  });

  describe('every protected endpoint answers 401 without a session', () => {
    for (const [name, ep] of Object.entries(endpoints)) {
      if (ep.permission === 'public') continue;
      it(name, async () => {
        const path = ep.path.replace(':id', 'x');
        expectError(await h.call('nobody', ep.method, path, { body: ep.method === 'GET' ? undefined : {}, version: 1 }), 401);
      });
    }
  });
}
