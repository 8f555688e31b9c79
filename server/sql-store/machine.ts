import type { ApiTokenRecord, MachineRequestRecord, WebhookDeliveryRecord, WebhookRecord } from '@/api/store/schemas';
import type { Tx } from '@/api/store/store';
import { apiTokensTable, machineRequestsTable, webhookDeliveriesTable, webhooksTable } from '../tables';
import type { Sql } from './query';

/** Machine clients: their tokens and idempotent reports, and the webhooks that tell other systems. */
export function machineRepositories({
  q,
  one,
  many,
  insert,
  update,
}: Sql): Pick<Tx, 'apiTokens' | 'machineRequests' | 'webhooks' | 'webhookDeliveries'> {
  return {
    apiTokens: {
      get: (id) => one<ApiTokenRecord>('SELECT doc FROM api_tokens WHERE id = $1', [id]),
      getByHash: (tokenHash) => one<ApiTokenRecord>('SELECT doc FROM api_tokens WHERE token_hash = $1', [tokenHash]),
      list: () => many<ApiTokenRecord>('SELECT doc FROM api_tokens ORDER BY created_at DESC, id DESC'),
      insert: insert(apiTokensTable, 'apiTokens'),
      update: update(apiTokensTable, 'apiTokens'),
      async touch(id, at) {
        await q.query(
          `UPDATE api_tokens SET doc = jsonb_set(doc, '{lastUsedAt}', to_jsonb($2::text))
           WHERE id = $1 AND (doc ->> 'lastUsedAt' IS NULL OR doc ->> 'lastUsedAt' < $2)`,
          [id, at],
        );
      },
    },
    machineRequests: {
      get: (key) => one<MachineRequestRecord>('SELECT doc FROM machine_requests WHERE key = $1', [key]),
      insert: insert(machineRequestsTable, 'machineRequests'),
    },
    webhooks: {
      get: (id) => one<WebhookRecord>('SELECT doc FROM webhooks WHERE id = $1', [id]),
      list: () => many<WebhookRecord>('SELECT doc FROM webhooks ORDER BY created_at DESC, id DESC'),
      insert: insert(webhooksTable, 'webhooks'),
      update: update(webhooksTable, 'webhooks'),
    },
    webhookDeliveries: {
      get: (id) => one<WebhookDeliveryRecord>('SELECT doc FROM webhook_deliveries WHERE id = $1', [id]),
      list: (limit) =>
        many<WebhookDeliveryRecord>('SELECT doc FROM webhook_deliveries ORDER BY created_at DESC, id DESC LIMIT $1', [limit]),
      insert: insert(webhookDeliveriesTable, 'webhookDeliveries'),
      update: update(webhookDeliveriesTable, 'webhookDeliveries'),
    },
  };
}
