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

/**
 * msw's service worker, for what the browser itself asks of /api: a link opened or followed
 * (`<a href="/api/…">`), and fetches made outside the API client (downloads). Each goes to the same API
 * worker as the console's own calls. Resolves once the service worker answers for this page.
 */
export async function registerMsw(api: ApiConnection, workerUrl: string): Promise<void> {
  await dropVanishedWorker(workerUrl);
  const worker = setupWorker(http.all('/api/*', ({ request }) => api.answer(request)));
  await worker.start({
    onUnhandledRequest: 'bypass',
    quiet: true,
    serviceWorker: { url: workerUrl },
  });
}
