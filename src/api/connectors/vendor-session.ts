import type { EvidenceCall } from '@/api/contract/connectors';
import type { ConnectionContext, ConnectionCheck, ErasureOutcome } from './connector';

/** How one vendor answers: where its request id and its wait are, and where its error body says why. */
export type VendorProfile = {
  name: string;
  /** The response header that carries the vendor's id of the request, for support tickets. */
  requestIdHeader: string | null;
  /** The vendor's own sentence from an error body, when it has one. */
  errorMessage(body: unknown): string | null;
  /** Statuses that mean "slow down" (429 everywhere; Crisp also answers 420). */
  rateLimitStatuses?: readonly number[];
  /** Headers that name the wait, in seconds or as a date (Help Scout's is its own). */
  retryAfterHeaders?: readonly string[];
};

type Stopped = Extract<ErasureOutcome, { outcome: 'retry' | 'failed' }>;
type StopReason = { outcome: 'retry'; after: Date; reason: string } | { outcome: 'failed'; reason: string; status: number | null };

/** Ends a connector's run early with what the vendor said: to retry later, or to be looked at. */
export class Stop extends Error {
  constructor(readonly stop: StopReason) {
    super(stop.reason);
    this.name = 'Stop';
  }
}

/** A value that must not appear in the evidence, and what stands in its place. */
export type Hidden = { value: string; as: string };

const REQUEST_TIMEOUT_MS = 20_000;
const MAX_WAIT_SECONDS = 86_400;

/** The wait when the vendor names none: 30 s, doubling with each attempt, at most an hour. */
export function backoffSeconds(attempt: number): number {
  return Math.min(30 * 2 ** Math.max(0, attempt - 1), 3600);
}

/**
 * The instant a vendor asked us to wait until: `Retry-After` in seconds or as a date (RFC 9110 10.2.3;
 * Zoom sends an ISO instant), at least a second from now and at most a day.
 */
export function retryAfter(headers: Headers, names: readonly string[], now: Date): Date | null {
  for (const name of names) {
    const value = headers.get(name)?.trim();
    if (!value) continue;
    const seconds = /^\d+$/.test(value) ? Number(value) : (Date.parse(value) - now.getTime()) / 1000;
    if (Number.isNaN(seconds)) continue;
    return new Date(now.getTime() + Math.min(Math.max(Math.ceil(seconds), 1), MAX_WAIT_SECONDS) * 1000);
  }
  return null;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Text for the evidence with every hidden value (the person's email, its hashes, each credential)
 * replaced, case-insensitively.
 */
export function redact(text: string, hidden: readonly Hidden[]): string {
  let out = text;
  for (const { value, as } of hidden) {
    if (value.length < 3) continue;
    out = out.replace(new RegExp(escapeRegExp(value), 'gi'), as);
  }
  return out;
}

/**
 * A URL as the evidence shows it: no user info, every path segment and query value decoded (so an email
 * cannot hide behind its percent-encoding) and then redacted.
 */
export function evidenceUrl(url: string, hidden: readonly Hidden[]): string {
  const u = new URL(url);
  const path = u.pathname
    .split('/')
    .map((segment) => redact(decodeSafely(segment), hidden))
    .join('/');
  const query = [...u.searchParams].map(([key, value]) => `${key}=${redact(value, hidden)}`).join('&');
  return `${u.origin}${path}${query ? `?${query}` : ''}`;
}

export type VendorAnswer = { status: number; body: unknown; headers: Headers; call: EvidenceCall };

type RequestOptions = {
  headers?: Record<string, string>;
  body?: string | URLSearchParams;
  /** The statuses this call expects; any other ends the run (see `request`). */
  accept: readonly number[];
};

/**
 * One run of a connector against one vendor: every call goes through `request`, which records it as
 * evidence and turns the vendor's refusals into a Stop: 429 and 5xx and network failures to retry (after
 * the vendor's Retry-After, or a backoff), 401/403 and any other unexpected status to be looked at, with the
 * vendor's own words.
 */
export class VendorSession {
  readonly calls: EvidenceCall[] = [];

  constructor(
    private readonly ctx: ConnectionContext & { attempt?: number },
    private readonly profile: VendorProfile,
    private readonly hidden: readonly Hidden[],
  ) {}

  private backoff(): Date {
    return new Date(this.ctx.now().getTime() + backoffSeconds(this.ctx.attempt ?? 1) * 1000);
  }

  private say(body: unknown, fallback: string): string {
    const said = this.profile.errorMessage(body) ?? fallback;
    return redact(said.length > 300 ? `${said.slice(0, 300)}…` : said, this.hidden);
  }

  async request(method: string, url: string, options: RequestOptions): Promise<VendorAnswer> {
    const at = this.ctx.now().toISOString();
    const shown = evidenceUrl(url, this.hidden);
    let response: Response;
    try {
      response = await this.ctx.fetch(url, {
        method,
        headers: { accept: 'application/json', ...options.headers },
        body: options.body,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      this.calls.push({ at, method, url: shown, status: null, requestId: null });
      const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
      const what = error instanceof Error ? `${error.message}${cause}` : String(error);
      throw new Stop({
        outcome: 'retry',
        after: this.backoff(),
        reason: redact(`${this.profile.name} could not be reached: ${what}`, this.hidden),
      });
    }
    const requestId = this.profile.requestIdHeader ? response.headers.get(this.profile.requestIdHeader) : null;
    const call: EvidenceCall = { at, method, url: shown, status: response.status, requestId };
    this.calls.push(call);
    const text = await response.text().catch(() => '');
    const body = parseBody(text);
    const { status } = response;
    if (options.accept.includes(status)) return { status, body, headers: response.headers, call };

    const waitNames = this.profile.retryAfterHeaders ?? ['retry-after'];
    if ((this.profile.rateLimitStatuses ?? [429]).includes(status)) {
      throw new Stop({
        outcome: 'retry',
        after: retryAfter(response.headers, waitNames, this.ctx.now()) ?? this.backoff(),
        reason: `${this.profile.name} asked us to slow down (${status}): ${this.say(body, 'too many requests')}`,
      });
    }
    if (status >= 500) {
      throw new Stop({
        outcome: 'retry',
        after: retryAfter(response.headers, waitNames, this.ctx.now()) ?? this.backoff(),
        reason: `${this.profile.name} failed for now (${status}): ${this.say(body, response.statusText || 'server error')}`,
      });
    }
    if (status === 401 || status === 403) {
      throw new Stop({
        outcome: 'failed',
        status,
        reason: `${this.profile.name} refused the credentials (${status}): ${this.say(body, response.statusText || 'unauthorized')}`,
      });
    }
    throw new Stop({
      outcome: 'failed',
      status,
      reason: `${this.profile.name} answered ${status} to ${method} ${shown}: ${this.say(body, response.statusText || 'unexpected answer')}`,
    });
  }

  /** The run's end by a Stop, as the connector answers it. */
  stopped(stop: Stop): Stopped {
    return { ...stop.stop, calls: this.calls };
  }

  /** "Test connection": one authenticated read, ok or the vendor's answer. */
  async check(read: () => Promise<VendorAnswer>): Promise<ConnectionCheck> {
    try {
      const answer = await read();
      return { ok: true, status: answer.status, message: `${this.profile.name} accepted the credentials`, calls: this.calls };
    } catch (error) {
      if (!(error instanceof Stop)) throw error;
      const status = this.calls.at(-1)?.status ?? null;
      return { ok: false, status, message: error.stop.reason, calls: this.calls };
    }
  }
}

function parseBody(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Basic authentication, as RFC 7617 spells it (btoa is in browsers and Node alike). */
export function basicAuth(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `Basic ${btoa(binary)}`;
}

/** The values of `credentials` as hidden values of the evidence. */
export function hiddenCredentials(credentials: Readonly<Record<string, string>>): Hidden[] {
  return Object.values(credentials).map((value) => ({ value, as: '<secret>' }));
}

/** `base` without a trailing slash, with `path` after it. */
export function join(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}
