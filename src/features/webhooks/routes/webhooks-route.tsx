import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { CreatedWebhook, WebhookEvent } from '@/api/contract/webhooks';
import { createWebhook, webhookEvents } from '@/api/contract/webhooks';
import { ActionButton } from '@/components/ui/action-button';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { CheckboxField, TextField } from '@/components/ui/fields';
import { FormErrors } from '@/components/ui/form-errors';
import { PageHeader } from '@/components/ui/page-header';
import { SecretShownOnce } from '@/components/ui/secret-shown-once';
import { Section } from '@/components/ui/section';
import { QueryState } from '@/components/ui/states';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { useContractForm } from '@/lib/contract-form';
import { fieldLabels } from '@/lib/field-errors';
import { formatDateTime } from '@/lib/format';
import { useCreateWebhook, useDisableWebhook, webhookQueries } from '@/features/webhooks/api/webhook-queries';

const eventLabels: Record<WebhookEvent, string> = {
  'deletion.completed': 'A deletion is completed (deletion.completed)',
  'consent.withdrawn': 'A consent is withdrawn (consent.withdrawn)',
};
const labels = { url: 'Address (http or https)', events: 'Events', description: 'Description' };
const labelOf = fieldLabels(labels);

function CreateWebhookForm({ onCreated }: { onCreated: (created: CreatedWebhook) => void }) {
  const mutation = useCreateWebhook();
  const form = useContractForm({
    schema: createWebhook,
    defaultValues: { url: '', events: [], description: '' },
    onSubmit: async (body) => {
      onCreated(await mutation.mutateAsync(body));
      form.reset();
    },
  });
  const { register, summary } = form;
  return (
    <form onSubmit={(event) => void form.submit(event)} noValidate aria-label="Add a webhook endpoint" className="max-w-2xl space-y-4">
      <FormErrors {...summary} labelOf={labelOf} subject="This endpoint" />
      <TextField {...register('url')} label={labels.url} type="url" error={summary.errors.url} />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-gray-700">{labels.events}</legend>
        {webhookEvents.map((event) => (
          <CheckboxField key={event} {...register('events')} value={event} label={eventLabels[event]} />
        ))}
        {summary.errors.events ? <p className="text-sm text-red-700">{summary.errors.events}</p> : null}
      </fieldset>
      <TextField {...register('description')} label={labels.description} hint="Who runs it" error={summary.errors.description} />
      <Button type="submit" variant="primary" disabled={mutation.isPending}>
        {mutation.isPending ? 'Adding…' : 'Add endpoint'}
      </Button>
    </form>
  );
}

/** Officers' page of webhook endpoints (signing secret shown once) and the log of deliveries. */
export function Component() {
  const webhooks = useQuery(webhookQueries.list());
  const deliveries = useQuery(webhookQueries.deliveries());
  const disable = useDisableWebhook();
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Tell other systems when a deletion completes or a consent is withdrawn. Each delivery is signed with the endpoint’s secret (HMAC-SHA256) and retried until the endpoint answers 2xx."
      />
      {created ? (
        <SecretShownOnce title="Endpoint added" label="Signing secret" secret={created.secret} onDone={() => setCreated(null)}>
          Copy its signing secret now: this is the only time it is shown.
        </SecretShownOnce>
      ) : null}
      <Section title="New endpoint">
        <CreateWebhookForm onCreated={setCreated} />
      </Section>
      <Section title="Endpoints">
        <QueryState query={webhooks} loading="Loading the endpoints…" rows={2}>
          {({ items }) =>
            items.length === 0 ? (
              <p className="text-sm text-gray-700">No endpoints yet.</p>
            ) : (
              <Table caption="Webhook endpoints, newest first">
                <THead>
                  <Th>Address</Th>
                  <Th>Events</Th>
                  <Th>Status</Th>
                  <Th>
                    <span className="sr-only">Actions</span>
                  </Th>
                </THead>
                <TBody>
                  {items.map((w) => (
                    <tr key={w.id}>
                      <Td>
                        <span className="block font-mono text-sm break-all">{w.url}</span>
                        {w.description ? <span className="block text-sm text-gray-700">{w.description}</span> : null}
                      </Td>
                      <Td>{w.events.join(', ')}</Td>
                      <Td>
                        <Badge tone={w.disabledAt ? 'neutral' : 'success'}>{w.disabledAt ? 'disabled' : 'active'}</Badge>
                      </Td>
                      <Td className="text-right">
                        <ActionButton
                          refusal={w.actions.disable.allowed ? null : (w.actions.disable.reason ?? 'Not possible now')}
                          onClick={() => disable.mutate(w.id)}
                          disabled={disable.isPending}
                          aria-label={`Disable ${w.url}`}
                        >
                          Disable
                        </ActionButton>
                      </Td>
                    </tr>
                  ))}
                </TBody>
              </Table>
            )
          }
        </QueryState>
      </Section>
      <Section title="Deliveries">
        <QueryState query={deliveries} loading="Loading the deliveries…" rows={2}>
          {({ items }) =>
            items.length === 0 ? (
              <p className="text-sm text-gray-700">Nothing sent yet.</p>
            ) : (
              <Table caption="Webhook deliveries, newest first">
                <THead>
                  <Th>When</Th>
                  <Th>Event</Th>
                  <Th>To</Th>
                  <Th>Status</Th>
                  <Th>Attempts</Th>
                  <Th>Last answer</Th>
                </THead>
                <TBody>
                  {items.map((d) => (
                    <tr key={d.id}>
                      <Td>{formatDateTime(d.createdAt)}</Td>
                      <Td>
                        {d.event} <span className="font-mono text-xs text-gray-700">{d.recordId}</span>
                      </Td>
                      <Td className="font-mono text-sm break-all">{d.url}</Td>
                      <Td>
                        <Badge tone={d.status === 'delivered' ? 'success' : d.status === 'failed' ? 'danger' : 'warning'}>{d.status}</Badge>
                      </Td>
                      <Td>{d.attempts}</Td>
                      <Td>{d.lastError ?? (d.lastStatus === null ? '—' : `HTTP ${d.lastStatus}`)}</Td>
                    </tr>
                  ))}
                </TBody>
              </Table>
            )
          }
        </QueryState>
      </Section>
    </>
  );
}
