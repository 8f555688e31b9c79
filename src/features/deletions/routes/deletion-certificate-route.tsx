import type { QueryClient } from '@tanstack/react-query';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { DeletionCertificate } from '@/api/contract/deletions';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { linkClass } from '@/components/ui/classes';
import { DefinitionList } from '@/components/ui/definition-list';
import { PageHeader } from '@/components/ui/page-header';
import { QueryState } from '@/components/ui/states';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { formatCalendarDate, formatDateTime, humanize } from '@/lib/format';
import type { RouteLoader } from '@/lib/route-module';
import { settled } from '@/lib/route-module';
import { deletionQueries } from '@/features/deletions/api/deletion-queries';

export function createLoader(queryClient: QueryClient): RouteLoader {
  return ({ params }) => settled(queryClient.ensureQueryData(deletionQueries.certificate(params.id ?? '')));
}

/** On paper only the certificate matters: the console's navigation, demo banner and buttons stay off it. */
const printStyles = `@media print {
  header:has(nav[aria-label="Main"]), section[aria-label="Demo mode"], a[href="#main"], [data-print="hide"] { display: none !important; }
  main { max-width: none !important; padding: 0 !important; }
}`;

function downloadJson(certificate: DeletionCertificate) {
  const blob = new Blob([JSON.stringify(certificate, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `${certificate.certificateId}.json`;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has been handled, so the download has its data.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function Certificate({ certificate }: { certificate: DeletionCertificate }) {
  return (
    <div className="space-y-8">
      <DefinitionList
        items={[
          { term: 'Certificate', value: certificate.certificateId },
          { term: 'Issued', value: formatDateTime(certificate.issuedAt) },
          {
            term: 'Account',
            value: (
              <Link to={`/accounts/${certificate.account.id}`} className={linkClass}>
                {certificate.account.name}
              </Link>
            ),
          },
          { term: 'Origin', value: humanize(certificate.origin) },
          { term: 'Received', value: formatDateTime(certificate.receivedAt) },
          { term: 'Due', value: formatDateTime(certificate.dueAt) },
          {
            term: 'Completed',
            value: (
              <span className="flex flex-wrap items-center gap-2">
                {formatDateTime(certificate.completedAt)}
                <Badge tone={certificate.onTime ? 'success' : 'danger'}>{certificate.onTime ? 'On time' : 'Late'}</Badge>
              </span>
            ),
          },
          { term: 'Approved by', value: `${certificate.approvedBy}, ${formatDateTime(certificate.approvedAt)}` },
          { term: 'Backup rolls off', value: certificate.backupRollOffOn ? formatCalendarDate(certificate.backupRollOffOn) : '—' },
        ]}
      />
      <Table caption="What was cleared where">
        <THead>
          <Th>System</Th>
          <Th>Kind</Th>
          <Th>Outcome</Th>
          <Th>Resolved</Th>
          <Th>Reference</Th>
          <Th>Recipient told</Th>
        </THead>
        <TBody>
          {certificate.systems.map((system) => (
            <tr key={`${system.system}-${system.kind}`}>
              <Td className="font-medium">{system.system}</Td>
              <Td>{humanize(system.kind)}</Td>
              <Td>
                {humanize(system.outcome)}
                {system.rollOffOn ? (
                  <span className="block text-xs text-gray-700">Backup rolls off {formatCalendarDate(system.rollOffOn)}</span>
                ) : null}
              </Td>
              <Td>
                {formatDateTime(system.resolvedAt)} by {system.resolvedBy}
              </Td>
              <Td>{system.reference ?? '—'}</Td>
              <Td>{system.recipientNotifiedAt ? formatDateTime(system.recipientNotifiedAt) : '—'}</Td>
            </tr>
          ))}
        </TBody>
      </Table>
      <section aria-labelledby="exceptions-heading" className="space-y-3">
        <h2 id="exceptions-heading" className="text-lg font-semibold text-gray-900">
          Kept under a legal hold
        </h2>
        {certificate.exceptions.length === 0 ? (
          <p className="text-sm text-gray-700">Nothing was kept back.</p>
        ) : (
          <ul className="space-y-2">
            {certificate.exceptions.map((hold) => (
              <li key={hold.id} className="text-sm">
                <span className="font-medium">
                  {hold.system}: {hold.data}
                </span>{' '}
                — {hold.legalReason}. Kept until {formatCalendarDate(hold.until)}.
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export function Component() {
  const { id = '' } = useParams();
  const query = useQuery(deletionQueries.certificate(id));
  const certificate = query.data;
  return (
    <>
      <style>{printStyles}</style>
      <p className="mb-2 text-sm" data-print="hide">
        <Link to={`/deletions/${id}`} className={linkClass}>
          ← Back to the request
        </Link>
      </p>
      <PageHeader
        title={certificate ? `Certificate of deletion: ${certificate.account.name}` : 'Certificate of deletion'}
        actions={
          certificate ? (
            <div className="flex gap-2" data-print="hide">
              <Button onClick={() => downloadJson(certificate)}>Download JSON</Button>
              <Button variant="primary" onClick={() => window.print()}>
                Print
              </Button>
            </div>
          ) : null
        }
      />
      <QueryState query={query} loading="Loading the certificate…">
        {(data) => <Certificate certificate={data} />}
      </QueryState>
    </>
  );
}
