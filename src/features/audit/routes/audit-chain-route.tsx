import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { ChainReport } from '@/api/contract/ledger-chain';
import { chainLabels } from '@/api/contract/ledger-chain';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { Section } from '@/components/ui/section';
import { QueryState } from '@/components/ui/states';
import { auditQueries } from '@/features/audit/api/audit-queries';
import { formatCompanyTime, formatCount } from '@/lib/format';
import { useZones } from '@/lib/session';

const problemWords: Record<NonNullable<ChainReport['firstBroken']>['problem'], string> = {
  altered: 'was changed after it was written',
  missing: 'was removed',
  relinked: 'has had its link rewritten',
  out_of_order: 'is out of order',
  unchained: 'was written around the console (it has no link)',
  head_mismatch: 'does not end where the chain’s head says',
  anchor_mismatch: 'differs from a daily anchor',
};

function Verdict({ report }: { report: ChainReport }) {
  const label = chainLabels[report.chain];
  if (report.firstBroken === null) {
    return (
      <Alert tone="info" title={`${label}: intact`}>
        {formatCount(report.checked)} events checked, none changed since they were written
        {report.redacted > 0 ? ` (${formatCount(report.redacted)} with their email erased by a documented redaction)` : ''}.
      </Alert>
    );
  }
  const broken = report.firstBroken;
  return (
    <Alert title={`${label}: altered`}>
      The first event that does not hold is <code>{broken.eventId || '(none)'}</code>
      {broken.seq === null ? '' : ` (link ${broken.seq})`}: it {problemWords[broken.problem]}. {broken.detail}. The{' '}
      {formatCount(report.checked)} events before it hold.
    </Alert>
  );
}

export function Component() {
  const status = useQuery(auditQueries.chain());
  const verification = useQuery(auditQueries.verification());
  const zones = useZones();
  return (
    <>
      <PageHeader
        title="Audit integrity"
        description="Each audit event and consent event carries a hash chaining it to the one before, so an edit made in the database is found here. The chains’ head hashes are anchored daily in the server’s log."
        actions={
          <Button variant="primary" onClick={() => void verification.refetch()} disabled={verification.isFetching}>
            {verification.isFetching ? 'Checking…' : 'Check both chains'}
          </Button>
        }
      />
      <p className="mb-4 text-sm">
        <Link to="/audit" className="text-blue-700 underline">
          Back to the audit log
        </Link>
      </p>
      <div className="space-y-6">
        {verification.data ? (
          <Section title="Result of the check" description={`Checked at ${formatCompanyTime(verification.data.checkedAt, zones)}.`}>
            {verification.data.chains.map((report) => (
              <Verdict key={report.chain} report={report} />
            ))}
          </Section>
        ) : verification.isError ? (
          <Alert>The check could not run: {verification.error.message}</Alert>
        ) : null}
        <QueryState query={status} loading="Loading the chains…">
          {(data) => (
            <>
              {data.chains.map((c) => (
                <Section key={c.chain} title={chainLabels[c.chain]}>
                  <p className="text-sm text-gray-700">
                    Head: event {formatCount(c.head.seq)}, hash <code className="break-all">{c.head.hash}</code>
                  </p>
                  <table className="min-w-full text-sm" aria-label={`Daily anchors of the ${chainLabels[c.chain].toLowerCase()}`}>
                    <thead>
                      <tr className="text-left text-gray-600">
                        <th className="py-1 pr-4 font-medium">Anchored at</th>
                        <th className="py-1 pr-4 font-medium">Event</th>
                        <th className="py-1 font-medium">Head hash</th>
                      </tr>
                    </thead>
                    <tbody>
                      {c.anchors.length === 0 ? (
                        <tr>
                          <td colSpan={3} className="py-1 text-gray-600">
                            No anchor yet: the first is written at 00:05 UTC.
                          </td>
                        </tr>
                      ) : (
                        c.anchors.map((a) => (
                          <tr key={a.anchoredAt}>
                            <td className="py-1 pr-4">
                              <time dateTime={a.anchoredAt}>{formatCompanyTime(a.anchoredAt, zones)}</time>
                            </td>
                            <td className="py-1 pr-4">{formatCount(a.seq)}</td>
                            <td className="py-1 break-all">
                              <code>{a.hash}</code>
                            </td>
                          </tr>
                        ))
                      )}
                    </tbody>
                  </table>
                </Section>
              ))}
            </>
          )}
        </QueryState>
      </div>
    </>
  );
}
