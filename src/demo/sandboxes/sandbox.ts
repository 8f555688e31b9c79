import type { ConnectorVendor } from '@/api/contract/connectors';

/**
 * A vendor's API in miniature: a fetch handler (Request in, Response out) over records in memory, answering
 * as the vendor documents (its auth, statuses, pagination, error bodies, rate-limit answers). The demo runs
 * the connectors against these inside the page; the tests serve the same handlers over a local HTTP server.
 */

/** A failure to inject: the next matching requests answer it instead of doing their work. */
export type SandboxFailure = {
  kind: 'rate_limit' | 'server_error' | 'unauthorized';
  /** How many matching requests answer this way. Defaults to 1. */
  times?: number;
  /** Which requests: any (the default), reads (GET) or writes (everything else but the token request). */
  on?: 'any' | 'read' | 'write';
  /** Matching requests to let through first (fail the second deletion: `on: 'write', after: 1`). */
  after?: number;
  /** The wait a rate-limit answer names, where the vendor documents one. Defaults to 30. */
  retryAfterSeconds?: number;
};

/** Someone the vendor holds records of. */
export type SandboxPerson = { email: string; name: string };

type SandboxCall = { method: string; path: string; status: number };

export type Sandbox = {
  vendor: ConnectorVendor;
  /** The API root its connector is configured with, like https://stripe.sandbox.test/v1. */
  baseUrl: string;
  handle(request: Request): Promise<Response>;
  fail(failure: SandboxFailure): void;
  /** The requests answered so far (paths only: no query, so no email). */
  calls(): readonly SandboxCall[];
  /** Records deleted so far. */
  deletions(): number;
  /** Whether anything of this email is still held. */
  holds(email: string): boolean;
  add(person: SandboxPerson): void;
  /**
   * From now on, searches still list deleted records, as a search index that lags behind deletions does
   * (reads by id answer as before): what a retry must not take as a reason to delete again.
   */
  lagSearches(): void;
};

export type SandboxOptions = {
  baseUrl: string;
  people?: readonly SandboxPerson[];
  /** The clock answers are dated by (the demo's moves with its test clock). */
  now?: () => Date;
  /** The credentials it accepts; the demo's published sandbox credentials by default. */
  credentials?: Readonly<Record<string, string>>;
  settings?: Readonly<Record<string, string>>;
};

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export const sameEmail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** What differs from vendor to vendor; `createSandbox` adds failures, the log and the base path. */
export type VendorRules = {
  vendor: ConnectorVendor;
  baseUrl: string;
  /** A failure's answer, in the vendor's shape. */
  failure(failure: Required<SandboxFailure>): Response;
  /** The token request, which `on: 'write'` failures leave alone. */
  isTokenRequest?(request: Request, url: URL): boolean;
  /** Answers a request; `path` is what follows the base path (`/customers/12`), null outside it. */
  route(request: Request, url: URL, path: string | null): Promise<Response>;
  /** Whether the answer was a deletion that removed something. */
  deleted(request: Request, response: Response): boolean;
  holds(email: string): boolean;
  add(person: SandboxPerson): void;
  lagSearches(): void;
};

export function createSandbox(rules: VendorRules): Sandbox {
  const basePath = new URL(rules.baseUrl).pathname.replace(/\/+$/, '');
  const pending: Required<SandboxFailure>[] = [];
  const log: SandboxCall[] = [];
  let deletions = 0;

  const matches = (failure: Required<SandboxFailure>, request: Request, url: URL) => {
    if (failure.on === 'read') return request.method === 'GET';
    if (failure.on === 'write') return request.method !== 'GET' && !rules.isTokenRequest?.(request, url);
    return true;
  };

  return {
    vendor: rules.vendor,
    baseUrl: rules.baseUrl,
    async handle(request) {
      const url = new URL(request.url);
      let response: Response | null = null;
      const failure = pending.find((f) => matches(f, request, url));
      if (failure) {
        if (failure.after > 0) {
          failure.after -= 1;
        } else {
          failure.times -= 1;
          if (failure.times <= 0) pending.splice(pending.indexOf(failure), 1);
          response = rules.failure(failure);
        }
      }
      if (!response) {
        const inside = url.pathname === basePath || url.pathname.startsWith(`${basePath}/`);
        response = await rules.route(request, url, inside ? url.pathname.slice(basePath.length) || '/' : null);
        if (rules.deleted(request, response)) deletions += 1;
      }
      log.push({ method: request.method, path: url.pathname, status: response.status });
      return response;
    },
    fail(failure) {
      pending.push({ times: 1, on: 'any', after: 0, retryAfterSeconds: 30, ...failure });
    },
    calls: () => [...log],
    deletions: () => deletions,
    holds: (email) => rules.holds(email),
    add: (person) => rules.add(person),
    lagSearches: () => rules.lagSearches(),
  };
}

/** A sandbox's deterministic ids: a prefix and a counter, the same on every run. */
export function counter(prefix: string, width = 6): () => string {
  let n = 0;
  return () => `${prefix}${String(++n).padStart(width, '0')}`;
}

/** The credentials of a Basic Authorization header, or null. */
export function basicCredentials(request: Request): { user: string; password: string } | null {
  const header = request.headers.get('authorization') ?? '';
  if (!header.startsWith('Basic ')) return null;
  try {
    const bytes = Uint8Array.from(atob(header.slice(6)), (c) => c.charCodeAt(0));
    const decoded = new TextDecoder().decode(bytes);
    const at = decoded.indexOf(':');
    return at < 0 ? null : { user: decoded.slice(0, at), password: decoded.slice(at + 1) };
  } catch {
    return null;
  }
}

export function bearerToken(request: Request): string | null {
  const header = request.headers.get('authorization') ?? '';
  return header.startsWith('Bearer ') ? header.slice(7) : null;
}

/** A path's segments after the base path, each decoded once. */
export function segments(path: string): string[] {
  return path
    .split('/')
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}
