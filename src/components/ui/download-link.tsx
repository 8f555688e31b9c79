import type { MouseEvent, ReactNode } from 'react';
import { useState } from 'react';
import { getSessionTransport } from '@/lib/session-transport';
import { toasts } from '@/lib/toast';
import type { ButtonVariant } from './classes';
import { buttonVariants } from './classes';

type DownloadLinkProps = {
  href: string;
  filename: string;
  /** What the file is, for the messages ("the audit events"). */
  what: string;
  children: ReactNode;
  variant?: ButtonVariant;
  /** Sent with the click's request beside the session's (an export's reason, kept out of the address). */
  headers?: Readonly<Record<string, string>>;
};

/**
 * A real link (so it can be copied or opened), whose click fetches the file with the session's
 * credentials: in the demo the session is a bearer token that a plain navigation would not carry.
 */
export function DownloadLink({ href, filename, what, children, variant = 'secondary', headers }: DownloadLinkProps) {
  const [busy, setBusy] = useState(false);
  const onClick = async (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    if (busy) return;
    const transport = getSessionTransport();
    setBusy(true);
    try {
      const response = await fetch(href, { headers: { ...headers, ...transport.headers() }, credentials: transport.credentials });
      if (!response.ok) throw new Error(`status ${response.status}`);
      const url = URL.createObjectURL(await response.blob());
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = filename;
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      // Revoked after the click has been handled, so the download has its data.
      setTimeout(() => URL.revokeObjectURL(url), 0);
      toasts.show(`Downloaded ${what}.`, 'success');
    } catch {
      toasts.show(`Could not download ${what}. Try again.`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <a
      href={href}
      download={filename}
      aria-busy={busy || undefined}
      className={buttonVariants[variant]}
      onClick={(event) => void onClick(event)}
    >
      {busy ? 'Preparing…' : children}
    </a>
  );
}
