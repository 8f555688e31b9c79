import type { DataRouter } from 'react-router';

/**
 * `router`, whose `subscribe` also hands the new subscriber the router's state as it is now.
 *
 * React Router's `RouterProvider` reads the router's state as it renders and subscribes to its changes in a
 * layout effect, after the commit. Rendered in a transition (src/app/start-console.tsx), React may yield
 * between the two, and a change made meanwhile (the first page's code arriving, its loaders done) reached no
 * one: the console stayed on "Loading the console…" for good (7 of 12 loads of the demo's sign-in page on this
 * 2-core machine at 4x CPU). Handing the state over on subscribing catches that change up; when nothing
 * changed, it is the state already rendered, and React renders nothing again.
 */
export function catchUpOnSubscribe(router: DataRouter): DataRouter {
  const subscribe = router.subscribe.bind(router);
  router.subscribe = (subscriber) => {
    const unsubscribe = subscribe(subscriber);
    subscriber(router.state, { deletedFetchers: [], newErrors: null, flushSync: false, viewTransitionOpts: undefined });
    return unsubscribe;
  };
  return router;
}
