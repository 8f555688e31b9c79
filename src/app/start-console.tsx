import { StrictMode } from 'react';
import type { Root } from 'react-dom/client';
import { createBrowserRouter } from 'react-router';
import type { Session } from '@/api/contract/users';
import { dropBootAnswers, takeBootSession } from '@/lib/boot-data';
import { sessionCheck } from '@/lib/session-check';
import { ConsoleApp, createConsole } from './create-console';

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

/** The console (router, query client, every route): loaded by src/main.tsx for every page but the first sign-in. */
export function startConsole(root: Root, signedIn?: Session): void {
  const { queryClient, router } = createConsole({
    demo: __DEMO__,
    createRouter: (routes) => createBrowserRouter(routes),
    session: initialSession(signedIn),
  });
  // The page's first answers serve its first navigation only: later reads ask the API.
  const settled = (state: typeof router.state) => state.initialized && state.navigation.state === 'idle';
  if (settled(router.state)) dropBootAnswers();
  else {
    const unsubscribe = router.subscribe((state) => {
      if (!settled(state)) return;
      dropBootAnswers();
      unsubscribe();
    });
  }
  root.render(
    <StrictMode>
      <ConsoleApp queryClient={queryClient} router={router} />
    </StrictMode>,
  );
}
