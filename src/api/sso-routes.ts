import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { SsoRefusal } from './contract/sso-refusals';
import { safeNext } from './rules/safe-next';
import type { AppDeps, AppLogger, SsoClient, SsoPending } from './deps';
import { SsoError } from './deps';
import { makeCtx } from './services/context';
import { decryptSecret, encryptSecret } from './services/crypto';
import type { Client } from './services/session';
import { ssoRefused, ssoSignIn } from './services/session';

/**
 * Single sign-on's two browser stops (not JSON, so outside the endpoint table; both public): the start
 * sends the browser to the identity provider, the callback receives it back with a code.
 */
export const SSO_START = '/api/sso/start';
const SSO_CALLBACK = '/api/sso/callback';
const SSO_COOKIE = 'pc_sso';
const PENDING_MINUTES = 10;
const PENDING_AAD = 'sso-pending v1';

// `next`: the console page the browser asked for before signing in (a deep link), opened after the callback.
const pendingCookie = z.object({ state: z.string(), nonce: z.string(), codeVerifier: z.string(), expiresAt: z.number(), next: z.string() });

type Helpers = { originOf: (c: Context) => string; setSessionCookie: (c: Context, token: string) => void; log: AppLogger };

/**
 * State, nonce and PKCE verifier travel in a cookie encrypted and authenticated with the server key
 * (AES-GCM), for 10 minutes, on the sign-in's paths only: any instance can finish a sign-in another started,
 * and nothing is kept in memory. SameSite=Lax, since the provider sends the browser back from its own site.
 */
export function mountSso(app: Hono, deps: AppDeps, sso: SsoClient, { originOf, setSessionCookie, log }: Helpers): void {
  const secure = deps.secureCookies ?? false;
  const redirectUri = (c: Context) => `${deps.publicUrl ?? new URL(c.req.url).origin}${SSO_CALLBACK}`;
  const clientOf = (c: Context): Client => ({ address: originOf(c), userAgent: c.req.header('user-agent') ?? null });

  app.get(SSO_START, async (c) => {
    const ctx = makeCtx(deps);
    let started: Awaited<ReturnType<SsoClient['start']>>;
    try {
      started = await sso.start(redirectUri(c));
    } catch (error) {
      if (!(error instanceof SsoError)) throw error;
      log.warn({ reason: error.reason, detail: error.message }, 'Single sign-on could not start');
      await ssoRefused(ctx, 'provider', clientOf(c));
      return c.redirect('/sign-in?sso_error=provider', 302);
    }
    const { url, pending } = started;
    const sealed = await encryptSecret(
      deps.credentialsKey,
      JSON.stringify({ ...pending, expiresAt: ctx.now.getTime() + PENDING_MINUTES * 60_000, next: safeNext(c.req.query('next')) }),
      PENDING_AAD,
    );
    setCookie(c, SSO_COOKIE, sealed, { httpOnly: true, sameSite: 'Lax', secure, path: '/api/sso', maxAge: PENDING_MINUTES * 60 });
    return c.redirect(url, 302);
  });

  const openPending = async (sealed: string | undefined, now: Date): Promise<(SsoPending & { next: string }) | null> => {
    if (!sealed) return null;
    try {
      const parsed = pendingCookie.safeParse(JSON.parse(await decryptSecret(deps.credentialsKey, sealed, PENDING_AAD)));
      if (!parsed.success || parsed.data.expiresAt <= now.getTime()) return null;
      const { state, nonce, codeVerifier, next } = parsed.data;
      return { state, nonce, codeVerifier, next };
    } catch {
      return null;
    }
  };

  app.get(SSO_CALLBACK, async (c) => {
    const ctx = makeCtx(deps);
    const client = clientOf(c);
    const pending = await openPending(getCookie(c, SSO_COOKIE), ctx.now);
    // Used once: whatever happens next, this browser starts over for another try.
    deleteCookie(c, SSO_COOKIE, { path: '/api/sso', secure });
    const back = (reason: SsoRefusal) => c.redirect(`/sign-in?sso_error=${reason}`, 302);
    if (!pending) {
      await ssoRefused(ctx, 'state', client);
      return back('state');
    }
    const callbackUrl = new URL(redirectUri(c));
    callbackUrl.search = new URL(c.req.url).search;
    let claims;
    try {
      claims = await sso.finish(callbackUrl, pending);
    } catch (error) {
      if (!(error instanceof SsoError)) throw error;
      // The provider's own words (an error code and its description), never a claim about the person.
      log.warn({ reason: error.reason, detail: error.message }, 'Single sign-on refused');
      await ssoRefused(ctx, error.reason, client);
      return back(error.reason);
    }
    const result = await ssoSignIn(ctx, claims, client);
    if (!result.ok) return back(result.reason);
    setSessionCookie(c, result.token);
    return c.redirect(safeNext(pending.next), 302);
  });
}
