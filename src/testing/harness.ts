import { createApp } from '@/api/app';
import type { CallArgs, EndpointResponse } from '@/api/contract/calls';
import { fillPath, toQueryString } from '@/api/contract/calls';
import type { ErrorBody } from '@/api/contract/common';
import { errorBody } from '@/api/contract/common';
import type { EndpointName } from '@/api/contract/endpoints';
import { endpoints } from '@/api/contract/endpoints';
import type { AppDeps, PasswordHasher } from '@/api/deps';
import { MemoryJobQueue } from '@/api/jobs/memory-queue';
import type { JobQueue } from '@/api/jobs/queue';
import type { MailMessage, Mailer } from '@/api/mail/mailer';
import { runSweeps, startJobs } from '@/api/jobs/registry';
import { makeCtx } from '@/api/services/context';
import { DEFAULT_IDLE_MINUTES, SESSION_HOURS } from '@/api/services/session';
import { MemoryStore } from '@/api/store/memory/memory-store';
import { sha256Hex } from '@/api/services/crypto';
import type { Store } from '@/api/store/store';
import { loadSeedThroughStore } from '@/demo/load-seed';
import { generateSeed } from '@/demo/seed';
import type { SeedData } from '@/demo/seed-data';
import { demoPassword } from '@/demo/seed-data';
import { createDemoSandboxes } from '@/demo/sandboxes/demo-sandboxes';

/** Fast and deterministic: tests need a hasher, not a slow one. */
export const testPasswords: PasswordHasher = {
  hash: async (p) => `test$${await sha256Hex(p)}`,
  verify: async (p, h) => h === `test$${await sha256Hex(p)}`,
};

export const TEST_KEY = btoa(String.fromCharCode(...new Uint8Array(32).map((_, i) => i + 1)));
export const ANCHOR = new Date('2026-11-29T10:00:00.000Z');

/** A test's job queue, and how to let time pass on it (pg-boss compares start times with the database's clock). */
export type TestJobs = { queue: JobQueue; advance?(seconds: number): Promise<void> };
export type MadeStore = { store: Store; jobs?: TestJobs; cleanup(): Promise<void> };
/** Makes a fresh store; `now` is the clock its job queue reads (the harness's, which tests move). */
export type StoreFactory = (options?: { now?: () => Date }) => Promise<MadeStore>;

/** A MemoryStore with the in-page job queue, run only when a test says so (`runJobs`). */
export const memoryStore: StoreFactory = async (options = {}) => {
  const queue = new MemoryJobQueue({ now: options.now });
  return { store: new MemoryStore({ jobs: queue }), jobs: { queue }, cleanup: async () => undefined };
};

/** A small seed, generated once per process: enough rows to page through, quick to load. */
let seedPromise: Promise<SeedData> | null = null;
export function smallSeed(): Promise<SeedData> {
  seedPromise ??= generateSeed({ now: ANCHOR, accounts: 40, consentEvents: 400, supportAccessRequests: 16, deletionRequests: 20 });
  return seedPromise;
}

/** Who calls: a demo user of each role (signed in on first use), or nobody. */
export type Who = 'officer' | 'officer2' | 'support' | 'auditor' | 'nobody';

/**
 * The answer of a typed call: the body parsed by the endpoint's response schema when it succeeded, the
 * API's error when it refused. `status` is there either way.
 */
export type Answer<N extends EndpointName> =
  | { ok: true; status: number; headers: Headers; body: EndpointResponse<N> }
  | { ok: false; status: number; headers: Headers; error: ErrorBody['error'] };

export type Harness = Awaited<ReturnType<typeof makeHarness>>;

/** The real app over a seeded store, with a clock the test moves and helpers to call it as a role. */
/**
 * A mailer that keeps what it is handed, as a mail server would accept it: `refuse` makes the next
 * deliveries throw (a mail server down), so tests see retries.
 */
export function captureMailer(): Mailer & { delivered: MailMessage[]; refuse: number } {
  const mailer = {
    kind: 'smtp' as const,
    delivered: [] as MailMessage[],
    refuse: 0,
    async deliver(message: MailMessage) {
      if (mailer.refuse > 0) {
        mailer.refuse--;
        throw new Error('421 Service not available');
      }
      mailer.delivered.push(message);
      return { messageId: `<${message.id}@test>`, accepted: true, response: '250 OK' };
    },
  };
  return mailer;
}

export async function makeHarness(from: Store | StoreFactory, mode: 'demo' | 'server' = 'demo', overrides: Partial<AppDeps> = {}) {
  const clock = { now: new Date(ANCHOR) };
  /** The sessions the helpers hold: when each was signed in and last used, by the app's clock. */
  const tokens = new Map<string, { token: string; signedInAt: number; usedAt: number }>();

  const made: MadeStore =
    typeof from === 'function' ? await from({ now: () => clock.now }) : { store: from, cleanup: async () => undefined };
  const { store, jobs } = made;
  const generatedSeed = await smallSeed();
  // What the store holds: the seed with its completed deletions' people erased.
  const seed = await loadSeedThroughStore(store, generatedSeed, testPasswords, TEST_KEY);
  // The seed's connectors point at the vendors' sandboxes: the harness answers them in-process, as the demo does.
  const sandboxes = createDemoSandboxes({ people: seed.subjects, now: () => clock.now });
  const mailer = overrides.mailer ?? captureMailer();
  const deps: AppDeps = {
    store,
    mode,
    passwords: testPasswords,
    credentialsKey: TEST_KEY,
    connectorFetch: sandboxes.fetch,
    now: () => clock.now,
    mailer,
    ...(jobs ? { jobs: jobs.queue } : {}),
    // What the Node server reads from the socket, here from the env a test passes to app.request (`address`).
    clientAddress: (_request, env) => (env as { address?: string } | undefined)?.address ?? null,
    ...overrides,
  };
  const app = createApp(deps);
  if (jobs) {
    await jobs.queue.start();
    await startJobs(jobs.queue, deps);
  }

  /** Runs the sweeps and every job due by the clock, as the queue's workers would by now. */
  async function runJobs(): Promise<number> {
    await runSweeps(makeCtx(deps));
    return jobs ? jobs.queue.runDue() : 0;
  }

  /** Moves the clock (and the queue's waiting jobs) `seconds` on, then runs what has become due. */
  async function advance(seconds: number): Promise<number> {
    clock.now = new Date(clock.now.getTime() + seconds * 1000);
    await jobs?.advance?.(seconds);
    return runJobs();
  }

  /** Stops the job queue and drops the store (the harness's own, when it made it). */
  async function close(): Promise<void> {
    await jobs?.queue.stop();
    await made.cleanup();
  }
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

  /** The headers that carry `who`'s session in this mode (a cookie on the server, a bearer token in the demo). */
  async function authHeaders(who: Who): Promise<Record<string, string>> {
    if (who === 'nobody') return {};
    const email = `${who}@demo.test`;
    const now = clock.now.getTime();
    const idleMs = (overrides.sessionIdleMinutes ?? DEFAULT_IDLE_MINUTES) * 60_000;
    let held = tokens.get(email);
    // A session the clock has moved past (idle, allowing for last-seen being written once a minute, or past
    // its lifetime) has ended: sign in again, as a person would.
    if (held && (now - held.usedAt >= idleMs - 60_000 || now - held.signedInAt >= SESSION_HOURS * 3_600_000)) {
      held = undefined;
    }
    if (!held) {
      held = { token: await signInAs(email), signedInAt: now, usedAt: now };
      tokens.set(email, held);
    }
    held.usedAt = Math.max(held.usedAt, now);
    return mode === 'server' ? { cookie: `pc_session=${held.token}` } : { authorization: `Bearer ${held.token}` };
  }

  /**
   * A raw request, for what the contract does not describe: hostile or malformed input, unknown paths,
   * odd versions. `version` goes out as If-Match (a number quoted, a string as given).
   */
  async function call(
    who: Who,
    method: string,
    path: string,
    opts: { body?: unknown; version?: number | string; headers?: Record<string, string>; address?: string } = {},
  ) {
    const headers: Record<string, string> = { ...(await authHeaders(who)), ...(opts.headers ?? {}) };
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    if (opts.version !== undefined) headers['if-match'] = typeof opts.version === 'number' ? `"${opts.version}"` : opts.version;
    const res = await app.request(
      path,
      { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) },
      opts.address === undefined ? undefined : { address: opts.address },
    );
    const text = await res.text();
    // A download (CSV) is not JSON: its body is in `text`.
    const json: unknown = text && !(res.headers.get('content-type') ?? '').startsWith('text/') ? JSON.parse(text) : null;
    // `any` for the console tests (src/app/tests) that read raw answers; typed tests use `api`.
    return { status: res.status, json: json as any, text, headers: res.headers }; // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  /**
   * Calls one endpoint of the contract's table by name, typed as the app's client is (api/contract/calls):
   * the answer's body is parsed by the endpoint's response schema, so a test reads typed fields and a
   * response that drifts from the contract fails the test.
   */
  async function api<N extends EndpointName>(who: Who, name: N, ...[options]: CallArgs<N>): Promise<Answer<N>> {
    const endpoint = endpoints[name];
    const opts: { params?: Record<string, string>; query?: object; body?: unknown; version?: number } = options ?? {};
    const path = `${fillPath(endpoint.path, opts.params)}${toQueryString(opts.query ? Object.fromEntries(Object.entries(opts.query)) : undefined)}`;
    const res = await call(who, endpoint.method, path, { body: opts.body, version: opts.version });
    if (res.status >= 400) return { ok: false, status: res.status, headers: res.headers, error: errorBody.parse(res.json).error };
    const schema = endpoint.response;
    // The schema of endpoint N parsed the body; TypeScript cannot tie the union of responses back to N.
    const body = (schema === null ? undefined : schema.parse(res.json)) as EndpointResponse<N>;
    return { ok: true, status: res.status, headers: res.headers, body };
  }

  /** `api`, for a call that must succeed: answers the typed body, or throws naming the status and the API's message. */
  async function ok<N extends EndpointName>(who: Who, name: N, ...args: CallArgs<N>): Promise<EndpointResponse<N>> {
    const answer = await api(who, name, ...args);
    if (!answer.ok) throw new Error(`${name} as ${who} answered ${answer.status}: ${answer.error.message}`);
    return answer.body;
  }

  /** Drop the sessions the helpers hold, e.g. after moving the clock past their expiry. */
  const forgetSessions = () => tokens.clear();

  return {
    app,
    deps,
    seed,
    generatedSeed,
    clock,
    api,
    ok,
    call,
    authHeaders,
    signInAs,
    store,
    sandboxes: sandboxes.sandboxes,
    jobs: jobs?.queue,
    mailer,
    runJobs,
    advance,
    close,
    forgetSessions,
  };
}
