import type { Health } from '@/api/contract/endpoints';
import type { Session, SignIn } from '@/api/contract/users';
import { callApi } from './api-client';
import { getSessionTransport } from './session-transport';

/** Signs in and keeps the session for the next requests. No query client here: the sign-in page paints without one. */
export async function requestSignIn(credentials: SignIn): Promise<Session> {
  const session = await callApi('signIn', { body: credentials });
  getSessionTransport().keep(session);
  return session;
}

/** The demo users the sign-in page lists (health's `demo`), or null where there are none. */
export type DemoUsers = Health['demo'];

/** Single sign-on as the sign-in page offers it (health's `sso`), or null where the server has none. */
export type SsoOffer = Health['sso'];
