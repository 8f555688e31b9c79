import { DownloadLink } from '@/components/ui/download-link';

type ExportLink = { href: string; label: string; filename: string };

export function ExportLinks({ canExportRegistry }: { canExportRegistry: boolean }) {
  const links: ExportLink[] = [
    ...(canExportRegistry ? [{ href: '/api/exports/processors.csv', label: 'Registry (CSV)', filename: 'processors.csv' }] : []),
    { href: '/api/exports/sub-processors.md', label: 'Public list (Markdown)', filename: 'sub-processors.md' },
    { href: '/api/exports/sub-processors.html', label: 'Public list (HTML)', filename: 'sub-processors.html' },
  ];
  return (
    <nav aria-label="Exports" className="flex flex-wrap gap-2">
      {links.map((link) => (
        <DownloadLink key={link.href} href={link.href} filename={link.filename} what={link.label}>
          {link.label}
        </DownloadLink>
      ))}
    </nav>
  );
}
