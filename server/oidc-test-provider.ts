import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { TEST_CLIENT } from './oidc-test-client';

/** An account at the test provider: what it tells about the person. */
export type TestIdentity = { email: string; emailVerified: boolean; name: string };

export const CONSOLE_ORIGIN = 'http://console.test';

/** Where the provider listens and which console it serves: a random port and `CONSOLE_ORIGIN` unless told. */
type ProviderOptions = { port?: number; consoleOrigin?: string };

/**
 * A real OpenID provider (the certified `oidc-provider`) on a local port, for tests only (the vitest flow
 * and the browser's in e2e/sso-provider.ts): its accounts are `identities`, its one client is the console,
 * and consent is granted on login.
 */
export async function startTestProvider(identities: Record<string, TestIdentity>, options: ProviderOptions = {}) {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT.id,
        client_secret: TEST_CLIENT.secret,
        redirect_uris: [`${options.consoleOrigin ?? CONSOLE_ORIGIN}/api/sso/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    pkce: { required: () => true },
    cookies: { keys: ['test-provider-cookie-key'] },
    findAccount: (_ctx, id) => {
      const identity = identities[id];
      if (!identity) return undefined;
      return {
        accountId: id,
        claims: () => ({ sub: id, email: identity.email, email_verified: identity.emailVerified, name: identity.name }),
      };
    },
    // Consent is the console's business here: the provider grants what the console asks on login.
    loadExistingGrant: async (ctx) => {
      const accountId = ctx.oidc.session?.accountId;
      const clientId = ctx.oidc.client?.clientId;
      if (!accountId || !clientId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId, accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  const handle = provider.callback();
  server.on('request', (req, res) => {
    void handle(req, res);
  });
  return {
    issuer,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Cookies as a browser keeps them, by name only (enough for one provider and one console). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (!value || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
}

/**
 * Plays the browser at the provider: from its authorization URL through its login form (as `login`) to the
 * redirect back to the console, whose URL (with the code and state) it answers.
 */
export async function signInAtProvider(authorizationUrl: string, login: string): Promise<string> {
  const jar = new CookieJar();
  let url = authorizationUrl;
  let body: URLSearchParams | undefined;
  for (let hop = 0; hop < 20; hop++) {
    const res = await fetch(url, {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: jar.header(), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body,
    });
    jar.take(res);
    body = undefined;
    const location = res.headers.get('location');
    if (location) {
      const next = new URL(location, url).href;
      if (next.startsWith(CONSOLE_ORIGIN)) return next;
      url = next;
      continue;
    }
    const html = await res.text();
    if (res.status !== 200) throw new Error(`The provider answered ${res.status} at ${url}: ${html.slice(0, 300)}`);
    const action = /action="([^"]+)"/.exec(html)?.[1];
    if (action) url = new URL(action.replace(/&amp;/g, '&'), url).href;
    if (html.includes('name="prompt" value="login"')) body = new URLSearchParams({ prompt: 'login', login, password: 'any' });
    else if (html.includes('name="prompt" value="consent"')) body = new URLSearchParams({ prompt: 'consent' });
    else throw new Error(`The provider showed a page the test does not know at ${url}`);
  }
  throw new Error('The provider never sent the browser back to the console');
}
