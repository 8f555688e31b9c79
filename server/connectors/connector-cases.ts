import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connector, ConnectorContext, ErasureOutcome } from '@/api/connectors/connector';
import { md5Hex } from '@/api/connectors/md5';
import type { ConnectorVendor, EvidenceCall } from '@/api/contract/connectors';
import type { Sandbox, SandboxOptions, SandboxPerson } from '@/demo/sandboxes/sandbox';
import { sandboxCredentials, sandboxSettings } from '@/demo/sandboxes/sandbox-config';
import type { Served } from './serve-fetch';
import { serveFetch } from './serve-fetch';

const NOW = new Date('2026-12-01T10:00:00.000Z');
const now = () => new Date(NOW);
/** Mixed case and a plus: the evidence must hide every spelling of it. */
export const subject = { email: 'Pat.Person+erase@Example.TEST' };
export const bystander: SandboxPerson = { email: 'someone.else@example.test', name: 'Someone Else' };

export type ConnectorSpec = {
  vendor: ConnectorVendor;
  connector: Connector;
  makeSandbox(options: SandboxOptions): Sandbox;
  /** The sandbox's API root below its origin (`/v2`). */
  basePath: string;
  /** Whether a rate-limit answer of this vendor names the wait (otherwise the backoff decides). */
  namesWait: boolean;
  /** Whether a person can have several records here (MailChimp: one member per audience). */
  severalRecords: boolean;
  /** Wrong credentials of this vendor's shape. */
  wrongCredentials: Record<string, string>;
};

/** A vendor's sandbox over real HTTP, and how to run its connector against it. */
export function servedSandbox(spec: ConnectorSpec) {
  let served: Served | undefined;
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    served = await serveFetch((request) => current().handle(request));
  });
  afterAll(async () => {
    await served?.close();
  });
  const current = (): Sandbox => {
    if (!sandbox) throw new Error('Make the sandbox first (fresh)');
    return sandbox;
  };
  const baseUrl = () => `${served?.origin ?? ''}${spec.basePath}`;

  /** A new sandbox holding `people`, served from now on. */
  function fresh(people: readonly SandboxPerson[] = []): Sandbox {
    sandbox = spec.makeSandbox({ baseUrl: baseUrl(), people, now });
    return sandbox;
  }

  /** A context for one attempt; `recorded` collects what the connector reported deleted. */
  function context(overrides: Partial<ConnectorContext> = {}) {
    const recorded: { id: string; call: EvidenceCall }[] = [];
    const ctx: ConnectorContext = {
      fetch: globalThis.fetch,
      baseUrl: baseUrl(),
      credentials: sandboxCredentials[spec.vendor],
      settings: sandboxSettings[spec.vendor],
      now,
      attempt: 1,
      alreadyDeleted: [],
      recordDeleted: async (id, call) => {
        recorded.push({ id, call });
      },
      ...overrides,
    };
    return { ctx, recorded };
  }

  const deleteCalls = () =>
    current()
      .calls()
      .filter((c) => c.method === 'DELETE' || c.path.endsWith('/delete-permanent'));
  return { fresh, context, current, deleteCalls };
}

export function expectErased(outcome: ErasureOutcome): Extract<ErasureOutcome, { outcome: 'erased' }> {
  if (outcome.outcome !== 'erased') throw new Error(`Expected erased, got ${outcome.outcome}: ${outcome.reason}`);
  return outcome;
}

/** Every spelling of the email and every secret that must not reach the evidence. */
function forbiddenIn(evidence: unknown, credentials: Readonly<Record<string, string>>): string[] {
  const text = JSON.stringify(evidence).toLowerCase();
  const email = subject.email;
  const spellings = [
    email,
    email.toLowerCase(),
    encodeURIComponent(email),
    encodeURIComponent(email.toLowerCase()),
    md5Hex(email.toLowerCase()),
  ];
  const secrets = Object.values(credentials);
  return [...spellings, ...secrets].filter((value) => text.includes(value.toLowerCase()));
}

/**
 * The contract every connector keeps, against its vendor's sandbox served over HTTP: found and deleted and
 * verified; nothing found; a rate limit then success; a 5xx then success; refused credentials; a retry
 * that deletes nothing twice; evidence without the email or a secret; and "test connection".
 */
export function describeConnectorContract(spec: ConnectorSpec): ReturnType<typeof servedSandbox> {
  const served = servedSandbox(spec);
  const { fresh, context, deleteCalls } = served;

  describe(`${spec.vendor}: the connector contract`, () => {
    it('finds the person, deletes their records, verifies by reading again, and leaves others alone', async () => {
      const sandbox = fresh([{ email: subject.email, name: 'Pat Person' }, bystander]);
      const { ctx, recorded } = context();
      const outcome = expectErased(await spec.connector.erase(subject, ctx));
      expect(outcome.found).toBe(1);
      expect(outcome.deletedIds).toHaveLength(1);
      expect(recorded.map((r) => r.id)).toEqual(outcome.deletedIds);
      expect(outcome.verification.method).not.toBe('empty_search');
      expect(outcome.verification.calls.length).toBeGreaterThan(0);
      expect(outcome.verification.calls.every((c) => c.method === 'GET')).toBe(true);
      expect(sandbox.holds(subject.email)).toBe(false);
      expect(sandbox.holds(bystander.email)).toBe(true);
      expect(sandbox.deletions()).toBe(1);
      expect(forbiddenIn({ outcome, recorded }, ctx.credentials)).toEqual([]);
    });

    it('answers erased with nothing found, the empty search as the verifying read', async () => {
      const sandbox = fresh([bystander]);
      const { ctx, recorded } = context();
      const outcome = expectErased(await spec.connector.erase(subject, ctx));
      expect(outcome).toMatchObject({ found: 0, deletedIds: [], alreadyGoneIds: [] });
      expect(outcome.verification.method).toBe('empty_search');
      expect(outcome.verification.calls.length).toBeGreaterThan(0);
      expect(outcome.verification.calls.every((c) => c.method === 'GET' && c.status !== null && c.status < 500)).toBe(true);
      expect(recorded).toEqual([]);
      expect(deleteCalls()).toEqual([]);
      expect(sandbox.holds(bystander.email)).toBe(true);
    });

    it('retries after the wait a rate limit names (or a backoff), and the next attempt succeeds', async () => {
      const sandbox = fresh([{ email: subject.email, name: 'Pat Person' }]);
      sandbox.fail({ kind: 'rate_limit', on: 'write', retryAfterSeconds: 45 });
      const first = context({ attempt: 3 });
      const outcome = await spec.connector.erase(subject, first.ctx);
      expect(outcome.outcome).toBe('retry');
      if (outcome.outcome !== 'retry') return;
      // Named: 45 s as the vendor said. Not named: the backoff of a third attempt, 30 s doubled twice.
      expect(outcome.after.toISOString()).toBe(new Date(NOW.getTime() + (spec.namesWait ? 45 : 120) * 1000).toISOString());
      expect(outcome.reason).toMatch(/slow down \((429|420)\)/);
      expect(outcome.calls.at(-1)?.status).toBe(429);
      expect(first.recorded).toEqual([]);
      expect(sandbox.holds(subject.email)).toBe(true);

      const second = context({ attempt: 4 });
      const done = expectErased(await spec.connector.erase(subject, second.ctx));
      expect(done.deletedIds).toHaveLength(1);
      expect(sandbox.holds(subject.email)).toBe(false);
      expect(sandbox.deletions()).toBe(1);
    });

    it('retries after a 5xx with a backoff, and the next attempt succeeds', async () => {
      const sandbox = fresh([{ email: subject.email, name: 'Pat Person' }]);
      sandbox.fail({ kind: 'server_error', on: 'read' });
      const outcome = await spec.connector.erase(subject, context().ctx);
      expect(outcome.outcome).toBe('retry');
      if (outcome.outcome !== 'retry') return;
      expect(outcome.after.toISOString()).toBe(new Date(NOW.getTime() + 30_000).toISOString());
      expect(outcome.reason).toMatch(/failed for now \(5\d\d\)/);
      expect(sandbox.holds(subject.email)).toBe(true);
      expectErased(await spec.connector.erase(subject, context({ attempt: 2 }).ctx));
      expect(sandbox.holds(subject.email)).toBe(false);
    });

    it('fails, with the vendor’s answer, when the credentials are refused, and deletes nothing', async () => {
      const sandbox = fresh([{ email: subject.email, name: 'Pat Person' }]);
      const { ctx } = context({ credentials: spec.wrongCredentials });
      const outcome = await spec.connector.erase(subject, ctx);
      expect(outcome.outcome).toBe('failed');
      if (outcome.outcome !== 'failed') return;
      expect(outcome.status === 401 || outcome.status === 403).toBe(true);
      expect(outcome.reason).toMatch(/refused the credentials \(40[13]\): \S/);
      expect(deleteCalls()).toEqual([]);
      expect(sandbox.holds(subject.email)).toBe(true);
      expect(forbiddenIn(outcome, { ...ctx.credentials, ...sandboxCredentials[spec.vendor] })).toEqual([]);
    });

    it('deletes nothing twice when a finished attempt is run again (a job retried after a crash)', async () => {
      const sandbox = fresh([{ email: subject.email, name: 'Pat Person' }]);
      const first = context();
      const done = expectErased(await spec.connector.erase(subject, first.ctx));
      const deletesBefore = deleteCalls().length;
      const again = expectErased(
        await spec.connector.erase(subject, context({ alreadyDeleted: first.recorded.map((r) => r.id), attempt: 2 }).ctx),
      );
      expect(deleteCalls()).toHaveLength(deletesBefore);
      expect(again.deletedIds).toEqual(done.deletedIds);
      expect(again.found).toBe(1);
      expect(again.verification.method).not.toBe('empty_search');
      expect(sandbox.deletions()).toBe(1);
    });

    it('sends no second deletion for a record an earlier attempt deleted, even when the vendor still lists it', async () => {
      const sandbox = fresh([{ email: subject.email, name: 'Pat Person' }]);
      const first = context();
      expectErased(await spec.connector.erase(subject, first.ctx));
      const deletesBefore = deleteCalls().length;
      sandbox.lagSearches();
      const again = await spec.connector.erase(subject, context({ alreadyDeleted: first.recorded.map((r) => r.id), attempt: 2 }).ctx);
      expect(deleteCalls()).toHaveLength(deletesBefore);
      expect(sandbox.deletions()).toBe(1);
      // Where reading by id is not lagging, the deletion verifies; MailChimp's only read is the lagging one.
      if (spec.vendor === 'mailchimp') expect(again).toMatchObject({ outcome: 'retry', reason: expect.stringMatching(/still there/) });
      else expect(expectErased(again).verification.method).not.toBe('empty_search');
    });

    if (spec.severalRecords) {
      it('resumes after a rate limit between two deletions without repeating the first', async () => {
        const sandbox = fresh([
          { email: subject.email, name: 'Pat Person' },
          { email: subject.email, name: 'Pat Person (second record)' },
        ]);
        sandbox.fail({ kind: 'rate_limit', on: 'write', after: 1 });
        const first = context();
        const outcome = await spec.connector.erase(subject, first.ctx);
        expect(outcome.outcome).toBe('retry');
        expect(first.recorded).toHaveLength(1);
        const second = context({ alreadyDeleted: first.recorded.map((r) => r.id), attempt: 2 });
        const done = expectErased(await spec.connector.erase(subject, second.ctx));
        expect(second.recorded).toHaveLength(1);
        expect(second.recorded[0]?.id).not.toBe(first.recorded[0]?.id);
        expect(new Set(done.deletedIds).size).toBe(2);
        expect(done.found).toBe(2);
        // Three DELETEs reached the vendor: the first record's, the second's refused with 429, and its retry.
        expect(deleteCalls().map((c) => c.status >= 200 && c.status < 300)).toEqual([true, false, true]);
        expect(sandbox.deletions()).toBe(2);
        expect(sandbox.holds(subject.email)).toBe(false);
      });
    }

    it('tests the connection: ok with the right credentials, the vendor’s answer with wrong ones', async () => {
      fresh([bystander]);
      const ok = await spec.connector.check(context().ctx);
      expect(ok).toMatchObject({ ok: true, status: 200 });
      const refused = await spec.connector.check(context({ credentials: spec.wrongCredentials }).ctx);
      expect(refused.ok).toBe(false);
      expect(refused.status === 401 || refused.status === 403).toBe(true);
      expect(refused.message).toMatch(/refused the credentials/);
      expect(forbiddenIn(refused, spec.wrongCredentials)).toEqual([]);
    });

    it('retries when the vendor cannot be reached at all', async () => {
      fresh([]);
      const outcome = await spec.connector.erase(subject, context({ baseUrl: `http://127.0.0.1:9${spec.basePath}` }).ctx);
      expect(outcome.outcome).toBe('retry');
      if (outcome.outcome !== 'retry') return;
      expect(outcome.calls.at(-1)?.status).toBeNull();
      expect(outcome.reason).toMatch(/could not be reached/);
    });
  });

  return served;
}
