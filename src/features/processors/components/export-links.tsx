import type { MouseEvent } from 'react';
import { buttonVariants } from '../../../components/ui/classes';
import { getSessionTransport } from '../../../lib/session-transport';
import { toasts } from '../../../lib/toast';

type ExportLink = { href: string; label: string; filename: string };

/**
 * A real link (so it can be copied or opened), whose click fetches the file with the session's
 * credentials: in the demo the session is a bearer token a plain navigation would not carry.
 */
async function download(link: ExportLink) {
  const transport = getSessionTransport();
  try {
    const response = await fetch(link.href, { headers: transport.headers(), credentials: transport.credentials });
    if (!response.ok) throw new Error(`status ${response.status}`);
    const url = URL.createObjectURL(await response.blob());
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = link.filename;
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    // Revoked after the click has been handled, so the download has its data.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  } catch {
    toasts.show(`Could not download ${link.label}. Try again.`);
  }
}

export function ExportLinks({ canExportRegistry }: { canExportRegistry: boolean }) {
  const links: ExportLink[] = [
    ...(canExportRegistry ? [{ href: '/api/exports/processors.csv', label: 'Registry (CSV)', filename: 'processors.csv' }] : []),
    { href: '/api/exports/sub-processors.md', label: 'Public list (Markdown)', filename: 'sub-processors.md' },
    { href: '/api/exports/sub-processors.html', label: 'Public list (HTML)', filename: 'sub-processors.html' },
  ];
  return (
    <nav aria-label="Exports" className="flex flex-wrap gap-2">
      {links.map((link) => (
        <a
          key={link.href}
          href={link.href}
          download={link.filename}
          className={buttonVariants.secondary}
          onClick={(event: MouseEvent<HTMLAnchorElement>) => {
            event.preventDefault();
            void download(link);
          }}
        >
          {link.label}
        </a>
      ))}
    </nav>
  );
}
