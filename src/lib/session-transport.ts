import type { Session } from '@/api/contract/users';

/**
 * How the session travels between the console and the API. The only place that knows the demo build
 * from the server build: in the demo the API runs inside the page, where browsers drop `Set-Cookie`
 * from script-made responses, so the token from `POST /api/session` is kept in localStorage and sent
 * as a bearer token. On the real server the session is an httpOnly cookie the page never sees.
 */
export type SessionTransport = {
  readonly mode: 'demo' | 'server';
  readonly credentials: RequestCredentials;
  /** Headers that carry the session on every API request. */
  headers(): Record<string, string>;
  /** Called with the answer of a successful sign-in. */
  keep(session: Session): void;
  /** Called on sign-out, on a 401 and on a demo reset. */
  clear(): void;
};

const TOKEN_KEY = 'privacy-console.demo-session';

type TokenStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function createSessionTransport(mode: 'demo' | 'server', storage: TokenStorage | null): SessionTransport {
  if (mode === 'server') {
    return {
      mode,
      credentials: 'same-origin',
      headers: () => ({}),
      keep: () => undefined,
      clear: () => undefined,
    };
  }
  return {
    mode,
    credentials: 'same-origin',
    headers(): Record<string, string> {
      const token = storage?.getItem(TOKEN_KEY);
      return token ? { Authorization: `Bearer ${token}` } : {};
    },
    keep(session) {
      if (session.token) storage?.setItem(TOKEN_KEY, session.token);
    },
    clear() {
      storage?.removeItem(TOKEN_KEY);
    },
  };
}

/**
 * localStorage, not sessionStorage: the demo's data (sessions included) lives in IndexedDB for every tab,
 * so the token does too, as a cookie would; and Playwright's storageState keeps it between tests.
 */
function browserTokenStorage(): TokenStorage | null {
  return typeof localStorage === 'undefined' ? null : localStorage;
}

let active = createSessionTransport(__DEMO__ ? 'demo' : 'server', browserTokenStorage());

export function getSessionTransport(): SessionTransport {
  return active;
}

/**
 * Tests answer fetch with the API app in demo mode (a stubbed fetch carries no cookies), while the
 * test build has `__DEMO__` false: they swap in a demo transport here.
 */
export function setSessionTransport(transport: SessionTransport): void {
  active = transport;
}
