import type { DemoApi } from './demo-api';
import { buildApi } from './demo-api';
import { memoryPersistence } from './persistence';
import type { SeedCache } from './seed-cache';
import { memorySeedCache, safeSeedCache, seedCacheKey } from './seed-cache';
import { demoPassword } from './seed-data';

const clock = { offsetMs: 0, onAdvance: () => undefined };
const started: DemoApi[] = [];

async function start(persistence = memoryPersistence(), cache: SeedCache = memorySeedCache(), fresh = false) {
  const api = await buildApi(persistence, cache, fresh, clock);
  started.push(api);
  return api;
}

async function call(api: DemoApi, method: string, path: string, token?: string, body?: unknown) {
  const response = await api.app.fetch(
    new Request(`http://demo.test${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
  return { status: response.status, json: (await response.json().catch(() => null)) as Record<string, unknown> | null };
}

async function signIn(api: DemoApi): Promise<string> {
  const answer = await call(api, 'POST', '/api/session', undefined, { email: 'officer@demo.test', password: demoPassword });
  expect(answer.status).toBe(201);
  const token = answer.json?.token;
  if (typeof token !== 'string') throw new Error('The demo answered no session token');
  return token;
}

/** What a visitor reads first: the dashboard's figures (without the instant they were counted) and the ledger's first page. */
async function firstAnswers(api: DemoApi, token: string) {
  const dashboard = await call(api, 'GET', '/api/dashboard', token);
  const ledger = await call(api, 'GET', '/api/consent-events?limit=20', token);
  expect([dashboard.status, ledger.status]).toEqual([200, 200]);
  const { asOf: _asOf, ...figures } = dashboard.json ?? {};
  return { figures, ledger: ledger.json };
}

/** The cache is written a moment after the API first answers. */
async function kept(cache: { puts: number }, puts = 1): Promise<void> {
  await vi.waitFor(() => expect(cache.puts).toBe(puts), { timeout: 5000 });
}

beforeEach(() => {
  // A small seed: the same generator and path, quicker.
  vi.stubEnv('VITE_DEMO_CONSENT_EVENTS', '1500');
});

afterEach(() => {
  for (const api of started.splice(0)) api.stop();
  vi.unstubAllEnvs();
});

describe('the demo seed cache', () => {
  it('keys the seed by the generator, the size, and the instant it was made around', () => {
    const base = { fingerprint: 'abc', consentEvents: 1500, anchor: '2026-12-01T10:00:00.000Z' };
    const key = seedCacheKey(base);
    expect(seedCacheKey({ ...base })).toBe(key);
    expect(seedCacheKey({ ...base, fingerprint: 'abd' })).not.toBe(key);
    expect(seedCacheKey({ ...base, consentEvents: 1501 })).not.toBe(key);
    expect(seedCacheKey({ ...base, consentEvents: undefined })).not.toBe(key);
    expect(seedCacheKey({ ...base, anchor: '2026-12-01T10:00:00.001Z' })).not.toBe(key);
  });

  it('generates on a first start, keeps the seed, and a reload reads it with the same answers', async () => {
    const persistence = memoryPersistence();
    const cache = memorySeedCache();
    const first = await start(persistence, cache);
    expect(first.source).toBe('generated');
    const token = await signIn(first);
    const before = await firstAnswers(first, token);
    await kept(cache);
    first.stop();

    const reloaded = await start(persistence, cache);
    expect(reloaded.source).toBe('cache');
    // The session was journaled: it lands on the cached seed as on a generated one.
    expect(await firstAnswers(reloaded, token)).toEqual(before);
    // Read, not written again.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(cache.puts).toBe(1);
  });

  it('keeps a visitor’s changes over the cached seed, and a reset starts from a fresh one', async () => {
    const persistence = memoryPersistence();
    const cache = memorySeedCache();
    const first = await start(persistence, cache);
    const token = await signIn(first);
    const setting = await call(first, 'GET', '/api/session', token);
    expect(setting.status).toBe(200);
    await kept(cache);
    first.stop();

    const reloaded = await start(persistence, cache);
    expect(reloaded.source).toBe('cache');
    expect((await call(reloaded, 'GET', '/api/session', token)).status).toBe(200);
    reloaded.stop();

    // A reset makes a new seed around a new instant: the kept one is not read, and the session is gone.
    const reset = await start(persistence, cache, true);
    expect(reset.source).toBe('generated');
    expect((await call(reset, 'GET', '/api/session', token)).status).toBe(401);
  });

  it('does not read a seed kept under another key', async () => {
    const persistence = memoryPersistence();
    const cache = memorySeedCache();
    const first = await start(persistence, cache);
    await kept(cache);
    first.stop();
    vi.stubEnv('VITE_DEMO_CONSENT_EVENTS', '1600');
    const resized = await start(persistence, cache);
    expect(resized.source).toBe('generated');
  });

  it('starts the demo from the generator when IndexedDB is missing, refuses or is full', async () => {
    const unavailable = safeSeedCache(() => Promise.reject(new DOMException('no IndexedDB', 'InvalidStateError')));
    const full = safeSeedCache(async () => ({
      get: async () => {
        throw new DOMException('read failed', 'UnknownError');
      },
      put: async () => {
        throw new DOMException('quota', 'QuotaExceededError');
      },
    }));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      for (const cache of [unavailable, full]) {
        await expect(cache.put('k', { users: [] } as never)).resolves.toBeUndefined();
        const api = await start(memoryPersistence(), cache);
        expect(api.source).toBe('generated');
        const token = await signIn(api);
        expect((await call(api, 'GET', '/api/dashboard', token)).status).toBe(200);
      }
    } finally {
      warn.mockRestore();
    }
  });

  it('treats a kept value that is not a snapshot as a miss', async () => {
    const cache = memorySeedCache();
    await cache.put('k', { users: [], accounts: 'not a list' } as never);
    expect(await cache.get('k')).toBeNull();
    expect(await cache.get('other')).toBeNull();
  });
});
