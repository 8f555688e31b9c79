import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { DeletionCertificate } from '@/api/contract/deletions';
import type { Verification } from '@/api/rules/certificate-verification';
import { verifyCertificateText } from '@/api/rules/certificate-verification';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { linkClass } from '@/components/ui/classes';
import { DefinitionList } from '@/components/ui/definition-list';
import { PageHeader } from '@/components/ui/page-header';
import { QueryState } from '@/components/ui/states';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { formatCalendarDate, formatDateTime, humanize } from '@/lib/format';
import { deletionQueries } from '@/features/deletions/api/deletion-queries';

/**
 * On paper only the certificate matters: the console's navigation, demo banner, notifications and buttons
 * stay off it, and it prints black on white whatever the theme.
 */
const printStyles = `@media print {
  header:has(nav[aria-label="Main"]), section[aria-label="Demo mode"], section[aria-label="Notifications"], a[href="#main"], [data-print="hide"] { display: none !important; }
  main { max-width: none !important; padding: 0 !important; }
  html, body, main, main * { color: #000 !important; background: #fff !important; box-shadow: none !important; }
}`;

/** The company and the officer who completed the request (with their role, on certificates that kept it). */
function issuerInWords(issuer: DeletionCertificate['issuer']): string {
  return `${issuer.company}, ${issuer.officer}${issuer.officerRole ? ` (${issuer.officerRole.toLowerCase()})` : ''}`;
}

/** Checks a downloaded certificate file against the key the issuer publishes, in the page. */
function VerifyCertificate() {
  const key = useQuery(deletionQueries.signingKey());
  const [result, setResult] = useState<Verification | null>(null);
  return (
    <section aria-labelledby="verify-heading" className="space-y-3" data-print="hide">
      <h2 id="verify-heading" className="text-lg font-semibold text-gray-900">
        Check a downloaded certificate
      </h2>
      <p className="text-sm text-gray-700">
        Choose a certificate file (JSON): its signature is checked against the published key. A single changed byte fails.
      </p>
      <label className="block text-sm font-medium text-gray-900">
        Certificate file
        <input
          type="file"
          accept="application/json,.json"
          className="mt-1 block text-sm"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            if (!file) return;
            void file.text().then(async (text) => setResult(await verifyCertificateText(text, key.data?.publicKey)));
          }}
        />
      </label>
      {result ? (
        <p role="status" className={`text-sm font-medium ${result.valid ? 'text-green-800' : 'text-red-800'}`}>
          {result.valid ? `Valid: signed with the published key ${result.keyId}` : `Not valid: ${result.reason}`}
        </p>
      ) : null}
    </section>
  );
}

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
      <p className="max-w-3xl text-gray-900">{certificate.statement}</p>
      <DefinitionList
        items={[
          { term: 'Certificate', value: certificate.certificateId },
          { term: 'Issued by', value: issuerInWords(certificate.issuer) },
          ...(certificate.issuer.address ? [{ term: 'Issuer address', value: certificate.issuer.address }] : []),
          ...(certificate.issuer.email
            ? [{ term: 'Issuer contact', value: `${certificate.issuer.contact ?? 'Privacy'}, ${certificate.issuer.email}` }]
            : []),
          { term: 'Issued', value: formatDateTime(certificate.issuedAt) },
          {
            // A person's erasure names the person (a visitor has no account); only an account has a page to open.
            term: certificate.account.id ? 'Account' : 'Erased',
            value: certificate.account.id ? (
              <Link to={`/accounts/${certificate.account.id}`} className={linkClass}>
                {certificate.account.name}
              </Link>
            ) : (
              certificate.account.name
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
          {
            term: 'Signature',
            value: (
              <span className="break-all">
                Ed25519, key {certificate.signature.keyId}: public key {certificate.signature.publicKey} (published at{' '}
                /api/.well-known/deletion-certificate-key)
              </span>
            ),
          },
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
      <div className="mt-8">
        <VerifyCertificate />
      </div>
    </>
  );
}
