import type { ReactNode } from 'react';
import { useRef, useState } from 'react';
import { EXPORT_REASON_HEADER } from '@/api/contract/email-exports';
import { Button } from './button';
import type { ButtonVariant } from './classes';
import { DownloadLink } from './download-link';
import { SelectField, TextField } from './fields';

type EmailExportLinkProps = {
  /** The export's address without the email choice. */
  href: string;
  filename: string;
  what: string;
  /** May the reader ask for addresses in clear (the session's `exports.clear_emails`)? Otherwise masked only. */
  canClear: boolean;
  children: ReactNode;
  variant?: ButtonVariant;
};

const REASON_NEEDED = 'Give the reason the email addresses are needed in clear';

/**
 * The address with the email choice the API reads (`emails`; masked is its default). The reason is not in it:
 * it goes in the `Export-Reason` header (api/contract/email-exports.ts), out of history and proxies' logs.
 */
function withEmails(href: string, clear: boolean): string {
  if (!clear) return href;
  const url = new URL(href, 'http://console.invalid');
  url.searchParams.set('emails', 'clear');
  return `${url.pathname}${url.search}`;
}

/**
 * A download of a file holding email addresses: masked, or (for who may) in clear with a stated reason,
 * which the API writes into the export's audit event. Opened from its address alone (a new tab), a clear
 * export has no reason, and the API says so. Asked for clear without a reason, it says so on the
 * reason's field and moves there, rather than sending a request the API would refuse.
 */
export function EmailExportLink({ href, filename, what, canClear, children, variant }: EmailExportLinkProps) {
  const [clear, setClear] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const reasonRef = useRef<HTMLInputElement>(null);
  const given = reason.trim();
  return (
    <div className="flex flex-wrap items-end gap-3">
      {canClear ? (
        <SelectField
          label="Email addresses"
          value={clear ? 'clear' : 'masked'}
          options={[
            { value: 'masked', label: 'Masked' },
            { value: 'clear', label: 'In clear, with a reason' },
          ]}
          onChange={(event) => {
            setClear(event.target.value === 'clear');
            setError(undefined);
          }}
        />
      ) : (
        <p className="text-sm text-gray-700">Email addresses are masked in your exports.</p>
      )}
      {clear ? (
        <div className="w-72">
          <TextField
            ref={reasonRef}
            label="Reason for clear emails"
            hint="Recorded in the audit log"
            maxLength={500}
            value={reason}
            error={error}
            onChange={(event) => {
              setReason(event.target.value);
              if (event.target.value.trim()) setError(undefined);
            }}
          />
        </div>
      ) : null}
      {clear && !given ? (
        <Button
          variant={variant}
          onClick={() => {
            setError(REASON_NEEDED);
            reasonRef.current?.focus();
          }}
        >
          {children}
        </Button>
      ) : (
        <DownloadLink
          href={withEmails(href, clear)}
          headers={clear ? { [EXPORT_REASON_HEADER]: encodeURIComponent(given) } : undefined}
          filename={filename}
          what={what}
          variant={variant}
        >
          {children}
        </DownloadLink>
      )}
    </div>
  );
}
