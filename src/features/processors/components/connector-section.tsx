import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { connectorCatalogue } from '@/api/contract/connectors';
import type { ActionState } from '@/api/contract/common';
import { actionPermissions } from '@/api/contract/endpoints';
import type { ProcessorView } from '@/api/contract/processors';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { DefinitionList } from '@/components/ui/definition-list';
import { isApiError } from '@/lib/api-client';
import { can } from '@/lib/can';
import { formatDateTime } from '@/lib/format';
import { useSession } from '@/lib/session';
import { toasts } from '@/lib/toast';
import { useClearConnector, useTestConnector } from '@/features/processors/api/connector-mutations';
import { processorKeys } from '@/features/processors/api/processor-queries';
import { ConnectorForm } from './connector-form';

/** An action's button: shown when the caller may take it at all, disabled with its reason when not now. */
function ActionButton({
  state,
  id,
  onClick,
  busy,
  variant,
  children,
}: {
  state: ActionState;
  id: string;
  onClick: () => void;
  busy: boolean;
  variant?: 'primary' | 'secondary' | 'danger';
  children: string;
}) {
  return (
    <div className="space-y-1">
      <Button variant={variant} disabled={!state.allowed || busy} aria-describedby={state.reason ? id : undefined} onClick={onClick}>
        {children}
      </Button>
      {state.reason ? (
        <p id={id} className="text-xs text-gray-700">
          {state.reason}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The processor's connector (issue 15): which vendor API erases a person there, where it answers, whether
 * credentials are set (never what they are), and, for whoever the record allows, configure, test and remove.
 */
export function ConnectorSection({ processor }: { processor: ProcessorView }) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [confirmClear, setConfirmClear] = useState(false);
  const test = useTestConnector(processor.id);
  const clear = useClearConnector(processor.id);
  const session = useSession();
  const { connector, actions } = processor;
  // Not the caller's to take at all (their role's permissions): no button. Not now (the record): disabled, with why.
  const forbidden = (action: 'configureConnector' | 'testConnector' | 'clearConnector') =>
    !can(session, actionPermissions.processor[action]);
  const reload = () => void queryClient.invalidateQueries({ queryKey: processorKeys.detail(processor.id) });

  const details = connector
    ? [
        { term: 'Vendor API', value: connectorCatalogue[connector.vendor].label },
        { term: 'API address', value: connector.baseUrl ?? `The vendor’s own (${connectorCatalogue[connector.vendor].productionBaseUrl})` },
        ...connectorCatalogue[connector.vendor].fields
          .filter((f) => !f.secret)
          .map((f) => ({ term: f.label, value: connector.settings[f.name] ?? '—' })),
        {
          term: 'Credentials',
          value: connector.credentialsSet ? 'Set, stored encrypted' : 'Not set: deletions here cannot run until they are',
        },
        { term: 'Configured', value: `${formatDateTime(connector.configuredAt)} by ${connector.configuredBy.name}` },
      ]
    : null;

  return (
    <div className="space-y-4">
      {details ? (
        <DefinitionList items={details} />
      ) : (
        <p className="text-sm text-gray-700">
          No connector: a deletion at this processor is a manual task, resolved by hand with a reference.
        </p>
      )}
      {!editing ? (
        <div className="flex flex-wrap items-start gap-3">
          {forbidden('configureConnector') ? null : (
            <ActionButton
              state={actions.configureConnector}
              id={`${processor.id}-configure-reason`}
              busy={false}
              onClick={() => setEditing(true)}
            >
              {connector ? 'Change the connector' : 'Configure a connector'}
            </ActionButton>
          )}
          {!connector || forbidden('testConnector') ? null : (
            <ActionButton
              state={actions.testConnector}
              id={`${processor.id}-test-reason`}
              busy={test.isPending}
              onClick={() => test.mutate()}
            >
              {test.isPending ? 'Testing…' : 'Test the connection'}
            </ActionButton>
          )}
          {!connector || forbidden('clearConnector') ? null : (
            <ActionButton
              state={actions.clearConnector}
              id={`${processor.id}-clear-reason`}
              variant="danger"
              busy={clear.isPending}
              onClick={() => setConfirmClear(true)}
            >
              Remove the connector
            </ActionButton>
          )}
        </div>
      ) : (
        <ConnectorForm processor={processor} onDone={() => setEditing(false)} onReload={reload} />
      )}
      {test.data ? (
        <Alert tone={test.data.ok ? 'info' : 'error'} title={test.data.ok ? 'The connection works' : 'The connection failed'}>
          <p>
            {test.data.message}
            {test.data.status !== null ? ` (HTTP ${test.data.status})` : ''}, {formatDateTime(test.data.testedAt)}.
          </p>
        </Alert>
      ) : test.error ? (
        <Alert title="Could not test the connection">
          <p>{test.error.message}</p>
        </Alert>
      ) : null}
      {isApiError(clear.error, 412) ? (
        <Alert title="This processor has changed since you loaded it">
          <p>Someone else saved it meanwhile. Load the newer version and try again.</p>
          <Button
            className="mt-2"
            onClick={() => {
              clear.reset();
              reload();
            }}
          >
            Load the newer version
          </Button>
        </Alert>
      ) : clear.error ? (
        <Alert title="Could not remove the connector">
          <p>{clear.error.message}</p>
        </Alert>
      ) : null}
      <ConfirmDialog
        open={confirmClear}
        title={`Remove the connector of ${processor.name}?`}
        confirmLabel="Remove the connector"
        busy={clear.isPending}
        onConfirm={() =>
          clear.mutate(
            { version: processor.version },
            {
              onSuccess: (saved) => {
                setConfirmClear(false);
                test.reset();
                toasts.show(`The connector of ${saved.name} is removed and its credentials destroyed.`, 'success');
              },
              onError: () => setConfirmClear(false),
            },
          )
        }
        onCancel={() => setConfirmClear(false)}
      >
        <p>Its credentials are destroyed. Deletions at this processor become manual tasks until a connector is configured again.</p>
      </ConfirmDialog>
    </div>
  );
}
