import { http } from 'msw';
import { setupWorker } from 'msw/browser';
import type { ApiConnection } from './api-connection';

/**
 * msw's worker unregisters itself when its last tab closes; a page that opens meanwhile still sees the old
 * registration, and msw's unawaited `registration.update()` on it rejects ("Failed to update a
 * ServiceWorker ... Not found") as an unhandled error. Updating it here first, and dropping it when the
 * update fails, lets msw register a fresh worker instead.
 */
async function dropVanishedWorker(workerUrl: string): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const script = new URL(workerUrl, location.href).href;
  const registrations = await navigator.serviceWorker.getRegistrations();
  for (const registration of registrations) {
    const worker = registration.active ?? registration.waiting ?? registration.installing;
    if (worker?.scriptURL !== script) continue;
    try {
      await registration.update();
    } catch {
      await registration.unregister().catch(() => false);
    }
  }
}

/** Is msw's worker registered for this origin (whether or not it controls this page)? */
async function workerRegistered(workerUrl: string): Promise<boolean> {
  const script = new URL(workerUrl, location.href).href;
  const registrations = await navigator.serviceWorker.getRegistrations();
  return registrations.some((r) => (r.active ?? r.waiting ?? r.installing)?.scriptURL === script);
}

/**
 * msw's service worker, for what the browser itself asks of /api: a link opened or followed
 * (`<a href="/api/…">`), and fetches made outside the API client (downloads). Each goes to the same API
 * worker as the console's own calls. Resolves true once the service worker answers for this page.
 *
 * Resolves false, without starting msw, on a page the worker is registered for but does not control: one
 * opened while the worker was still installing (a navigation just after the first page registered it), or by
 * a hard reload. msw reloads such a page to take it over, and the reload threw away what was on it (an e2e
 * test's script, a form being typed into). That page's fetches of /api go to the API worker directly
 * (start-worker.ts `holdApiFetches`); the next page opened is the worker's.
 */
export async function registerMsw(api: ApiConnection, workerUrl: string): Promise<boolean> {
  await dropVanishedWorker(workerUrl);
  if ('serviceWorker' in navigator && !navigator.serviceWorker.controller && (await workerRegistered(workerUrl))) return false;
  const worker = setupWorker(http.all('/api/*', ({ request }) => api.answer(request)));
  await worker.start({
    onUnhandledRequest: 'bypass',
    quiet: true,
    serviceWorker: { url: workerUrl },
  });
  return true;
}
