import { StrictMode } from 'react';
import type { Root } from 'react-dom/client';
import { createRoot, hydrateRoot } from 'react-dom/client';
import type { Session } from './api/contract/users';
import { safeNext } from './api/rules/safe-next';
import { ZONE_COOKIE } from './lib/zone-cookie';
import { SERVER_RENDERED } from './lib/server-rendered';
// Applies the stored theme before the first paint.
import './app/theme';
import './index.css';

/**
 * The entry holds React and nothing else: the sign-in screen and the console (router, query client, routes)
 * are chunks of their own, which the server names as modulepreload hints for the page asked for.
 */
async function openConsole(
  into: Root | HTMLElement,
  signedIn?: { session: Session; next: string },
  pendingSession?: Promise<Session | undefined>,
): Promise<void> {
  const { startConsole } = await import('./app/start-console');
  // A session that must set two-factor up first goes to its Security page.
  if (signedIn) window.history.replaceState(null, '', signedIn.session.mfaSetupRequired ? '/security' : signedIn.next);
  startConsole(into, signedIn?.session, pendingSession);
}

/**
 * Tells the server the reader's time zone, so the pages it draws show instants in it and hydrate unchanged
 * (server/page-answers.ts reads it). A page drawn before the zone was known, or after it changed, differs
 * from the browser's drawing, and React draws it again; the next one matches.
 */
function rememberTimeZone(): void {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const secure = window.location.protocol === 'https:' ? '; Secure' : '';
  document.cookie = `${ZONE_COOKIE}=${encodeURIComponent(zone)}; Path=/; Max-Age=31536000; SameSite=Lax${secure}`;
}

async function start() {
  // When the page is idle: the first Intl object loads the runtime's locale data, which the sign-in page
  // has no other use for before its first paint.
  if ('requestIdleCallback' in window) requestIdleCallback(rememberTimeZone, { timeout: 2000 });
  else setTimeout(rememberTimeZone, 500);
  let pendingSession: Promise<Session | undefined> | undefined;
  if (__DEMO__) {
    // The demo answers /api inside the page, in a worker src/demo-main.ts has started already. A dynamic import
    // keeps msw and the in-page API out of the production bundle. The console starts without waiting for the
    // visitor's session: its page's code and first requests are under way while the worker makes its data.
    void import('./app/start-console');
    const api = (await import('./demo/start-worker')).startDemo();
    pendingSession = (await import('./demo/boot-session')).demoSession(api);
  }
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root element');
  // A visit that starts at sign-in (the demo build loads the whole API anyway, so it opens the console).
  if (!__DEMO__ && window.location.pathname === '/sign-in') {
    const { SignInScreen, browserSignInScreenData } = await import('./app/sign-in-screen');
    const data = browserSignInScreenData();
    const next = safeNext(data.next);
    let root: Root | undefined;
    const screen = (
      <StrictMode>
        <SignInScreen data={data} onSignedIn={(session) => openConsole(root!, { session, next })} />
      </StrictMode>
    );
    // The server drew the screen into the page (server/sign-in-render.ts): React takes that markup over.
    if (container.hasAttribute(SERVER_RENDERED)) {
      root = hydrateRoot(container, screen);
    } else {
      root = createRoot(container);
      root.render(screen);
    }
    return;
  }
  // A console page the server drew (server/page-routes.ts) is taken over where it stands.
  await openConsole(container.hasAttribute(SERVER_RENDERED) ? container : createRoot(container), undefined, pendingSession);
}

void start();
