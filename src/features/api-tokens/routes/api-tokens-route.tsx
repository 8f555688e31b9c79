import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ApiTokenStatus, CreatedApiToken, TokenScope } from '@/api/contract/api-tokens';
import { createApiToken, tokenScopes } from '@/api/contract/api-tokens';
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
import { apiTokenQueries, useCreateApiToken, useRevokeApiToken } from '@/features/api-tokens/api/api-token-queries';
import { ThisApiReference } from '@/features/api-tokens/components/api-reference';

const scopeLabels: Record<TokenScope, string> = {
  'consent.record': 'Report consent events (consent.record)',
  'consent.lookup': 'Look up a person’s consent (consent.lookup)',
  'accounts.read': 'Read accounts (accounts.read)',
  'accounts.cancel': 'Report cancellations (accounts.cancel)',
  'deletions.read': 'Read deletion requests (deletions.read)',
  'processors.read': 'Read the processor registry (processors.read)',
};
const statusTones: Record<ApiTokenStatus, 'success' | 'neutral' | 'warning'> = {
  active: 'success',
  expired: 'warning',
  revoked: 'neutral',
};

const labels = { name: 'Name', scope: 'Permissions', expiresInDays: 'Valid for (days)' };
const labelOf = fieldLabels(labels);

function CreateTokenForm({ onCreated }: { onCreated: (created: CreatedApiToken) => void }) {
  const mutation = useCreateApiToken();
  const form = useContractForm({
    schema: createApiToken,
    defaultValues: { name: '', scope: [], expiresInDays: 90 },
    onSubmit: async (body) => {
      onCreated(await mutation.mutateAsync(body));
      form.reset();
    },
  });
  const { register, summary } = form;
  return (
    <form onSubmit={(event) => void form.submit(event)} noValidate aria-label="Create an API token" className="max-w-2xl space-y-4">
      <FormErrors {...summary} labelOf={labelOf} subject="This token" />
      <TextField {...register('name')} label={labels.name} hint="Which system uses it, e.g. “Billing”" error={summary.errors.name} />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-gray-700">{labels.scope}</legend>
        {tokenScopes.map((scope) => (
          <CheckboxField key={scope} {...register('scope')} value={scope} label={scopeLabels[scope]} />
        ))}
        {summary.errors.scope ? <p className="text-sm text-red-700">{summary.errors.scope}</p> : null}
      </fieldset>
      <TextField
        {...register('expiresInDays', { valueAsNumber: true })}
        label={labels.expiresInDays}
        type="number"
        min={1}
        max={366}
        error={summary.errors.expiresInDays}
      />
      <Button type="submit" variant="primary" disabled={mutation.isPending}>
        {mutation.isPending ? 'Creating…' : 'Create token'}
      </Button>
    </form>
  );
}

/** Officers' page of machine clients' tokens: make one (its secret shown once), see last use, revoke. */
export function Component() {
  const tokens = useQuery(apiTokenQueries.list());
  const revoke = useRevokeApiToken();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Other systems (the product’s backend, billing) call the API with a token: each may do only what its permissions say, and everything it changes is audited under its name."
      />
      {created ? (
        <SecretShownOnce
          title={`Token ${created.token.name} created`}
          label="Secret"
          secret={created.secret}
          onDone={() => setCreated(null)}
        >
          Copy it now: this is the only time it is shown. Only a hash of it is kept.
        </SecretShownOnce>
      ) : null}
      <ThisApiReference />
      <Section title="New token">
        <CreateTokenForm onCreated={setCreated} />
      </Section>
      <Section title="Tokens">
        <QueryState query={tokens} loading="Loading the tokens…" rows={2}>
          {({ items }) =>
            items.length === 0 ? (
              <p className="text-sm text-gray-700">No tokens yet.</p>
            ) : (
              <Table caption="API tokens, newest first">
                <THead>
                  <Th>Name</Th>
                  <Th>Permissions</Th>
                  <Th>Status</Th>
                  <Th>Last used</Th>
                  <Th>Valid until</Th>
                  <Th>
                    <span className="sr-only">Actions</span>
                  </Th>
                </THead>
                <TBody>
                  {items.map((token) => (
                    <tr key={token.id}>
                      <Td>
                        <span className="block font-medium">{token.name}</span>
                        <span className="block font-mono text-xs text-gray-700">{token.prefix}…</span>
                      </Td>
                      <Td>{token.scope.join(', ')}</Td>
                      <Td>
                        <Badge tone={statusTones[token.status]}>{token.status}</Badge>
                      </Td>
                      <Td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never'}</Td>
                      <Td>{formatDateTime(token.expiresAt)}</Td>
                      <Td className="text-right">
                        <ActionButton
                          refusal={token.actions.revoke.allowed ? null : (token.actions.revoke.reason ?? 'Not possible now')}
                          onClick={() => revoke.mutate(token.id)}
                          disabled={revoke.isPending}
                          aria-label={`Revoke ${token.name}`}
                        >
                          Revoke
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
    </>
  );
}
