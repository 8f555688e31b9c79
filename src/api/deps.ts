import type { ConnectorVendor } from './contract/connectors';
import type { MfaPolicy } from './contract/mfa';
import type { Role } from './contract/roles';
import type { ControllerDetails } from './contract/settings';
import type { DemoUser } from './contract/users';
import type { JobQueue } from './jobs/queue';
import type { Mailer } from './mail/mailer';
import type { Store } from './store/store';

/** Hashes and checks sign-in passwords: scrypt on the server, PBKDF2 (WebCrypto) in the demo build. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
}

/** One table holding one of the strings `findInRows` looked for, and in how many of its rows. */
export type RowMatch = { table: string; needle: string; rows: number };

/**
 * Failures a vendor sandbox can be told to answer with (src/demo/sandboxes): a rate limit, a 5xx, refused
 * credentials, for the next `times` matching requests.
 */
export type SandboxFailureRequest = {
  kind: 'rate_limit' | 'server_error' | 'unauthorized';
  times?: number;
  on?: 'any' | 'read' | 'write';
  after?: number;
  retryAfterSeconds?: number;
};

/**
 * Where the API writes what an operator needs to see (failures, mostly). Fields carry ids, names of things
 * and codes, never a record's content: the server's logger (server/logger.ts) also redacts by key.
 */
export interface AppLogger {
  error(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
}

/** What a single sign-on keeps between sending the browser to the provider and its return: never in memory. */
export type SsoPending = { state: string; nonce: string; codeVerifier: string };

/** What the identity provider vouched for, once the code was exchanged and the ID token checked. */
export type SsoClaims = { subject: string; email: string | null; emailVerified: boolean; name: string | null };

/** Why a single sign-on was refused: the sign-in page has a sentence for each (contract/mfa ssoRefusals). */
export class SsoError extends Error {
  constructor(
    readonly reason: 'state' | 'provider',
    detail: string,
  ) {
    super(detail);
    this.name = 'SsoError';
  }
}

/**
 * Single sign-on with an OpenID provider (server/oidc.ts, with openid-client): the authorization code flow
 * with PKCE. Node only; the demo has none.
 */
export interface SsoClient {
  /** The button's label: "Sign in with <name>". */
  name: string;
  /** Where the new-user default role comes from (OIDC_CREATE_USERS), or null to refuse unknown users. */
  createRole: Role | null;
  /** The provider's authorization URL for `redirectUri`, and what must be kept until the browser returns. */
  start(redirectUri: string): Promise<{ url: string; pending: SsoPending }>;
  /** Exchanges the code in `callbackUrl` and checks state, nonce and PKCE; throws SsoError when refused. */
  finish(callbackUrl: URL, pending: SsoPending): Promise<SsoClaims>;
}

/** What the API needs from its home; the Node server and the demo worker each provide one. */
export type AppDeps = {
  store: Store;
  /**
   * `server`: the session travels in an httpOnly cookie. `demo`: the app runs inside the page, where
   * browsers drop Set-Cookie from script-made responses, so the session is a bearer token instead.
   */
  mode: 'demo' | 'server';
  passwords: PasswordHasher;
  /** 32 random bytes, base64: the AES-GCM key that encrypts login details and connector credentials at rest. */
  credentialsKey: string;
  /**
   * The fetch connectors call vendors with: the global one in production; in the demo (and the server
   * outside production) one that answers the vendor sandboxes' addresses in-process.
   */
  connectorFetch?: typeof fetch;
  /**
   * Demo and test clock only: the vendor sandboxes, offered as `POST /api/test/sandboxes/:vendor/failures`
   * so a visitor (or an e2e test) can make one answer 429 once.
   */
  sandboxes?: { fail(vendor: ConnectorVendor, failure: SandboxFailureRequest): void | Promise<void> };
  /** The clock every rule reads (tests move it). Defaults to the system clock. */
  now?: () => Date;
  /**
   * The demo users and their published password: health names those that exist in the store, so the
   * sign-in page of a server holding the demo data says so and lists them.
   */
  demoUsers?: { users: readonly DemoUser[]; password: string };
  /** Email reveals one user may make in an hour (REVEALS_PER_HOUR); past it, 429. Defaults to 20. */
  revealsPerHour?: number;
  /** Minutes of no use after which a session ends (SESSION_IDLE_MINUTES). Defaults to 30. */
  sessionIdleMinutes?: number;
  /** Set the cookie's Secure flag (behind HTTPS). */
  secureCookies?: boolean;
  /** Largest accepted request body in bytes (413 past it). Defaults to 64 KiB. */
  bodyLimit?: number;
  /** The company's time zone, for calendar arithmetic on deadlines. Defaults to Europe/Belgrade. */
  timeZone?: string;
  /** The controller receipts and certificates name (CONTROLLER_*). Defaults to DEFAULT_CONTROLLER (rules/controller.ts). */
  controller?: ControllerDetails;
  /** Carries the outbox's messages: SMTP on a server with SMTP_URL, the server log without, the demo's outbox page. */
  mailer?: Mailer;
  /** Where the console is reached from outside (PUBLIC_URL), for links in mail; relative links without it. */
  publicUrl?: string;
  /** The job queue the app's jobs run on; the test clock runs what became due on it. */
  jobs?: JobQueue;
  /**
   * Tests and the demo only: a clock that can be moved forward, offered as `POST /api/test/clock`
   * (`{ "advanceSeconds": n }`), which then runs the sweeps and the jobs that became due. Never in production.
   */
  testClock?: { advance(seconds: number): Promise<void> };
  /**
   * Tests and the demo only, and only beside `testClock`: where the given strings occur in the stored data
   * (every table's rows as text), offered as `POST /api/test/find-in-rows` so an e2e test can prove an
   * erasure left no copy behind. Case-insensitive.
   */
  findInRows?: (needles: readonly string[]) => Promise<RowMatch[]>;
  /**
   * The caller's network address for the audit log and sign-in throttling: the Node server reads the
   * socket (and X-Forwarded-For from a trusted proxy). Without it, or when it answers null, the address is
   * "unknown" on the server and "demo browser" in the demo. Headers alone are never believed.
   */
  clientAddress?: (request: Request, env: unknown) => string | null;
  /** Defaults to the console, with the same fields. */
  log?: AppLogger;
  /** REQUIRE_MFA: who must use two-factor sign-in with a password. Defaults to `off`. */
  requireMfa?: MfaPolicy;
  /** Single sign-on (OIDC_ISSUER ...), server only. */
  sso?: SsoClient;
  /** How long a webhook receiver has to answer, in milliseconds (WEBHOOK_TIMEOUT_MS). Defaults to 10 s. */
  webhookTimeoutMs?: number;
};
