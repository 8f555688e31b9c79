import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { updateSettings } from '@/api/contract/settings';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/fields';
import { isApiError } from '@/lib/api-client';
import { toasts } from '@/lib/toast';
import { useUpdateSettings } from '@/features/processors/api/processor-mutations';
import { processorQueries } from '@/features/processors/api/processor-queries';

/** The officer's setting for how long customers are told of a new processor before it may start. */
export function NoticeSettings() {
  const query = useQuery(processorQueries.settings());
  const mutation = useUpdateSettings();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  if (!query.data) return null;
  const settings = query.data;
  const value = draft ?? String(settings.processorNoticeDays);

  const save = () => {
    const parsed = updateSettings.safeParse({ processorNoticeDays: value.trim() === '' ? Number.NaN : Number(value) });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Enter a whole number of days');
      return;
    }
    setError(undefined);
    mutation.mutate(
      { processorNoticeDays: parsed.data.processorNoticeDays, version: settings.version },
      {
        onSuccess: () => {
          setDraft(null);
          toasts.show(`Customers are now told ${parsed.data.processorNoticeDays} days ahead of a new processor.`, 'success');
        },
        onError: (failure) => {
          if (isApiError(failure, 422)) setError(failure.fields.processorNoticeDays ?? failure.message);
          if (isApiError(failure, 412)) void query.refetch();
        },
      },
    );
  };

  return (
    <section aria-labelledby="notice-settings" className="mb-6 rounded-md border border-gray-200 bg-white p-4">
      <h2 id="notice-settings" className="text-base font-semibold text-gray-900">
        Customer notice period
      </h2>
      <form
        className="mt-2 flex flex-wrap items-end gap-3"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <div className="w-48">
          <TextField
            label="Notice period (days)"
            type="number"
            min={0}
            max={365}
            value={value}
            error={error}
            onChange={(event) => setDraft(event.target.value)}
          />
        </div>
        <Button type="submit" disabled={mutation.isPending}>
          Save notice period
        </Button>
      </form>
      {isApiError(mutation.error, 412) ? (
        <div className="mt-3">
          <Alert title="The settings changed since you loaded them">
            <p>Someone else saved them meanwhile. The current value is loaded; save again to apply yours.</p>
          </Alert>
        </div>
      ) : null}
    </section>
  );
}
