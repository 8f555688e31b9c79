import type { ReactNode } from 'react';
import { StrictMode, startTransition, useEffect, useLayoutEffect } from 'react';
import type { Root } from 'react-dom/client';
import { hydrateRoot } from 'react-dom/client';
import type { DataRouter } from 'react-router';
import { createBrowserRouter } from 'react-router';
import type { Session } from '@/api/contract/users';
import { dropBootAnswers, takeBootSession } from '@/lib/boot-data';
import { setDrawnAt } from '@/lib/now';
import { queriesIdle } from '@/lib/query-client';
import { SERVER_RENDERED } from '@/lib/server-rendered';
import { sessionCheck } from '@/lib/session-check';
import { ConsoleApp, createConsole } from './create-console';
import { catchUpOnSubscribe } from './router-subscription';

/**
 * The session known before any request: the one just signed in, or the one the server wrote into the page
 * (checked without zod, which the first page does not need).
 */
function initialSession(signedIn: Session | undefined): Session | undefined {
  const fromPage = takeBootSession();
  if (signedIn) return signedIn;
  const parsed = fromPage === undefined ? undefined : sessionCheck.safeParse(fromPage);
  return parsed?.success ? parsed.data : undefined;
}

/** Settles when `router` has loaded its first page: initialized, and no navigation under way. */
function firstNavigationDone(router: DataRouter): Promise<void> {
  const done = (state: typeof router.state) => state.initialized && state.navigation.state === 'idle';
  return new Promise((resolve) => {
    if (done(router.state)) return resolve();
    const unsubscribe = router.subscribe((state) => {
      if (!done(state)) return;
      unsubscribe();
      resolve();
    });
  });
}

/** Where the reader has scrolled the drawn page to, followed until React has taken it over. */
function followScroll(): () => number {
  let y = window.scrollY;
  const onScroll = () => (y = window.scrollY);
  window.addEventListener('scroll', onScroll, { passive: true });
  return () => {
    window.removeEventListener('scroll', onScroll);
    return y;
  };
}

/** Lets the server-drawn page be used once React has taken it over (server/sign-in-render.ts made it inert). */
function TakenOver({ container, scrolledTo, children }: { container: HTMLElement; scrolledTo: () => number; children: ReactNode }) {
  // The router's scroll restoration puts a first page at the top as it commits (its layout effect runs before
  // this one); a reader who scrolled the drawn page meanwhile stays where they are. The reset's own scroll event
  // comes later, so `scrolledTo` still says where the reader was.
  useLayoutEffect(() => {
    const y = scrolledTo();
    if (window.scrollY !== y) window.scrollTo(0, y);
  }, [scrolledTo]);
  useEffect(() => {
    container.removeAttribute('inert');
    performance.mark('console:interactive');
  }, [container]);
  return children;
}

/**
 * The console (router, query client, every route): loaded by src/main.tsx for every page but the first sign-in.
 * `into` is a root to render into, or the element holding a page the server drew (server/page-routes.ts):
 * that page is hydrated once the router has run its loaders over the answers the server wrote beside it, so
 * the first render has the data the server drew from.
 */
export function startConsole(into: Root | HTMLElement, signedIn?: Session, pendingSession?: Promise<Session | undefined>): void {
  const { queryClient, router } = createConsole({
    demo: __DEMO__,
    createRouter: (routes) => catchUpOnSubscribe(createBrowserRouter(routes)),
    session: initialSession(signedIn),
    pendingSession,
  });
  // The page's first answers serve its first navigation only: later reads ask the API.
  const loaded = firstNavigationDone(router);
  void loaded.then(dropBootAnswers);
  const app = <ConsoleApp queryClient={queryClient} router={router} />;
  if (!(into instanceof HTMLElement)) {
    // In slices, as the hydration below: the first page's render lets the browser run between components.
    startTransition(() => into.render(<StrictMode>{app}</StrictMode>));
    return;
  }
  // Hydration renders "now" as the instant the server drew the page at (src/lib/now.ts).
  setDrawnAt(Number(into.getAttribute(SERVER_RENDERED)) || null);
  // Once the router has run its loaders over the page's answers and no read is left (at most 3 s).
  const ready = loaded.then(() => queriesIdle(queryClient));
  const scrolledTo = followScroll();
  // In a transition, React hydrates in slices and lets the browser run between them (a page is many long
  // tasks' worth of components at 4x CPU); the page is inert until TakenOver, so nothing can be clicked meanwhile.
  void Promise.race([ready, new Promise((resolve) => setTimeout(resolve, 3000))]).then(() => {
    startTransition(() => {
      hydrateRoot(
        into,
        <StrictMode>
          <TakenOver container={into} scrolledTo={scrolledTo}>
            {app}
          </TakenOver>
        </StrictMode>,
      );
    });
  });
}
