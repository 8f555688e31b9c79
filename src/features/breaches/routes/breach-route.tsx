import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { Link, useParams } from 'react-router';
import type { BreachView } from '@/api/contract/breaches';
import { roleLabels } from '@/api/contract/roles';
import { ActionButton } from '@/components/ui/action-button';
import { linkClass } from '@/components/ui/classes';
import { DefinitionList } from '@/components/ui/definition-list';
import { EmailExportLink } from '@/components/ui/email-export-link';
import { PageHeader } from '@/components/ui/page-header';
import { Section } from '@/components/ui/section';
import { QueryState } from '@/components/ui/states';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { useOffers } from '@/lib/actions';
import { formatCount, formatDateTime, humanize } from '@/lib/format';
import { can } from '@/lib/can';
import { useCurrentUser, useSession } from '@/lib/session';
import { useBreachAction } from '@/features/breaches/api/breach-mutations';
import { breachKeys, breachQueries } from '@/features/breaches/api/breach-queries';
import { BreachClocks, BreachStatusBadge } from '@/features/breaches/components/breach-labels';
import { AssessmentForm, DraftNotification, NewNotificationForm, SentNotification } from '@/features/breaches/components/breach-panels';

const decisionLabels = {
  no_notification: 'Unlikely to result in a risk: no notification, documented here (Art. 33(1), 33(5))',
  authority: 'A risk: notify the supervisory authority (Art. 33(1))',
  authority_and_people: 'A high risk: notify the supervisory authority and tell the people affected (Art. 34(1))',
} as const;

function Affected({ breach, onReload }: { breach: BreachView; onReload: () => void }) {
  const offer = useOffers('breach', breach.actions);
  const refresh = offer('refreshAffected');
  const exportAffected = offer('exportAffected');
  const session = useSession();
  const mutation = useBreachAction(breach);
  const a = breach.affected;
  return (
    <Section
      title="Who is affected"
      description="Counted from the systems involved, the registry and the consent ledger at the time of the breach."
    >
      {breach.scopeChangedAt ? (
        <p className="text-sm font-medium text-amber-800">The systems or the time changed since this count: count again.</p>
      ) : null}
      {a ? (
        <>
          <p className="text-sm text-gray-900">
            <strong>{formatCount(a.people)} people</strong> in <strong>{formatCount(a.accounts)} accounts</strong>
            {a.visitors === null
              ? ', and website visitors we cannot count'
              : a.visitors
                ? `, and ${formatCount(a.visitors)} website visitors`
                : ''}
            . Data at risk: {a.dataCategories.map(humanize).join(', ') || 'none named'}. Counted{' '}
            <time dateTime={a.computedAt}>{formatDateTime(a.computedAt)}</time>.
          </p>
          <Table caption="Affected, by system">
            <THead>
              <Th>System</Th>
              <Th>How counted</Th>
              <Th>Accounts</Th>
              <Th>People</Th>
            </THead>
            <TBody>
              {a.systems.map((s) => (
                <tr key={s.processorId}>
                  <Td className="font-medium">{s.name}</Td>
                  <Td>{s.basis}</Td>
                  <Td>{formatCount(s.accounts)}</Td>
                  <Td>{formatCount(s.people)}</Td>
                </tr>
              ))}
            </TBody>
          </Table>
        </>
      ) : (
        <p className="text-sm text-gray-700">Not counted yet.</p>
      )}
      <div className="flex flex-wrap gap-3">
        {refresh ? (
          <ActionButton
            refusal={refresh.refusal}
            disabled={mutation.isPending}
            onClick={() => mutation.mutate({ action: 'refresh' }, { onError: onReload })}
          >
            Count again
          </ActionButton>
        ) : null}
        {exportAffected && exportAffected.refusal === null ? (
          <EmailExportLink
            href={`/api/breaches/${encodeURIComponent(breach.id)}/affected.csv`}
            filename={`breach-${breach.id}-affected.csv`}
            what="the affected list"
            canClear={can(session, 'exports.clear_emails')}
          >
            Download the affected list (CSV)
          </EmailExportLink>
        ) : null}
      </div>
    </Section>
  );
}

function Assessment({ breach, onReload }: { breach: BreachView; onReload: () => void }) {
  const offer = useOffers('breach', breach.actions);
  const assess = offer('assess');
  const a = breach.assessment;
  return (
    <Section title="Risk assessment">
      {a ? (
        <DefinitionList
          items={[
            { term: 'Decision', value: decisionLabels[a.decision] },
            { term: 'Likelihood and severity', value: `${humanize(a.likelihood)} likelihood, ${humanize(a.severity)} severity` },
            { term: 'Reasoning', value: a.reasoning },
            { term: 'Art. 34(3) exception', value: a.exception ? humanize(a.exception) : 'None' },
            { term: 'Assessed by', value: `${a.assessedByName}, ${formatDateTime(a.assessedAt)}` },
          ]}
        />
      ) : (
        <p className="text-sm text-gray-700">Not assessed yet: until it is, the authority&apos;s notification is presumed required.</p>
      )}
      {assess && assess.refusal === null ? <AssessmentForm breach={breach} onReload={onReload} /> : null}
    </Section>
  );
}

function Notifications({ breach, onReload }: { breach: BreachView; onReload: () => void }) {
  const offer = useOffers('breach', breach.actions);
  const add = offer('addNotification');
  const editable = offer('editNotification');
  const sent = breach.notifications.filter((n) => n.status === 'sent');
  const drafts = breach.notifications.filter((n) => n.status === 'draft');
  return (
    <Section
      title="Notices"
      description="Drafts are pre-filled from the register; each notice is kept as it was sent, phases included (Art. 33(4))."
    >
      {breach.peopleMustBeTold ? (
        <p className="text-sm font-medium text-red-700">
          The risk to the people is high: tell them without undue delay, in plain language (Art. 34).
        </p>
      ) : null}
      {sent.length === 0 && drafts.length === 0 ? <p className="text-sm text-gray-700">No notification yet.</p> : null}
      <div className="space-y-4">
        {sent.map((n) => (
          <SentNotification key={n.id} notification={n} />
        ))}
        {editable
          ? drafts.map((n) => <DraftNotification key={`${n.id}-${breach.version}`} breach={breach} notification={n} onReload={onReload} />)
          : drafts.map((n) => (
              <p key={n.id} className="text-sm text-gray-700">
                A draft to {n.recipient}, not sent yet.
              </p>
            ))}
        {add && add.refusal === null ? <NewNotificationForm key={`new-${breach.version}`} breach={breach} onReload={onReload} /> : null}
      </div>
    </Section>
  );
}

function Close({ breach, onReload }: { breach: BreachView; onReload: () => void }) {
  const user = useCurrentUser();
  const offer = useOffers('breach', breach.actions);
  const close = offer('close');
  const mutation = useBreachAction(breach);
  if (!close) return <p className="text-sm text-gray-700">{roleLabels[user.role]}s see everything here and act on nothing.</p>;
  if (breach.status === 'closed') return null;
  return (
    <Section title="Close">
      <ActionButton
        refusal={close.refusal}
        disabled={mutation.isPending}
        onClick={() => mutation.mutate({ action: 'update', body: { status: 'closed' } }, { onError: onReload })}
      >
        Close the breach
      </ActionButton>
    </Section>
  );
}

function Details({ breach, receivedAt, onReload }: { breach: BreachView; receivedAt: number; onReload: () => void }) {
  return (
    <div className="space-y-10">
      <div className="rounded-lg border border-gray-200 bg-white p-4 shadow-xs" aria-label="Clocks" role="group">
        <BreachClocks breach={breach} receivedAt={receivedAt} />
      </div>
      <DefinitionList
        items={[
          { term: 'Status', value: <BreachStatusBadge status={breach.status} /> },
          {
            term: 'Happened',
            value: breach.occurredTo
              ? `${formatDateTime(breach.occurredFrom)} to ${formatDateTime(breach.occurredTo)}`
              : formatDateTime(breach.occurredFrom),
          },
          { term: 'We became aware', value: formatDateTime(breach.awareAt) },
          { term: 'Reported by', value: breach.reportedBy },
          { term: 'Owner', value: breach.ownerName },
          { term: 'Systems', value: breach.systems.map((s) => s.name).join(', ') },
          { term: 'Data categories', value: breach.dataCategories.map(humanize).join(', ') || '—' },
          { term: 'Whose data', value: humanize(breach.concerns) },
          { term: 'What happened', value: breach.description || '—' },
          { term: 'Closed', value: breach.closedAt ? formatDateTime(breach.closedAt) : '—' },
        ]}
      />
      <Affected breach={breach} onReload={onReload} />
      <Assessment breach={breach} onReload={onReload} />
      <Notifications breach={breach} onReload={onReload} />
      <Close breach={breach} onReload={onReload} />
      <p>
        <Link to={`/audit?recordType=breach&recordId=${encodeURIComponent(breach.id)}`} className={linkClass}>
          History of this breach in the audit log
        </Link>
      </p>
    </div>
  );
}

export function Component() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const query = useQuery(breachQueries.detail(id));
  const onReload = useCallback(() => void queryClient.invalidateQueries({ queryKey: breachKeys.detail(id) }), [queryClient, id]);
  return (
    <>
      <PageHeader
        title={query.data?.title ?? 'Breach'}
        description={
          <Link to="/breaches" className={linkClass}>
            All breaches
          </Link>
        }
      />
      <QueryState query={query} loading="Loading the breach…">
        {(breach) => <Details breach={breach} receivedAt={query.dataUpdatedAt} onReload={onReload} />}
      </QueryState>
    </>
  );
}
