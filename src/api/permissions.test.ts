import { beforeAll, describe, expect, it } from 'vitest';
import { errorBody } from '@/api/contract/common';
import type { EndpointName } from '@/api/contract/endpoints';
import { endpoints } from '@/api/contract/endpoints';
import type { Role } from '@/api/contract/roles';
import { session } from '@/api/contract/users';
import { permissionRefusal, permissionsOf } from '@/api/rules/permissions';
import type { Harness } from '@/testing/harness';
import { makeHarness, memoryStore } from '@/testing/harness';

/**
 * Authorization, driven by the endpoint table: each endpoint's one permission decides who gets past the
 * door, before the request is read (a refused caller's malformed body and missing If-Match are never
 * looked at), and nobody without a session gets past it at all.
 */
const staff = { officer: 'privacy_officer', support: 'support_agent', auditor: 'auditor' } as const satisfies Record<string, Role>;
type Who = keyof typeof staff;

let h: Harness;
beforeAll(async () => {
  h = await makeHarness(memoryStore);
});

const tokens = new Map<Who, string>();

/**
 * A request the app must refuse at the door or for its content: a made-up id, an empty body, no
 * If-Match. Answers the status and, for JSON, the body (a download that got through is not parsed).
 */
async function knock(who: Who | 'nobody', name: EndpointName): Promise<{ status: number; json: unknown }> {
  const ep = endpoints[name];
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (who !== 'nobody') {
    const token = tokens.get(who) ?? (await h.signInAs(`${who}@demo.test`));
    tokens.set(who, token);
    headers.authorization = `Bearer ${token}`;
  }
  const res = await h.app.request(ep.path.replace(':id', 'nope'), {
    method: ep.method,
    headers,
    body: 'body' in ep ? '{}' : undefined,
  });
  // Signing out ends the session: the next call signs in again.
  if (name === 'signOut' || name === 'signOutEverywhere') tokens.delete(who as Who);
  const json: unknown = res.headers.get('content-type')?.startsWith('application/json') ? await res.json() : null;
  return { status: res.status, json };
}

type Guarded = Exclude<(typeof endpoints)[EndpointName]['permission'], 'public'>;
const guarded = (Object.keys(endpoints) as EndpointName[]).filter((name) => endpoints[name].permission !== 'public');

describe('each endpoint checks its one permission', () => {
  for (const name of guarded) {
    const ep = endpoints[name];
    const permission = ep.permission as Guarded;
    describe(`${name} (${ep.method} ${ep.path}, ${permission})`, () => {
      it('asks nobody to sign in (401)', async () => {
        const res = await knock('nobody', name);
        expect(res.status).toBe(401);
        expect(errorBody.parse(res.json).error.code).toBe('unauthenticated');
      });
      for (const who of Object.keys(staff) as Who[]) {
        const role = staff[who];
        const refusal = permission === 'signed_in' ? null : permissionRefusal(role, permission);
        const admitted = refusal === null;
        it(`${admitted ? 'admits' : 'refuses (403)'} a ${role}`, async () => {
          const res = await knock(who, name);
          expect(res.status).not.toBe(401);
          if (admitted) {
            // Past the door: whatever refuses this request now is its content, not the role.
            if (res.status === 403) expect(errorBody.parse(res.json).error.message).not.toMatch(/may not do this/);
            return;
          }
          expect(res.status).toBe(403);
          expect(errorBody.parse(res.json).error).toEqual({ code: 'forbidden', message: refusal.reason });
        });
      }
    });
  }
});

describe('the session answers the permissions of its role', () => {
  for (const who of Object.keys(staff) as Who[]) {
    it(`for a ${staff[who]}, on sign-in and after`, async () => {
      const signedIn = await h.app.request('/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `${who}@demo.test`, password: 'demo-password' }),
      });
      expect(signedIn.status).toBe(endpoints.signIn.status);
      expect(session.parse(await signedIn.json()).permissions).toEqual(permissionsOf(staff[who]));
      const current = await h.call(who, 'GET', '/api/session');
      expect(session.parse(current.json).permissions).toEqual(permissionsOf(staff[who]));
    });
  }
  it('differ between roles: an auditor reads what an officer writes', () => {
    expect(permissionsOf('auditor')).toContain('deletions.read');
    expect(permissionsOf('auditor')).not.toContain('deletions.write');
    expect(permissionsOf('support_agent')).not.toContain('deletions.read');
    expect(permissionsOf('privacy_officer')).toContain('deletions.write');
  });
});
