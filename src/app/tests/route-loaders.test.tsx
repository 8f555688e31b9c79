// @vitest-environment jsdom
import { act, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderConsole } from './render-console';

/** A page's code arrives only when the test lets it: a slow network for one lazy chunk. */
const gates = vi.hoisted(() => {
  const gate = () => {
    let release: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => (release = resolve));
    return { arrived, release, requested: false };
  };
  return { processors: gate(), dashboard: gate() };
});

vi.mock('@/features/processors/routes/processors-route', async (importOriginal) => {
  gates.processors.requested = true;
  await gates.processors.arrived;
  return importOriginal();
});
vi.mock('@/features/dashboard/routes/dashboard-route', async (importOriginal) => {
  gates.dashboard.requested = true;
  await gates.dashboard.arrived;
  return importOriginal();
});

afterEach(() => vi.unstubAllGlobals());

/** Signed in on the sessions page, recording each request the API answers from now on. */
async function onSessionsPage() {
  const console = await renderConsole('/sessions', { as: 'officer' });
  await screen.findByRole('heading', { level: 1, name: 'Your sessions' });
  const requests: string[] = [];
  const answer = console.harness.app.fetch.bind(console.harness.app);
  vi.spyOn(console.harness.app, 'fetch').mockImplementation((request: Request) => {
    const url = new URL(request.url);
    requests.push(`${request.method} ${url.pathname}${url.search}`);
    return answer(request);
  });
  return { ...console, requests };
}

describe("a page's queries start at navigation, while its code is still on its way", () => {
  it('a list, with its filters from the address', async () => {
    const { router, requests } = await onSessionsPage();
    const navigation = router.navigate('/processors?status=active');
    await vi.waitFor(() => expect(requests).toContain('GET /api/processors?status=active'));
    expect(gates.processors.requested).toBe(true);
    expect(screen.queryByRole('heading', { level: 1, name: 'Processors' })).not.toBeInTheDocument();

    await act(async () => {
      gates.processors.release();
      await navigation;
    });
    await screen.findByRole('heading', { level: 1, name: 'Processors' });
    // The page reads what the loader fetched, under the same key: no second request for the list.
    expect(requests.filter((r) => r.startsWith('GET /api/processors?'))).toEqual(['GET /api/processors?status=active']);
  });

  it('the dashboard', async () => {
    const { router, requests } = await onSessionsPage();
    const navigation = router.navigate('/');
    await vi.waitFor(() => expect(requests).toContain('GET /api/dashboard'));
    expect(gates.dashboard.requested).toBe(true);
    expect(screen.queryByRole('heading', { level: 1, name: 'Dashboard' })).not.toBeInTheDocument();

    await act(async () => {
      gates.dashboard.release();
      await navigation;
    });
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });
    expect(requests.filter((r) => r.startsWith('GET /api/dashboard'))).toEqual(['GET /api/dashboard']);
  });
});
