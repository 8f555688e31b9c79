import { configure, render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter } from 'react-router';
import { onTestFinished, vi } from 'vitest';
import { makeHarness, memoryStore } from '@/testing/harness';
import { seedUsers } from '@/demo/seed';
import { demoPassword } from '@/demo/seed-data';
import { callApi } from '@/lib/api-client';
import { createSessionTransport, setSessionTransport } from '@/lib/session-transport';
import { ConsoleApp, createConsole } from '@/app/create-console';
import type { Session } from '@/api/contract/users';

// The whole console with the real API renders slower than a unit, more so with test files in parallel.
configure({ asyncUtilTimeout: 5000 });

export type DemoUser = 'officer' | 'officer2' | 'support' | 'auditor';

type RenderOptions = {
  /** Signed in as this demo user before the first render; nobody when left out. */
  as?: DemoUser;
  demo?: boolean;
  /** Whether the API has the demo users (health says so to the sign-in page); as `demo` unless given. */
  demoUsers?: boolean;
  /** Given the signed-in session, the one the console is to wait for (createConsole's `pendingSession`). */
  pendingSession?: (session: Session | undefined) => Promise<Session | undefined>;
  /** Each request the console sends from its creation on, as `METHOD /path?query`. */
  requests?: string[];
};

/**
 * The whole console (real router, real query client with retry off) over the real API app on a fresh
 * seeded MemoryStore: fetch is answered by the app, and the session travels as the demo's bearer token.
 * `store` is that store, for a state no endpoint can make (a record as an older version left it).
 */
export async function renderConsole(path: string, { as, demo = false, demoUsers = demo, pendingSession, requests }: RenderOptions = {}) {
  const seeded = seedUsers.map(({ email, name, role }) => ({ email, name, role }));
  const harness = await makeHarness(memoryStore, 'demo', demoUsers ? { demoUsers: { users: seeded, password: demoPassword } } : {});
  const { store } = harness;
  // The browser's clock is the API's: the page formats deadlines and countdowns against it, and a page
  // that reads today's date while the API lives on its fixed anchor sees every seeded deadline as past.
  // Only Date is faked; timers stay real, so waits, debounces and the query cache run as in a browser.
  vi.useFakeTimers({ now: harness.clock.now, toFake: ['Date'] });
  onTestFinished(() => {
    vi.useRealTimers();
  });
  const demoResets: Request[] = [];
  let recording = false;
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    // jsdom's AbortSignal is not the one Node's Request accepts; the app answers at once anyway.
    const { signal: _signal, body, ...rest } = init ?? {};
    const url = input instanceof Request ? input.url : new URL(String(input), 'http://localhost');
    // Nor is jsdom's File a body Node's Request can read (it would send "[object File]"): send its bytes.
    const bytes = body instanceof Blob ? new Uint8Array(await body.arrayBuffer()) : body;
    const request = new Request(url, { ...rest, body: bytes });
    if (recording) requests?.push(`${request.method} ${new URL(request.url).pathname}${new URL(request.url).search}`);
    // In the page the demo worker answers this one, not the API app.
    if (new URL(request.url).pathname === '/api/demo/reset') {
      demoResets.push(request);
      return new Response(null, { status: 204 });
    }
    return harness.app.fetch(request);
  });

  sessionStorage.clear();
  const transport = createSessionTransport('demo', sessionStorage);
  setSessionTransport(transport);
  const signedIn = as ? await callApi('signIn', { body: { email: `${as}@demo.test`, password: demoPassword } }) : undefined;
  if (signedIn) transport.keep(signedIn);
  recording = true;

  const { queryClient, router } = createConsole({
    demo,
    createRouter: (routes) => createMemoryRouter(routes, { initialEntries: [path] }),
    configure: (client) => client.setDefaultOptions({ queries: { ...client.getDefaultOptions().queries, retry: false } }),
    pendingSession: pendingSession?.(signedIn),
  });
  const user = userEvent.setup();
  const view = render(<ConsoleApp queryClient={queryClient} router={router} />);
  return { ...view, user, router, queryClient, harness, store, transport, demoResets };
}
