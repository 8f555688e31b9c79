import type { MouseEvent } from 'react';
import { useState } from 'react';
import { buttonVariants } from '../../../components/ui/classes';
import { getSessionTransport } from '../../../lib/session-transport';
import { toasts } from '../../../lib/toast';

type DownloadLinkProps = { href: string; filename: string; label: string; onDone?: () => void };

/**
 * A real link (so it can be copied or opened), whose click fetches the file with the session's
 * credentials: in the demo the session is a bearer token a plain navigation would not carry.
 */
export function DownloadLink({ href, filename, label, onDone }: DownloadLinkProps) {
  const [busy, setBusy] = useState(false);
  const download = async () => {
    const transport = getSessionTransport();
    setBusy(true);
    try {
      const response = await fetch(href, { headers: transport.headers(), credentials: transport.credentials });
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
      onDone?.();
    } catch {
      toasts.show(`Could not download ${filename}. Try again.`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <a
      href={href}
      download={filename}
      aria-busy={busy || undefined}
      className={buttonVariants.secondary}
      onClick={(event: MouseEvent<HTMLAnchorElement>) => {
        event.preventDefault();
        if (!busy) void download();
      }}
    >
      {busy ? 'Preparing…' : label}
    </a>
  );
}
