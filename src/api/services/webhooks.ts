import type { CreatedWebhook, CreateWebhook, WebhookDelivery, WebhookEvent, WebhookView } from '@/api/contract/webhooks';
import { endpoints } from '@/api/contract/endpoints';
import { conflict, decideActions } from '@/api/rules/actions';
import type { WebhookDeliveryRecord, WebhookRecord } from '@/api/store/schemas';
import type { Tx } from '@/api/store/store';
import type { Actor, Ctx } from './context';
import { audit, enforce, newId, notFound } from './context';
import { decryptSecret, encryptSecret, randomToken, sha256Hex } from './crypto';

export const WEBHOOK_QUEUE = 'webhook-deliver';
export const WEBHOOK_FAILED_QUEUE = 'webhook-failed';
/** How long a receiver has to answer before the attempt counts as failed (and is retried). */
export const WEBHOOK_TIMEOUT_MS = 10_000;
const DELIVERY_LOG_LIMIT = 200;

/** The headers of a delivery (README "Webhooks"): the signature covers `<timestamp>.<body>`. */
export const WEBHOOK_HEADERS = { id: 'Webhook-Id', timestamp: 'Webhook-Timestamp', signature: 'Webhook-Signature' } as const;

const aadOf = (webhookId: string) => `webhook:${webhookId}`;
const disablePermission = { disable: endpoints.disableWebhook.permission } as const;

function present(actor: Actor, w: WebhookRecord): WebhookView {
  const { sealedSecret: _sealed, version: _version, ...shown } = w;
  return {
    ...shown,
    actions: decideActions(actor.user.role, disablePermission, () => (w.disabledAt ? conflict('This endpoint is disabled already') : null)),
  };
}

export async function listWebhooks(ctx: Ctx, actor: Actor): Promise<{ items: WebhookView[] }> {
  const items = await ctx.deps.store.transaction((tx) => tx.webhooks.list());
  return { items: items.map((w) => present(actor, w)) };
}

/** A new endpoint and its signing secret, answered once and kept sealed with the server's key. */
export async function createWebhook(ctx: Ctx, actor: Actor, input: CreateWebhook): Promise<CreatedWebhook> {
  const id = newId('whk');
  const secret = `whsec_${randomToken()}`;
  const record: WebhookRecord = {
    id,
    url: input.url,
    events: [...new Set(input.events)],
    description: input.description ?? '',
    createdAt: ctx.now.toISOString(),
    createdBy: { id: actor.user.id, name: actor.user.name },
    disabledAt: null,
    sealedSecret: await encryptSecret(ctx.deps.credentialsKey, secret, aadOf(id)),
    version: 1,
  };
  await ctx.deps.store.transaction(async (tx) => {
    await tx.webhooks.insert(record);
    await audit(tx, ctx, actor, {
      action: 'webhook.create',
      recordType: 'webhook',
      recordId: id,
      // The host only: a path or query may carry the receiver's own secret.
      summary: `Added the webhook endpoint at ${new URL(record.url).host} for ${record.events.join(', ')}`,
    });
  });
  return { webhook: present(actor, record), secret };
}

export async function disableWebhook(ctx: Ctx, actor: Actor, id: string): Promise<WebhookView> {
  return ctx.deps.store.transaction(async (tx) => {
    const current = await tx.webhooks.get(id);
    if (!current) throw notFound('Webhook endpoint');
    enforce(current.disabledAt ? conflict('This endpoint is disabled already') : null);
    const next: WebhookRecord = { ...current, disabledAt: ctx.now.toISOString(), version: current.version + 1 };
    await tx.webhooks.update(next, current.version);
    await audit(tx, ctx, actor, {
      action: 'webhook.disable',
      recordType: 'webhook',
      recordId: id,
      summary: `Disabled the webhook endpoint at ${new URL(current.url).host}`,
      changes: [{ field: 'disabledAt', before: null, after: next.disabledAt }],
    });
    return present(actor, next);
  });
}

export async function listWebhookDeliveries(ctx: Ctx): Promise<{ items: WebhookDelivery[] }> {
  const rows = await ctx.deps.store.transaction((tx) => tx.webhookDeliveries.list(DELIVERY_LOG_LIMIT));
  return { items: rows.map(({ payload: _payload, version: _version, ...shown }) => shown) };
}

/**
 * Tells every enabled endpoint that subscribed to `event`, in the caller's transaction: one delivery per
 * endpoint and its job, both kept only if the event's own change commits. A delivery's id comes from the
 * endpoint and the record, so the same event is never queued twice for one endpoint.
 */
export async function emitWebhookEvent(
  tx: Tx,
  ctx: Ctx,
  event: WebhookEvent,
  recordId: string,
  data: Record<string, string | null>,
): Promise<void> {
  const targets = (await tx.webhooks.list()).filter((w) => w.disabledAt === null && w.events.includes(event));
  for (const w of targets) {
    const id = `whd_${(await sha256Hex(`${w.id}\u0000${event}\u0000${recordId}`)).slice(0, 24)}`;
    if (await tx.webhookDeliveries.get(id)) continue;
    const payload = JSON.stringify({ id, type: event, occurredAt: ctx.now.toISOString(), data });
    await tx.webhookDeliveries.insert({
      id,
      webhookId: w.id,
      url: w.url,
      event,
      recordId,
      status: 'pending',
      attempts: 0,
      lastStatus: null,
      lastError: null,
      createdAt: ctx.now.toISOString(),
      deliveredAt: null,
      payload,
      version: 1,
    });
    await tx.jobs.send(WEBHOOK_QUEUE, { deliveryId: id });
  }
}

/** HMAC-SHA256 of `message` under `secret`, in hex (WebCrypto: the same in Node and the browser). */
export async function webhookSignature(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(message));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function settle(ctx: Ctx, id: string, change: (d: WebhookDeliveryRecord) => Partial<WebhookDeliveryRecord>): Promise<void> {
  await ctx.deps.store.transaction(async (tx) => {
    const current = await tx.webhookDeliveries.get(id);
    if (!current || current.status !== 'pending') return;
    await tx.webhookDeliveries.update({ ...current, ...change(current), version: current.version + 1 }, current.version);
  });
}

/**
 * The delivery job: POSTs the signed body; a 2xx marks it delivered, and a delivered one is never sent
 * again. Anything else (an error status, a refused connection, no answer in time) counts an attempt and
 * throws, so the queue retries it with backoff; once the retries are spent it is marked failed.
 */
export async function deliverWebhook(ctx: Ctx, deliveryId: string): Promise<void> {
  const { delivery, webhook } = await ctx.deps.store.transaction(async (tx) => {
    const d = await tx.webhookDeliveries.get(deliveryId);
    return { delivery: d, webhook: d ? await tx.webhooks.get(d.webhookId) : null };
  });
  if (!delivery || delivery.status !== 'pending') return;
  if (!webhook || webhook.disabledAt) {
    await settle(ctx, deliveryId, () => ({ status: 'failed', lastError: 'The endpoint was disabled' }));
    return;
  }
  const secret = await decryptSecret(ctx.deps.credentialsKey, webhook.sealedSecret, aadOf(webhook.id));
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = await webhookSignature(secret, `${timestamp}.${delivery.payload}`);
  let status: number | null = null;
  let failure: string | null = null;
  try {
    const res = await fetch(webhook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [WEBHOOK_HEADERS.id]: delivery.id,
        [WEBHOOK_HEADERS.timestamp]: timestamp,
        [WEBHOOK_HEADERS.signature]: `v1=${signature}`,
      },
      body: delivery.payload,
      redirect: 'manual',
      signal: AbortSignal.timeout(ctx.deps.webhookTimeoutMs ?? WEBHOOK_TIMEOUT_MS),
    });
    status = res.status;
    await res.body?.cancel();
    if (status < 200 || status >= 300) failure = `The endpoint answered ${status}`;
  } catch (error) {
    failure = error instanceof Error && error.name === 'TimeoutError' ? 'No answer in time' : 'The endpoint could not be reached';
  }
  if (failure === null) {
    await settle(ctx, deliveryId, (d) => ({
      status: 'delivered',
      attempts: d.attempts + 1,
      lastStatus: status,
      lastError: null,
      deliveredAt: ctx.now.toISOString(),
    }));
    return;
  }
  await settle(ctx, deliveryId, (d) => ({ attempts: d.attempts + 1, lastStatus: status, lastError: failure }));
  throw new Error(`Webhook delivery ${deliveryId}: ${failure}`);
}

/** The dead-letter job: the retries are spent. */
export async function markWebhookFailed(ctx: Ctx, deliveryId: string): Promise<void> {
  await settle(ctx, deliveryId, () => ({ status: 'failed' }));
}
