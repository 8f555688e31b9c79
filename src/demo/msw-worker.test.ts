// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiConnection } from './api-connection';

const started = vi.fn(async () => undefined);
vi.mock('msw/browser', () => ({ setupWorker: () => ({ start: started }) }));
const { registerMsw } = await import('./msw-worker');

const WORKER = '/mockServiceWorker.js';
const api = { answer: async () => new Response(null) } as unknown as ApiConnection;

/** The browser's service workers as a page sees them: who controls it, and what is registered. */
function serviceWorkers({ controlled, registered }: { controlled: boolean; registered: boolean }) {
  const registration = { active: { scriptURL: new URL(WORKER, location.href).href }, update: async () => undefined };
  vi.stubGlobal('navigator', {
    ...navigator,
    serviceWorker: {
      controller: controlled ? registration.active : null,
      getRegistrations: async () => (registered ? [registration] : []),
    },
  });
}

describe('msw on a page', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    started.mockClear();
  });

  it('is not started where the worker is registered but does not control the page (msw would reload it)', async () => {
    serviceWorkers({ controlled: false, registered: true });
    expect(await registerMsw(api, WORKER)).toBe(false);
    expect(started).not.toHaveBeenCalled();
  });

  it('is started on a page the worker controls, and on a first visit (nothing registered yet)', async () => {
    serviceWorkers({ controlled: true, registered: true });
    expect(await registerMsw(api, WORKER)).toBe(true);
    serviceWorkers({ controlled: false, registered: false });
    expect(await registerMsw(api, WORKER)).toBe(true);
    expect(started).toHaveBeenCalledTimes(2);
  });
});
