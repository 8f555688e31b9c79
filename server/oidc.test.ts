import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ssoRefusals } from '@/api/contract/sso-refusals';
import type { Harness, StoreFactory } from '@/testing/harness';
import { makeHarness, memoryStore } from '@/testing/harness';
import { createOidcClient } from './oidc';
import { TEST_CLIENT } from './oidc-test-client';
import { CONSOLE_ORIGIN, CookieJar, signInAtProvider, startTestProvider } from './oidc-test-provider';
import { makePgliteStore } from './test-support';

/**
 * Single sign-on end to end against a real OpenID provider (oidc-provider, in this process on a random
 * port): the console's start, the provider's login, the console's callback with its checks of state, nonce
 * and PKCE, on each store.
 */
const identities = {
  officer: { email: 'Officer@demo.test', emailVerified: true, name: 'Olivia at the IdP' },
  unverified: { email: 'auditor@demo.test', emailVerified: false, name: 'Not verified' },
  stranger: { email: 'stranger@example.test', emailVerified: true, name: 'Sam Stranger' },
  newcomer: { email: 'newcomer@example.test', emailVerified: true, name: 'Nia Newcomer' },
};

let provider: Awaited<ReturnType<typeof startTestProvider>>;
beforeAll(async () => {
  provider = await startTestProvider(identities);
});
afterAll(async () => {
  await provider?.close();
});

function client(createRole: 'auditor' | null = null) {
  return createOidcClient({
    issuer: provider.issuer,
    clientId: TEST_CLIENT.id,
    clientSecret: TEST_CLIENT.secret,
    name: 'Test IdP',
    createRole,
    allowHttp: true,
  });
}

for (const [name, factory] of [
  ['MemoryStore', memoryStore],
  ['PGlite', makePgliteStore],
] as [string, StoreFactory][]) {
  describe(`single sign-on on ${name}`, () => {
    let h: Harness;
    let creating: Harness;
    beforeAll(async () => {
      h = await makeHarness(factory, 'server', { sso: client(), publicUrl: CONSOLE_ORIGIN });
      creating = await makeHarness(factory, 'server', { sso: client('auditor'), publicUrl: CONSOLE_ORIGIN });
    });
    afterAll(async () => {
      await h?.close();
      await creating?.close();
    });

    /** The console's start: where it sends the browser, and the browser's cookies. */
    async function start(harness: Harness, query = '') {
      const jar = new CookieJar();
      const res = await harness.app.request(`${CONSOLE_ORIGIN}/api/sso/start${query}`);
      expect(res.status).toBe(302);
      jar.take(res);
      return { jar, location: res.headers.get('location') ?? '' };
    }
    async function callback(harness: Harness, url: string, jar: CookieJar) {
      const res = await harness.app.request(url, { headers: { cookie: jar.header() } });
      expect(res.status).toBe(302);
      jar.take(res);
      return res.headers.get('location');
    }
    const refusal = (location: string | null) => new URL(location ?? '', CONSOLE_ORIGIN).searchParams.get('sso_error');
    const events = async (harness: Harness, action: string) =>
      (await harness.ok('auditor', 'listAuditEvents', { query: { action, limit: 200 } })).items;

    it('tells the sign-in page that single sign-on is there', async () => {
      const health = await h.ok('nobody', 'health');
      expect(health.sso).toEqual({ name: 'Test IdP', startUrl: '/api/sso/start' });
    });

    it('signs the console user with the verified email in, with the role the console gives them', async () => {
      const { jar, location } = await start(h);
      const authorization = new URL(location);
      expect(authorization.origin).toBe(provider.issuer);
      expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
      expect(authorization.searchParams.get('nonce')).toBeTruthy();
      // The state, nonce and verifier travel sealed: nothing of them is readable in the cookie.
      const sealed = jar.get('pc_sso') ?? '';
      expect(sealed).not.toContain(authorization.searchParams.get('state') ?? 'none');

      const back = await signInAtProvider(location, 'officer');
      expect(await callback(h, back, jar)).toBe('/');
      const me = await h.app.request('/api/session', { headers: { cookie: `pc_session=${jar.get('pc_session')}` } });
      expect(me.status).toBe(200);
      const session = (await me.json()) as { user: { email: string; role: string; name: string } };
      expect(session.user).toMatchObject({ email: 'officer@demo.test', role: 'privacy_officer' });
      expect((await events(h, 'session.sign_in_sso')).map((e) => e.summary)).toContainEqual(
        expect.stringMatching(/signed in through Test IdP/),
      );
    });

    it('opens the page asked for before signing in, and never another site', async () => {
      const deep = await start(h, `?next=${encodeURIComponent('/audit?action=session.sign_in_sso')}`);
      expect(await callback(h, await signInAtProvider(deep.location, 'officer'), deep.jar)).toBe('/audit?action=session.sign_in_sso');
      const away = await start(h, `?next=${encodeURIComponent('//evil.example/audit')}`);
      expect(await callback(h, await signInAtProvider(away.location, 'officer'), away.jar)).toBe('/');
    });

    it('refuses a callback whose state is not the one this browser started with', async () => {
      const { jar, location } = await start(h);
      const back = new URL(await signInAtProvider(location, 'officer'));
      back.searchParams.set('state', 'someone-elses-state');
      const answer = await callback(h, back.href, jar);
      expect(refusal(answer)).toBe('state');
      expect(jar.get('pc_session')).toBeUndefined();
      expect(ssoRefusals.state).toMatch(/did not come back to the browser that started it/);
      expect((await events(h, 'session.sso_refused')).map((e) => e.summary)).toContainEqual(expect.stringMatching(/state did not match/));
    });

    it('refuses a callback without the browser’s sealed state, and one past its 10 minutes', async () => {
      const { jar, location } = await start(h);
      const back = await signInAtProvider(location, 'officer');
      expect(refusal(await callback(h, back, new CookieJar()))).toBe('state');
      const later = await start(h);
      const backLater = await signInAtProvider(later.location, 'officer');
      h.clock.now = new Date(h.clock.now.getTime() + 11 * 60_000);
      expect(refusal(await callback(h, backLater, later.jar))).toBe('state');
      expect(jar.get('pc_session')).toBeUndefined();
    });

    it('refuses a code used a second time (the provider refuses it)', async () => {
      const { jar, location } = await start(h);
      const sealed = jar.get('pc_sso') ?? '';
      const back = await signInAtProvider(location, 'officer');
      expect(await callback(h, back, jar)).toBe('/');
      // The same answer again, with the same sealed state an eavesdropper could have copied.
      const replay = new CookieJar();
      replay.take(new Response(null, { headers: { 'set-cookie': `pc_sso=${sealed}; Path=/api/sso` } }));
      expect(refusal(await callback(h, back, replay))).toBe('provider');
      expect(replay.get('pc_session')).toBeUndefined();
      expect((await events(h, 'session.sso_refused')).map((e) => e.summary)).toContainEqual(
        expect.stringMatching(/provider refused the code/),
      );
    });

    it('refuses an email the provider has not verified, even of a console user', async () => {
      const { jar, location } = await start(h);
      expect(refusal(await callback(h, await signInAtProvider(location, 'unverified'), jar))).toBe('unverified');
      expect(jar.get('pc_session')).toBeUndefined();
      expect((await events(h, 'session.sso_refused')).map((e) => e.summary)).toContainEqual(
        expect.stringMatching(/has not verified the email/),
      );
    });

    it('refuses an email no console user has, when new users are not created', async () => {
      const { jar, location } = await start(h);
      expect(refusal(await callback(h, await signInAtProvider(location, 'stranger'), jar))).toBe('unknown');
      expect(jar.get('pc_session')).toBeUndefined();
      expect((await h.ok('officer', 'listUserAccounts')).items.some((u) => u.email === 'stranger@example.test')).toBe(false);
    });

    it('with OIDC_CREATE_USERS, makes a pending user an officer confirms; only then may they sign in', async () => {
      const first = await start(creating);
      expect(refusal(await callback(creating, await signInAtProvider(first.location, 'newcomer'), first.jar))).toBe('created');
      const pending = (await creating.ok('officer', 'listUserAccounts')).items.find((u) => u.email === 'newcomer@example.test');
      expect(pending).toMatchObject({ status: 'pending', role: 'auditor', ssoOnly: true, actions: { confirm: { allowed: true } } });

      const again = await start(creating);
      expect(refusal(await callback(creating, await signInAtProvider(again.location, 'newcomer'), again.jar))).toBe('pending');
      // No password to guess either: a password sign-in is refused as any wrong one is.
      const withPassword = await creating.call('nobody', 'POST', '/api/session', {
        body: { email: 'newcomer@example.test', password: 'x' },
      });
      expect(withPassword.status).toBe(401);

      expect((await creating.api('auditor', 'confirmUser', { params: { id: pending?.id ?? '' }, body: {} })).status).toBe(403);
      const confirmed = await creating.ok('officer', 'confirmUser', { params: { id: pending?.id ?? '' }, body: {} });
      expect(confirmed).toMatchObject({ status: 'active', actions: { confirm: { allowed: false } } });
      const twice = await creating.api('officer', 'confirmUser', { params: { id: pending?.id ?? '' }, body: {} });
      expect(twice.status).toBe(409);

      const third = await start(creating);
      expect(await callback(creating, await signInAtProvider(third.location, 'newcomer'), third.jar)).toBe('/');
      expect(third.jar.get('pc_session')).toBeTruthy();
      expect((await events(creating, 'user.confirmed')).map((e) => e.summary)).toContainEqual(
        expect.stringMatching(/confirmed Nia Newcomer as auditor/),
      );
    });
  });
}

it('has no single sign-on in demo mode: health offers none and the start is not there', async () => {
  const demo = await makeHarness(memoryStore, 'demo', { sso: client(), publicUrl: CONSOLE_ORIGIN });
  try {
    expect((await demo.ok('nobody', 'health')).sso).toBeNull();
    expect((await demo.app.request('/api/sso/start')).status).toBe(404);
  } finally {
    await demo.close();
  }
});
