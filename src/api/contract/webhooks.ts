import { z } from 'zod';
import { actionsOf, id, instant, plainString, text } from './common';

/** What other systems may be told of. Payloads carry ids and instants only, never personal data. */
export const webhookEvents = ['deletion.completed', 'consent.withdrawn'] as const;
export const webhookEvent = z.enum(webhookEvents);
export type WebhookEvent = z.infer<typeof webhookEvent>;

export const webhookActionNames = ['disable'] as const;

/** An endpoint another system runs, as officers see it: never its signing secret (shown once). */
export const webhookView = z.object({
  id,
  url: z.string(),
  events: z.array(webhookEvent),
  description: z.string(),
  createdAt: instant,
  createdBy: z.object({ id, name: z.string() }),
  disabledAt: instant.nullable(),
  actions: actionsOf(webhookActionNames),
});
export type WebhookView = z.infer<typeof webhookView>;
export const webhookList = z.object({ items: z.array(webhookView) });

export const createWebhook = z.object({
  url: plainString()
    .max(2000)
    .pipe(z.url({ protocol: /^https?$/, error: 'Enter an http or https address' })),
  events: z.array(webhookEvent).min(1, 'Choose at least one event').max(webhookEvents.length),
  description: text(200).optional(),
});
export type CreateWebhook = z.infer<typeof createWebhook>;

/** The answer to adding an endpoint: the only time its signing secret is shown. */
export const createdWebhook = z.object({ webhook: webhookView, secret: z.string() });
export type CreatedWebhook = z.infer<typeof createdWebhook>;

export const webhookDeliveryStatuses = ['pending', 'delivered', 'failed'] as const;

/** One event sent (or being sent) to one endpoint: the delivery log. */
export const webhookDelivery = z.object({
  id,
  webhookId: id,
  url: z.string(),
  event: webhookEvent,
  /** The id of the event's record (the deletion request, the consent event). */
  recordId: z.string(),
  status: z.enum(webhookDeliveryStatuses),
  attempts: z.number().int().nonnegative(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: instant,
  deliveredAt: instant.nullable(),
});
export type WebhookDelivery = z.infer<typeof webhookDelivery>;
export const webhookDeliveryList = z.object({ items: z.array(webhookDelivery) });
