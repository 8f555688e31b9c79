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
    it('slows an email down with 429 and Retry-After after repeated failures (src/testing/sign-in-suite for bursts)', async () => {
      const fail = () =>
        h.call('nobody', 'POST', '/api/session', { body: { email: 'lockme@demo.test', password: 'wrong' }, address: '192.0.2.99' });
      for (let i = 0; i < 5; i++) expectError(await fail(), 401);
      const refused = await fail();
      expectError(refused, 429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    });
    it('refuses a body over the limit with 413', async () => {
      const res = await h.call('nobody', 'POST', '/api/session', { body: { email: 'a@b.test', password: 'x'.repeat(70_000) } });
      expectError(res, 413);
    });
  });

  describe('session lifetime and one’s own sessions', () => {
    const headersFor = (token: string): Record<string, string> =>
      mode === 'server' ? { cookie: `pc_session=${token}` } : { authorization: `Bearer ${token}` };
    const me = async (token: string) => (await h.app.request('/api/session', { headers: headersFor(token) })).status;
    const minutes = (n: number) => {
      h.clock.now = new Date(h.clock.now.getTime() + n * 60_000);
    };

    it('ends a session after 30 idle minutes, and any session 12 hours after signing in however busy', async () => {
      const start = h.clock.now;
      try {
        const token = await h.signInAs('auditor@demo.test');
        minutes(29);
        expect(await me(token)).toBe(200);
        minutes(29);
        expect(await me(token)).toBe(200);
        minutes(30);
        expect(await me(token)).toBe(401);
        const busy = await h.signInAs('auditor@demo.test');
        for (let elapsed = 0; elapsed < 12 * 60 - 20; elapsed += 20) {
          minutes(20);
          expect(await me(busy), `after ${elapsed + 20} minutes`).toBe(200);
        }
        minutes(20);
        expect(await me(busy)).toBe(401);
      } finally {
        h.clock.now = start;
      }
    });

    it('lists one’s own sessions with the current one marked, and ends one of them', async () => {
      await h.signInAs('support@demo.test');
      const second = await h.signInAs('support@demo.test');
      const list = await h.app.request('/api/sessions', { headers: headersFor(second) });
      expect(list.status).toBe(200);
      const { items } = endpoints.listSessions.response.parse(await list.json());
      expect(items.length).toBeGreaterThanOrEqual(2);
      expect(items.filter((s) => s.current)).toHaveLength(1);
      expect(items.every((s) => s.createdAt && s.lastSeenAt && s.expiresAt && !('tokenHash' in s))).toBe(true);
      const current = items.find((s) => s.current)!;
      const other = items.find((s) => !s.current)!;
      expect(new Date(current.idleEndsAt).getTime() - h.clock.now.getTime()).toBe(30 * 60_000);

      // Another user's session is not theirs to end, and is not told apart from no session at all.
      const officerSessions = endpoints.listSessions.response.parse(
        await (await h.app.request('/api/sessions', { headers: await h.authHeaders('officer') })).json(),
      ).items;
      const notMine = await h.app.request(`/api/sessions/${officerSessions[0]!.id}`, { method: 'DELETE', headers: headersFor(second) });
      expectError({ status: notMine.status, json: await notMine.json() }, 404);
      expect((await h.app.request('/api/session', { headers: await h.authHeaders('officer') })).status).toBe(200);

      const ended = await h.app.request(`/api/sessions/${other.id}`, { method: 'DELETE', headers: headersFor(second) });
      expect(ended.status).toBe(204);
      const stillMine = endpoints.listSessions.response.parse(
        await (await h.app.request('/api/sessions', { headers: headersFor(second) })).json(),
      );
      expect(stillMine.items.map((s) => s.id)).not.toContain(other.id);
      expect(await me(second)).toBe(200);
      expect(stillMine.items).toHaveLength(items.length - 1);
      const audit = await h.ok('auditor', 'listAuditEvents', { query: { action: 'session.end', limit: 5 } });
      expect(audit.items[0]?.actorName).toBe('Sam Support');
    });

    it('signs out everywhere: every session of the caller ends, other users’ stay', async () => {
      const a = await h.signInAs('officer2@demo.test');
      const b = await h.signInAs('officer2@demo.test');
      const res = await h.app.request('/api/sessions', { method: 'DELETE', headers: headersFor(a) });
      expect(res.status).toBe(204);
      if (mode === 'server') expect(res.headers.get('set-cookie')).toMatch(/pc_session=;/);
      h.forgetSessions();
      expect(await me(a)).toBe(401);
      expect(await me(b)).toBe(401);
      expect((await h.app.request('/api/session', { headers: await h.authHeaders('auditor') })).status).toBe(200);
      const audit = await h.ok('auditor', 'listAuditEvents', { query: { action: 'session.sign_out_everywhere', limit: 5 } });
      expect(audit.items[0]?.summary).toMatch(/Oscar Second signed out everywhere \(\d+ sessions\)/);
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
