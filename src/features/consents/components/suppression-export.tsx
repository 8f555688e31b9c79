import { useState } from 'react';
import type { ConsentPurpose } from '@/api/contract/consent';
import { consentPurpose, consentPurposeOptions } from '@/api/contract/consent';
import { focusRing } from '@/components/ui/classes';
import { SelectField } from '@/components/ui/fields';
import { EmailExportLink } from '@/components/ui/email-export-link';
import { can } from '@/lib/can';
import { useSession } from '@/lib/session';

type State = '' | 'granted' | 'withdrawn';

function exportHref(purpose: ConsentPurpose | undefined, state: State): string {
  const params = new URLSearchParams();
  if (purpose) params.set('purpose', purpose);
  if (state) params.set('state', state);
  const query = params.toString();
  return `/api/exports/consent-suppression.csv${query ? `?${query}` : ''}`;
}

/** The suppression list for mailing and ad tools: current consent per person and purpose, emails masked or (officers, with a reason) in clear. */
export function SuppressionExport({ defaultPurpose }: { defaultPurpose?: ConsentPurpose }) {
  const [purpose, setPurpose] = useState<ConsentPurpose | undefined>(defaultPurpose);
  const [state, setState] = useState<State>('withdrawn');
  const session = useSession();
  return (
    <details className="mb-4 rounded-lg border border-gray-200 bg-white shadow-xs">
      <summary className={`cursor-pointer rounded-lg px-4 py-3 text-sm font-medium text-gray-900 ${focusRing}`}>
        Download suppression list (CSV)
      </summary>
      <div className="space-y-3 border-t border-gray-200 px-4 py-4">
        <p className="max-w-3xl text-sm text-gray-700">
          Each person's current consent per purpose, to load into mailing and advertising tools. Email addresses are masked unless a privacy
          officer asks for them in clear and says why. Every download is recorded in the audit log under your name.
        </p>
        <div className="flex flex-wrap items-end gap-4">
          <SelectField
            label="Purpose of the list"
            emptyLabel="All purposes"
            value={purpose ?? ''}
            options={consentPurposeOptions}
            onChange={(event) => {
              const parsed = consentPurpose.safeParse(event.target.value);
              setPurpose(parsed.success ? parsed.data : undefined);
            }}
          />
          <SelectField
            label="Current consent"
            value={state}
            options={[
              { value: 'withdrawn', label: 'Withdrawn (do not contact)' },
              { value: 'granted', label: 'Granted' },
              { value: '', label: 'Both' },
            ]}
            onChange={(event) => setState(event.target.value === 'granted' || event.target.value === 'withdrawn' ? event.target.value : '')}
          />
          <EmailExportLink
            href={exportHref(purpose, state)}
            filename="consent-suppression.csv"
            what="the suppression list (CSV)"
            canClear={can(session, 'exports.clear_emails')}
          >
            Download CSV (audited)
          </EmailExportLink>
        </div>
      </div>
    </details>
  );
}
