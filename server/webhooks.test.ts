import { createHmac } from 'node:crypto';
import type { IncomingHttpHeaders, Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deletionRequest } from '@/api/contract/deletions';
import { createdWebhook, webhookDeliveryList, webhookList } from '@/api/contract/webhooks';
import type { WebhookEvent } from '@/api/contract/webhooks';
import type { Harness, StoreFactory } from '@/testing/harness';
import { makeHarness, memoryStore } from '@/testing/harness';
import { expectError, rollOffBackup } from '@/testing/api-suite/helpers';
import { makePgliteStore, makePostgresStore, testDatabaseUrl } from './test-support';

type Received = { path: string; headers: IncomingHttpHeaders; body: string };

/**
 * A receiver as another team would run it: a real HTTP server on a free local port. Each path answers
 * from its own script of statuses (the last one repeats); `hang` paths never answer.
 */
async function startReceiver() {
  const received: Received[] = [];
  const scripts = new Map<string, number[]>();
  const hanging = new Set<string>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (hanging.has(path)) return;
      const script = scripts.get(path) ?? [204];
      const status = script.length > 1 ? script.shift()! : script[0]!;
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    received,
    at: (path: string) => received.filter((r) => r.path === path),
    answer: (path: string, statuses: number[]) => scripts.set(path, statuses),
    hang: (path: string) => hanging.add(path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What a receiver does with the README's recipe: HMAC-SHA256 of `<timestamp>.<body>` under its secret. */
function verify(secret: string, r: Received): boolean {
  const timestamp = String(r.headers['webhook-timestamp']);
  const expected = createHmac('sha256', secret).update(`${timestamp}.${r.body}`).digest('hex');
  return r.headers['webhook-signature'] === `v1=${expected}`;
}

/**
 * Webhooks: officers' endpoints, signed deliveries by a job on the store's queue (the in-page one, pg-boss on
 * PGlite and PostgreSQL), retried with backoff, never twice once acknowledged; against a real HTTP receiver.
 */
function webhookTests(name: string, makeStore: StoreFactory): void {
  let h: Harness;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    h = await makeHarness(makeStore, 'server', { webhookTimeoutMs: 300 });
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await h.close();
  });

  const add = async (path: string, events: WebhookEvent[]) => {
    const res = await h.call('officer', 'POST', '/api/webhooks', { body: { url: receiver.url(path), events, description: path } });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    return createdWebhook.parse(res.json);
  };
  const disable = async (id: string) => expect((await h.call('officer', 'POST', `/api/webhooks/${id}/disable`)).status).toBe(200);
  const deliveries = async () => webhookDeliveryList.parse((await h.call('officer', 'GET', '/api/webhook-deliveries')).json).items;
  const subjectOfActiveAccount = async () => {
    const accounts = await h.store.transaction((tx) => tx.accounts.list({ status: ['active'], limit: 1000 }));
    const people = await h.store.transaction((tx) => tx.subjects.listByAccount(accounts.items[3]!.id));
    return people[0]!;
  };
  const withdraw = async (subjectId: string) => {
    const res = await h.call('officer', 'POST', '/api/consent-events', {
      body: { subjectId, purpose: 'product_research', action: 'withdrawn', channel: 'email_link', note: 'Webhook test' },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    return res.json.id as string;
  };

  describe(`webhooks on ${name}`, () => {
    it('lets officers alone add, list and disable endpoints; the signing secret is answered once', async () => {
      const made = await add('/hook-admin', ['consent.withdrawn']);
      expect(made.secret).toMatch(/^whsec_/);
      const listed = await h.call('officer', 'GET', '/api/webhooks');
      expect(listed.text).not.toContain(made.secret);
      expect(webhookList.parse(listed.json).items.find((w) => w.id === made.webhook.id)?.actions.disable.allowed).toBe(true);
      const stored = await h.store.transaction((tx) => tx.webhooks.get(made.webhook.id));
      expect(JSON.stringify(stored)).not.toContain(made.secret);
      for (const who of ['support', 'auditor'] as const) {
        expectError(await h.call(who, 'GET', '/api/webhooks'), 403);
        expectError(await h.call(who, 'GET', '/api/webhook-deliveries'), 403);
        expectError(await h.call(who, 'POST', '/api/webhooks', { body: { url: receiver.url('/x'), events: ['consent.withdrawn'] } }), 403);
      }
      expectError(await h.call('nobody', 'GET', '/api/webhooks'), 401);
      const post = (body: unknown) => h.call('officer', 'POST', '/api/webhooks', { body });
      expectError(await post({ url: 'ftp://example.test/hook', events: ['consent.withdrawn'] }), 422, 'url');
      expectError(await post({ url: 'not a url', events: ['consent.withdrawn'] }), 422, 'url');
      expectError(await post({ url: receiver.url('/x'), events: [] }), 422, 'events');
      expectError(await post({ url: receiver.url('/x'), events: ['account.deleted'] }), 422, 'events.0');
      await disable(made.webhook.id);
      expectError(await h.call('officer', 'POST', `/api/webhooks/${made.webhook.id}/disable`), 409);
      expectError(await h.call('officer', 'POST', '/api/webhooks/whk_nope/disable'), 404);
      // Disabled: a withdrawal tells it nothing.
      await withdraw((await subjectOfActiveAccount()).id);
      await h.runJobs();
      expect(receiver.at('/hook-admin')).toEqual([]);
    });

    it('signs a withdrawal s delivery, sent by a job once the change commits, and never again once acknowledged', async () => {
      const made = await add('/hook-signed', ['consent.withdrawn']);
      const eventId = await withdraw((await subjectOfActiveAccount()).id);
      expect(receiver.at('/hook-signed')).toEqual([]);
      await h.runJobs();
      const [got] = receiver.at('/hook-signed');
      expect(got).toBeDefined();
      expect(verify(made.secret, got!)).toBe(true);
      expect(verify('whsec_wrong', got!)).toBe(false);
      expect(verify(made.secret, { ...got!, body: got!.body.replace('product_research', 'marketing_emails') })).toBe(false);
      const body = JSON.parse(got!.body) as { id: string; type: string; data: Record<string, string> };
      expect(body.type).toBe('consent.withdrawn');
      expect(body.data.consentEventId).toBe(eventId);
      expect(got!.body).not.toMatch(/@/);
      expect(got!.headers['webhook-id']).toBe(body.id);
      const logged = (await deliveries()).find((d) => d.id === body.id);
      expect(logged).toMatchObject({ status: 'delivered', attempts: 1, lastStatus: 204, recordId: eventId, event: 'consent.withdrawn' });
      await h.advance(3600);
      await h.runJobs();
      expect(receiver.at('/hook-signed')).toHaveLength(1);
      await disable(made.webhook.id);
    });

    it('retries after a 500 with backoff, with the same id, until the endpoint takes it', async () => {
      const made = await add('/hook-flaky', ['consent.withdrawn']);
      receiver.answer('/hook-flaky', [500, 200]);
      await withdraw((await subjectOfActiveAccount()).id);
      await h.runJobs();
      expect(receiver.at('/hook-flaky')).toHaveLength(1);
      let logged = (await deliveries()).find((d) => d.webhookId === made.webhook.id);
      expect(logged).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 500, lastError: 'The endpoint answered 500' });
      await h.advance(120);
      const calls = receiver.at('/hook-flaky');
      expect(calls).toHaveLength(2);
      expect(calls[1]!.headers['webhook-id']).toBe(calls[0]!.headers['webhook-id']);
      expect(verify(made.secret, calls[1]!)).toBe(true);
      logged = (await deliveries()).find((d) => d.webhookId === made.webhook.id);
      expect(logged).toMatchObject({ status: 'delivered', attempts: 2, lastStatus: 200, lastError: null });
      await h.advance(3600);
      expect(receiver.at('/hook-flaky')).toHaveLength(2);
      await disable(made.webhook.id);
    });

    it('counts an endpoint that does not answer in time as a failed attempt, to retry', async () => {
      const made = await add('/hook-slow', ['consent.withdrawn']);
      receiver.hang('/hook-slow');
      await withdraw((await subjectOfActiveAccount()).id);
      await h.runJobs();
      expect(receiver.at('/hook-slow')).toHaveLength(1);
      const logged = (await deliveries()).find((d) => d.webhookId === made.webhook.id);
      expect(logged).toMatchObject({ status: 'pending', attempts: 1, lastStatus: null, lastError: 'No answer in time' });
      await disable(made.webhook.id);
      // Disabled meanwhile: the retry gives up rather than send.
      await h.advance(120);
      expect(receiver.at('/hook-slow')).toHaveLength(1);
      expect((await deliveries()).find((d) => d.webhookId === made.webhook.id)?.status).toBe('failed');
    });

    it('tells a deletion s completion, with ids only', async () => {
      const made = await add('/hook-deletions', ['deletion.completed']);
      const accounts = await h.store.transaction((tx) => tx.accounts.list({ status: ['active'], limit: 1000 }));
      const account = accounts.items.find((a) => !h.seed.deletions.some((d) => d.accountId === a.id) && a !== accounts.items[3])!;
      const created = await h.call('officer', 'POST', '/api/deletion-requests', {
        body: { accountId: account.id, origin: 'erasure_request', receivedAt: h.clock.now.toISOString(), note: 'Webhook test' },
      });
      expect(created.status, JSON.stringify(created.json)).toBe(201);
      let d = deletionRequest.parse(created.json);
      const approved = await h.call('officer2', 'POST', `/api/deletion-requests/${d.id}/approve`, {
        body: { confirmAccountName: account.name },
        version: d.version,
      });
      expect(approved.status, JSON.stringify(approved.json)).toBe(200);
      d = deletionRequest.parse(approved.json);
      // The offsite backup resolves itself on its roll-off day (the sweep); the rest by hand.
      for (const t of d.tasks.filter((task) => task.kind !== 'backup')) {
        const res = await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/resolve-task`, {
          body: { taskId: t.id, outcome: 'deleted', reference: `ref-${t.systemName}`, notified: t.kind === 'processor' },
          version: d.version,
        });
        expect(res.status, JSON.stringify(res.json)).toBe(200);
        d = deletionRequest.parse(res.json);
      }
      await rollOffBackup(h, d);
      d = deletionRequest.parse((await h.call('officer', 'GET', `/api/deletion-requests/${d.id}`)).json);
      await h.runJobs();
      expect(receiver.at('/hook-deletions')).toEqual([]);
      const done = await h.call('officer', 'POST', `/api/deletion-requests/${d.id}/complete`, { version: d.version });
      expect(done.status, JSON.stringify(done.json)).toBe(200);
      await h.runJobs();
      const [got] = receiver.at('/hook-deletions');
      expect(verify(made.secret, got!)).toBe(true);
      const body = JSON.parse(got!.body) as { type: string; data: Record<string, string> };
      expect(body).toMatchObject({ type: 'deletion.completed', data: { deletionRequestId: d.id, accountId: account.id } });
      expect(got!.body).not.toContain(account.name);
      await disable(made.webhook.id);
    });
  });
}

webhookTests('MemoryStore', memoryStore);
webhookTests('PGlite', makePgliteStore);
if (testDatabaseUrl()) {
  webhookTests('PostgreSQL', async (options) => {
    const made = await makePostgresStore(options);
    if (!made) throw new Error('TEST_DATABASE_URL is set but no store was made');
    return made;
  });
}
