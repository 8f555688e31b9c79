import type { JobQueue } from './jobs/queue';
import type { Mailer } from './mail/mailer';
import type { Store } from './store/store';

/** Hashes and checks sign-in passwords: scrypt on the server, PBKDF2 (WebCrypto) in the demo build. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
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
  /** 32 random bytes, base64: the AES-GCM key that encrypts customers' login details at rest. */
  credentialsKey: string;
  /** The clock every rule reads (tests move it). Defaults to the system clock. */
  now?: () => Date;
  /** Set the cookie's Secure flag (behind HTTPS). */
  secureCookies?: boolean;
  /** Largest accepted request body in bytes (413 past it). Defaults to 64 KiB. */
  bodyLimit?: number;
  /** The company's time zone, for calendar arithmetic on deadlines. Defaults to Europe/Belgrade. */
  timeZone?: string;
  /** Carries the outbox's messages: SMTP on a server with SMTP_URL, the server log without, the demo's outbox page. */
  mailer?: Mailer;
  /** The job queue the app's jobs run on; the test clock runs what became due on it. */
  jobs?: JobQueue;
  /**
   * Tests and the demo only: a clock that can be moved forward, offered as `POST /api/test/clock`
   * (`{ "advanceSeconds": n }`), which then runs the sweeps and the jobs that became due. Never in production.
   */
  testClock?: { advance(seconds: number): Promise<void> };
};
