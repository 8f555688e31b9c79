import { createApp } from '@/api/app';
import type { PasswordHasher } from '@/api/deps';
import type { Store } from '@/api/store/store';
import { generateSeed } from '@/demo/seed';
import type { SeedData } from '@/demo/seed-data';
import { demoPassword } from '@/demo/seed-data';
import { loadSeedThroughStore } from '@/demo/load-seed';
import { sha256Hex } from '@/api/services/crypto';

/** Fast and deterministic: tests need a hasher, not a slow one. */
export const testPasswords: PasswordHasher = {
  hash: async (p) => `test$${await sha256Hex(p)}`,
  verify: async (p, h) => h === `test$${await sha256Hex(p)}`,
};

export const TEST_KEY = btoa(String.fromCharCode(...new Uint8Array(32).map((_, i) => i + 1)));
export const ANCHOR = new Date('2026-11-29T10:00:00.000Z');

export type StoreFactory = () => Promise<{ store: Store; cleanup(): Promise<void> }>;

/** A small seed, generated once per process: enough rows to page through, quick to load. */
let seedPromise: Promise<SeedData> | null = null;
export function smallSeed(): Promise<SeedData> {
  seedPromise ??= generateSeed({ now: ANCHOR, accounts: 40, consentEvents: 400, supportAccessRequests: 16, deletionRequests: 20 });
  return seedPromise;
}

export type Harness = Awaited<ReturnType<typeof makeHarness>>;

/** The real app over a seeded store, with a clock the test moves and helpers to call it as a role. */
export async function makeHarness(store: Store, mode: 'demo' | 'server' = 'demo') {
  const seed = await smallSeed();
  await loadSeedThroughStore(store, seed, testPasswords);
  const clock = { now: new Date(ANCHOR) };
  const app = createApp({ store, mode, passwords: testPasswords, credentialsKey: TEST_KEY, now: () => clock.now });
  const tokens = new Map<string, string>();

  async function signInAs(email: string): Promise<string> {
    const res = await app.request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: demoPassword }),
    });
    if (res.status !== 201) throw new Error(`sign-in as ${email} answered ${res.status}`);
    if (mode === 'server') {
      const cookie = res.headers.get('set-cookie') ?? '';
      return /pc_session=([^;]+)/.exec(cookie)?.[1] ?? '';
    }
    const body = (await res.json()) as { token: string };
    return body.token;
  }

  type Who = 'officer' | 'officer2' | 'support' | 'auditor' | 'nobody';
  async function call(
    who: Who,
    method: string,
    path: string,
    opts: { body?: unknown; version?: number | string; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (who !== 'nobody') {
      const email = `${who}@demo.test`;
      let token = tokens.get(email);
      if (!token) {
        token = await signInAs(email);
        tokens.set(email, token);
      }
      if (mode === 'server') headers.cookie = `pc_session=${token}`;
      else headers.authorization = `Bearer ${token}`;
    }
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    if (opts.version !== undefined) headers['if-match'] = typeof opts.version === 'number' ? `"${opts.version}"` : opts.version;
    const res = await app.request(path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
    const text = await res.text();
    const json: unknown = text ? JSON.parse(text) : null;
    return { status: res.status, json: json as any, headers: res.headers }; // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  /** Drop the sessions the helpers hold, e.g. after moving the clock past their expiry. */
  const forgetSessions = () => tokens.clear();

  return { app, seed, clock, call, signInAs, store, forgetSessions };
}
