import { useQuery } from '@tanstack/react-query';
import type { CompanySettings } from '@/api/contract/settings';
import { updateSettings } from '@/api/contract/settings';
import { Alert } from '@/components/ui/alert';
import { ActionButton } from '@/components/ui/action-button';
import { TextField } from '@/components/ui/fields';
import { FormErrors } from '@/components/ui/form-errors';
import { useOffers } from '@/lib/actions';
import { isApiError } from '@/lib/api-client';
import { useContractForm } from '@/lib/contract-form';
import { fieldLabels } from '@/lib/field-errors';
import { toasts } from '@/lib/toast';
import { useUpdateSettings } from '@/features/processors/api/processor-mutations';
import { processorQueries } from '@/features/processors/api/processor-queries';

const labels = { processorNoticeDays: 'Notice period (days)' };
const labelOf = fieldLabels(labels);

function NoticeForm({ settings, refusal, onStale }: { settings: CompanySettings; refusal: string | null; onStale: () => void }) {
  const mutation = useUpdateSettings();
  const form = useContractForm({
    schema: updateSettings,
    // A newer value loaded after a 412 replaces the field only where nothing was typed over it.
    values: { processorNoticeDays: settings.processorNoticeDays },
    resetOptions: { keepDirtyValues: true },
    onSubmit: async ({ processorNoticeDays }) => {
      try {
        await mutation.mutateAsync({ processorNoticeDays, version: settings.version });
      } catch (error) {
        if (isApiError(error, 412)) onStale();
        throw error;
      }
      form.reset({ processorNoticeDays });
      toasts.show(`Customers are now told ${processorNoticeDays} days ahead of a new processor.`, 'success');
    },
  });
  const stale = isApiError(form.summary.failure, 412);
  return (
    <>
      <form
        aria-labelledby="notice-settings"
        className="mt-2 flex flex-wrap items-end gap-3"
        noValidate
        onSubmit={(event) => void form.submit(event)}
      >
        <div className="w-48">
          <TextField
            {...form.register('processorNoticeDays', { setValueAs: (value: unknown) => (value === '' ? null : Number(value)) })}
            label={labels.processorNoticeDays}
            type="number"
            min={0}
            max={365}
            error={form.summary.errors.processorNoticeDays}
          />
        </div>
        <ActionButton type="submit" refusal={refusal} disabled={mutation.isPending}>
          Save notice period
        </ActionButton>
      </form>
      <div className="mt-3">
        {stale ? (
          <Alert title="The settings changed since you loaded them">
            <p>Someone else saved them meanwhile. The current value is loaded; save again to apply yours.</p>
          </Alert>
        ) : (
          <FormErrors {...form.summary} labelOf={labelOf} />
        )}
      </div>
    </>
  );
}

function NoticePanel({ settings, onStale }: { settings: CompanySettings; onStale: () => void }) {
  const update = useOffers('settings', settings.actions)('update');
  if (!update) return null;
  return (
    <section aria-labelledby="notice-settings" className="mb-6 rounded-md border border-gray-200 bg-white p-4">
      <h2 id="notice-settings" className="text-base font-semibold text-gray-900">
        Customer notice period
      </h2>
      <NoticeForm settings={settings} refusal={update.refusal} onStale={onStale} />
    </section>
  );
}

/** The officer's setting for how long customers are told of a new processor before it may start. */
export function NoticeSettings() {
  const query = useQuery(processorQueries.settings());
  if (!query.data) return null;
  return <NoticePanel settings={query.data} onStale={() => void query.refetch()} />;
}
