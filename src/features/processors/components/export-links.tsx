import { Link } from 'react-router';
import { buttonVariants } from '@/components/ui/classes';
import { DownloadLink } from '@/components/ui/download-link';

type ExportLink = { href: string; label: string; filename: string };

export function ExportLinks({ canExportRegistry }: { canExportRegistry: boolean }) {
  const links: ExportLink[] = [
    ...(canExportRegistry
      ? [
          { href: '/api/exports/processors.csv', label: 'Registry (CSV)', filename: 'processors.csv' },
          { href: '/api/exports/record-of-processing.xlsx', label: 'Record of processing (XLSX)', filename: 'record-of-processing.xlsx' },
          { href: '/api/exports/record-of-processing.csv', label: 'Record of processing (CSV)', filename: 'record-of-processing.csv' },
        ]
      : []),
    { href: '/api/exports/sub-processors.md', label: 'Public list (Markdown)', filename: 'sub-processors.md' },
    { href: '/api/exports/sub-processors.html', label: 'Public list (HTML)', filename: 'sub-processors.html' },
  ];
  return (
    <nav aria-label="Exports" className="flex flex-wrap gap-2">
      {canExportRegistry ? (
        <Link to="/record-of-processing" className={buttonVariants.secondary}>
          Record of processing (Art. 30)
        </Link>
      ) : null}
      {links.map((link) => (
        <DownloadLink key={link.href} href={link.href} filename={link.filename} what={link.label}>
          {link.label}
        </DownloadLink>
      ))}
    </nav>
  );
}
