import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { DashboardSummary } from '@/api/contract/dashboard';
import type { AttentionReason } from '@/api/contract/processors';
import { Alert } from '@/components/ui/alert';
import { buttonVariants, linkClass } from '@/components/ui/classes';
import { Countdown } from '@/components/ui/countdown';
import { formatDateTime } from '@/lib/format';
import { PageHeader } from '@/components/ui/page-header';
import { Section } from '@/components/ui/section';
import { QueryState } from '@/components/ui/states';
import { can } from '@/lib/can';
import { useSession } from '@/lib/session';
import { dashboardQueries } from '@/features/dashboard/api/dashboard-queries';
import { DashboardSkeleton } from '@/features/dashboard/components/dashboard-skeleton';
import { Figure, FigureGrid } from '@/features/dashboard/components/figure';
import { WithdrawalsChart } from '@/features/dashboard/components/withdrawals-chart';
import { dashboardLinks } from '@/features/dashboard/dashboard-links';
import { useNow } from '@/lib/now';

const attentionLabels: Record<AttentionReason, string> = {
  review_overdue: 'Processors with an overdue review',
  no_signed_dpa: 'Processors without a signed DPA',
  transfer_without_mechanism: 'Transfers without a mechanism',
  retention_missing: 'Processors without a retention rule',
  dpa_expiring: 'Processors whose DPA expires within 60 days',
};

/** "3 hours", "2 days": how long the oldest request has waited. */
function waited(sinceIso: string, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - new Date(sinceIso).getTime()) / 60_000));
  const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;
  if (minutes < 60) return plural(minutes, 'minute');
  if (minutes < 24 * 60) return plural(Math.floor(minutes / 60), 'hour');
  return plural(Math.floor(minutes / (24 * 60)), 'day');
}

const audienceWords = { authority: 'to notify the supervisory authority', customers: 'to tell the customers' } as const;

/** Open breaches with the time left on their next clock (the server's count, ticking here). */
function Breaches({
  breaches,
  asOf,
  receivedAt,
}: {
  breaches: NonNullable<DashboardSummary['breaches']>;
  asOf: string;
  receivedAt: number;
}) {
  return (
    <Section title="Breaches" description="Open breaches and their clocks: the authority within 72 hours of awareness (GDPR Art. 33).">
      {breaches.length === 0 ? (
        <p className="text-sm text-gray-700">No open breach.</p>
      ) : (
        <ul className="space-y-2 text-sm">
          {breaches.map((b) => (
            <li key={b.id} className="rounded-lg border border-gray-200 bg-white p-3 shadow-xs">
              <Link to={`/breaches/${encodeURIComponent(b.id)}`} className={linkClass}>
                {b.title}
              </Link>{' '}
              —{' '}
              {b.nextDeadline && b.nextAudience ? (
                <Countdown
                  secondsLeft={Math.floor((Date.parse(b.nextDeadline) - Date.parse(asOf)) / 1000)}
                  receivedAt={receivedAt}
                  label={audienceWords[b.nextAudience]}
                />
              ) : (
                <span>every notice due has been sent</span>
              )}
              {b.remindersDue > 0 ? (
                <span className="ml-2 text-gray-700">({[24, 48, 66][b.remindersDue - 1]}-hour reminder sent to the officers)</span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function Summary({ summary, receivedAt }: { summary: DashboardSummary; receivedAt: number }) {
  const now = useNow();
  const { deletions, supportAccess, consent, processors, mine, revealBursts } = summary;
  return (
    <div className="space-y-10">
      {summary.breaches ? <Breaches breaches={summary.breaches} asOf={summary.asOf} receivedAt={receivedAt} /> : null}
      {revealBursts && revealBursts.length > 0 ? (
        <Alert title="Bursts of email reveals">
          <p>
            These people reached their hourly limit of email reveals in the past 24 hours; the audit log shows what they revealed and why:
          </p>
          <ul className="list-disc pl-5">
            {revealBursts.map((b) => (
              <li key={`${b.actorId ?? ''}-${b.at}`}>
                {b.actorId ? (
                  <Link to={`/audit?actorId=${encodeURIComponent(b.actorId)}&action=pii`} className="underline">
                    {b.actorName}
                  </Link>
                ) : (
                  b.actorName
                )}
                , at {formatDateTime(b.at)}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {mine ? (
        <Section title="Your support access" description="Your own requests and the grants you hold.">
          <FigureGrid>
            <Figure
              count={mine.awaitingConsent}
              label="Your requests awaiting the customer’s consent"
              to={dashboardLinks.accessAwaitingConsent}
            />
            <Figure count={mine.awaitingApproval} label="Your requests awaiting approval" to={dashboardLinks.accessConsented} />
            <Figure count={mine.activeGrants} label="Your active grants" to={dashboardLinks.accessActive} />
            <Figure
              count={mine.endingWithinHour}
              label="Your grants ending within the hour"
              to={dashboardLinks.accessEndingWithinHour}
              urgent
            />
          </FigureGrid>
        </Section>
      ) : null}
      {deletions ? (
        <Section title="Deletions" description="Cancelled accounts’ data must be gone within 30 days (policy 5.7).">
          <FigureGrid>
            <Figure count={deletions.overdue} label="Deletions overdue" to={dashboardLinks.deletionsOverdue} urgent />
            <Figure
              count={deletions.dueWithin7Days}
              label="Deletions due within 7 days"
              to={dashboardLinks.deletionsDueSoon}
              note="The overdue ones included."
            />
          </FigureGrid>
        </Section>
      ) : null}
      {supportAccess ? (
        <Section title="Support access">
          <FigureGrid>
            <Figure
              count={supportAccess.awaitingApproval}
              label="Support requests awaiting approval"
              to={dashboardLinks.accessAwaitingApproval}
              note={
                supportAccess.oldestAwaitingSince ? (
                  <>
                    The oldest has waited{' '}
                    <time dateTime={supportAccess.oldestAwaitingSince}>{waited(supportAccess.oldestAwaitingSince, now)}</time>.
                  </>
                ) : undefined
              }
            />
            <Figure
              count={supportAccess.endingWithinHour}
              label="Grants ending within the hour"
              to={dashboardLinks.accessEndingWithinHour}
            />
          </FigureGrid>
        </Section>
      ) : null}
      {consent ? (
        <Section title="Consent">
          <FigureGrid>
            <Figure count={consent.reviewOpen} label="Consent records to review" to={dashboardLinks.consentReview} />
          </FigureGrid>
          <WithdrawalsChart withdrawals={consent.withdrawals} since={consent.withdrawalsSince} />
        </Section>
      ) : null}
      <Section title="Processors needing attention" description="Each opens the registry filtered to the processors it counts.">
        {processors.attention.length === 0 ? (
          <p className="text-sm text-gray-700">No processor needs attention.</p>
        ) : (
          <FigureGrid>
            {processors.attention.map(({ reason, count }) => (
              <Figure key={reason} count={count} label={attentionLabels[reason]} to={dashboardLinks.processorsAttention(reason)} urgent />
            ))}
          </FigureGrid>
        )}
      </Section>
    </div>
  );
}

/** The work each role starts from here; a role that changes nothing (an auditor) has none. */
function Actions() {
  const session = useSession();
  const erasure = can(session, 'deletions.write');
  const access = can(session, 'access.request');
  if (!erasure && !access) return null;
  return (
    <>
      {erasure ? (
        <Link to="/deletions/new" className={buttonVariants.secondary}>
          Record an erasure request
        </Link>
      ) : null}
      {access ? (
        <Link to="/support-access/new" className={buttonVariants.primary}>
          Ask for support access
        </Link>
      ) : null}
    </>
  );
}

export function Component() {
  const query = useQuery(dashboardQueries.summary());
  return (
    <>
      <PageHeader title="Dashboard" description="What needs attention now. Each number opens the list behind it." actions={<Actions />} />
      <QueryState query={query} loading="Loading the dashboard…" placeholder={<DashboardSkeleton />}>
        {(summary) => <Summary summary={summary} receivedAt={query.dataUpdatedAt} />}
      </QueryState>
    </>
  );
}
