import { createWebhook, disableWebhook, listWebhookDeliveries, listWebhooks } from '@/api/services/webhooks';
import type { Handlers } from './handler';

/** Webhook endpoints other systems run, and the log of what was sent to them. */
export const webhookHandlers = {
  listWebhooks: ({ ctx, actor }) => listWebhooks(ctx, actor),
  createWebhook: ({ ctx, actor, body }) => createWebhook(ctx, actor, body),
  disableWebhook: ({ ctx, actor, id }) => disableWebhook(ctx, actor, id),
  listWebhookDeliveries: ({ ctx }) => listWebhookDeliveries(ctx),
} satisfies Partial<Handlers>;
