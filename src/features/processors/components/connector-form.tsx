import { z } from 'zod';
import type { ConnectorVendor, ProcessorConnector } from '@/api/contract/connectors';
import { connectorCatalogue, connectorVendors, setConnector } from '@/api/contract/connectors';
import type { ProcessorView } from '@/api/contract/processors';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/fields';
import { FormErrors } from '@/components/ui/form-errors';
import { useContractForm } from '@/lib/contract-form';
import { fieldLabels } from '@/lib/field-errors';
import { toasts } from '@/lib/toast';
import { useSetConnector } from '@/features/processors/api/connector-mutations';

type ConnectorValues = {
  vendor: ConnectorVendor;
  baseUrl: string;
  settings: Record<string, string>;
  credentials: Record<string, string>;
};

const fieldsOf = (vendor: ConnectorVendor, secret: boolean) => connectorCatalogue[vendor].fields.filter((f) => f.secret === secret);

/**
 * The form's values as the contract's body: this vendor's fields only, an empty address as "production".
 * Which fields a vendor has is the catalogue's, so TypeScript cannot tie them to the vendor's member of
 * the union; `setConnector` checks them right after.
 */
function toBody({ vendor, baseUrl, settings, credentials }: ConnectorValues): z.input<typeof setConnector> {
  const pick = (secret: boolean, from: Record<string, string>) =>
    Object.fromEntries(fieldsOf(vendor, secret).map((f) => [f.name, from[f.name] ?? '']));
  return {
    vendor,
    baseUrl: baseUrl.trim() === '' ? null : baseUrl.trim(),
    settings: pick(false, settings),
    credentials: pick(true, credentials),
  } as z.input<typeof setConnector>;
}
const connectorSchema = z.custom<ConnectorValues>().transform(toBody).pipe(setConnector);

function valuesFor(vendor: ConnectorVendor, current: ProcessorConnector | null, baseUrl: string): ConnectorValues {
  const same = current?.vendor === vendor;
  return {
    vendor,
    baseUrl,
    settings: Object.fromEntries(fieldsOf(vendor, false).map((f) => [f.name, same ? (current.settings[f.name] ?? '') : ''])),
    credentials: Object.fromEntries(fieldsOf(vendor, true).map((f) => [f.name, ''])),
  };
}

const labelsOf = (vendor: ConnectorVendor) =>
  fieldLabels({
    vendor: 'Vendor',
    baseUrl: 'API address',
    ...Object.fromEntries(connectorCatalogue[vendor].fields.map((f) => [`${f.secret ? 'credentials' : 'settings'}.${f.name}`, f.label])),
  });

/**
 * An officer configures the processor's connector: the vendor, where its API answers, its settings and
 * credentials. Credentials are sent once and stored encrypted; they are never shown again, and left empty
 * the stored ones stay.
 */
export function ConnectorForm({ processor, onDone, onReload }: { processor: ProcessorView; onDone: () => void; onReload: () => void }) {
  const mutation = useSetConnector(processor.id);
  const current = processor.connector;
  const form = useContractForm({
    schema: connectorSchema,
    defaultValues: valuesFor(current?.vendor ?? 'helpscout', current, current?.baseUrl ?? ''),
    onSubmit: async (body) => {
      const saved = await mutation.mutateAsync({ body, version: processor.version });
      // The secrets leave the page's memory once stored.
      form.reset(valuesFor(body.vendor, saved.connector, body.baseUrl ?? ''));
      toasts.show(`The ${connectorCatalogue[body.vendor].label} connector of ${saved.name} is saved.`, 'success');
      onDone();
    },
  });
  const { register, summary } = form;
  const vendor: ConnectorVendor = form.watch('vendor');
  const keeping = current?.credentialsSet === true && current.vendor === vendor;

  return (
    <form noValidate aria-label="Configure the connector" className="space-y-4" onSubmit={(event) => void form.submit(event)}>
      <FormErrors
        {...summary}
        labelOf={labelsOf(vendor)}
        subject="This processor"
        onReload={() => {
          mutation.reset();
          form.clearFailure();
          onReload();
        }}
      />
      <SelectField
        {...register('vendor', {
          onChange: (event: { target: { value: ConnectorVendor } }) =>
            form.reset(valuesFor(event.target.value, current, form.getValues('baseUrl')), { keepDefaultValues: true }),
        })}
        label="Vendor"
        options={connectorVendors.map((value) => ({ value, label: connectorCatalogue[value].label }))}
        error={summary.errors.vendor}
      />
      <TextField
        {...register('baseUrl')}
        label="API address"
        hint={`Leave empty for the vendor’s own: ${connectorCatalogue[vendor].productionBaseUrl}`}
        inputMode="url"
        error={summary.errors.baseUrl}
      />
      {fieldsOf(vendor, false).map((f) => (
        <TextField
          key={`${vendor}-${f.name}`}
          {...register(`settings.${f.name}`)}
          label={f.label}
          hint={f.hint}
          error={summary.errors[`settings.${f.name}`]}
        />
      ))}
      <fieldset className="space-y-3 rounded-md border border-gray-200 p-4">
        <legend className="px-1 text-sm font-medium text-gray-900">Credentials</legend>
        <p className="text-sm text-gray-700">
          {keeping
            ? 'Stored encrypted. Leave these empty to keep them, or enter all of them to replace them.'
            : 'Stored encrypted with the server’s key, and never shown again.'}{' '}
          <a href={connectorCatalogue[vendor].docsUrl} className="underline" rel="noreferrer" target="_blank">
            Where to find them
          </a>
        </p>
        {fieldsOf(vendor, true).map((f) => (
          <TextField
            key={`${vendor}-${f.name}`}
            {...register(`credentials.${f.name}`)}
            type="password"
            autoComplete="new-password"
            spellCheck={false}
            label={f.label}
            hint={f.hint}
            error={summary.errors[`credentials.${f.name}`]}
          />
        ))}
      </fieldset>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="primary" disabled={mutation.isPending}>
          {mutation.isPending ? 'Saving…' : 'Save connector'}
        </Button>
        <Button onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
}
