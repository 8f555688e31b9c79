// @vitest-environment jsdom
import { startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import type { DataRouter } from 'react-router';
import { createMemoryRouter, Outlet, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { catchUpOnSubscribe } from './router-subscription';

/** Busy for `ms`: after a render that long, React rendering in a transition yields to the event loop. */
function busy(ms: number) {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    /* rendering */
  }
}

/**
 * The console's router as src/app/start-console.tsx has it when React first renders: its first page is lazy,
 * and something has subscribed already (`firstNavigationDone`), so the router does not keep its first change
 * for RouterProvider (it does when no one listens). The first render holds slow components, the first of which
 * lets the page's code arrive: React yields after each, and the router finishes its first navigation between
 * RouterProvider's render and the layout effect in which it subscribes.
 */
function racingRouter(wrap: (router: DataRouter) => DataRouter) {
  let arrive = () => undefined as void;
  const code = new Promise<void>((resolve) => (arrive = resolve));
  function Slow({ first = false }: { first?: boolean }) {
    if (first) arrive();
    busy(30);
    return null;
  }
  const router = wrap(
    createMemoryRouter(
      [
        {
          id: 'root',
          element: <Outlet />,
          HydrateFallback: () => (
            <>
              <Slow first />
              <Slow />
              <Slow />
              <p>Loading the console…</p>
            </>
          ),
          children: [
            {
              path: 'sign-in',
              lazy: async () => {
                await code;
                return { Component: () => <h1>Sign in</h1> };
              },
            },
          ],
        },
      ],
      { initialEntries: ['/sign-in'] },
    ),
  );
  router.subscribe(() => undefined);
  return router;
}

/** What `container` shows once React and the router have been left alone for `ms`. */
async function shownAfter(container: HTMLElement, ms: number): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  return container.textContent ?? '';
}

describe("the console's first render in a transition", () => {
  // As in the browser: React schedules its work itself, rather than under act() (which renders at once).
  const scope = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
  let before: boolean | undefined;
  beforeEach(() => {
    before = scope.IS_REACT_ACT_ENVIRONMENT;
    scope.IS_REACT_ACT_ENVIRONMENT = false;
  });
  afterEach(() => {
    scope.IS_REACT_ACT_ENVIRONMENT = before;
  });

  async function firstPageShown(wrap: (router: DataRouter) => DataRouter): Promise<string> {
    const container = document.body.appendChild(document.createElement('div'));
    const root = createRoot(container);
    const router = racingRouter(wrap);
    startTransition(() => root.render(<RouterProvider router={router} />));
    const shown = await shownAfter(container, 500);
    root.unmount();
    container.remove();
    router.dispose();
    return shown;
  }

  it('shows the page once its code has arrived, even when it arrives while React is rendering', async () => {
    expect(await firstPageShown(catchUpOnSubscribe)).toBe('Sign in');
  });

  it('is needed: without it the router’s first change reaches no one, and the console stays on its loading screen', async () => {
    expect(await firstPageShown((router) => router)).toBe('Loading the console…');
  });
});
