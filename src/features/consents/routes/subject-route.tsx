import type { QueryClient } from '@tanstack/react-query';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { PurposeState, SubjectDetail } from '../../../api/contract/consent';
import { consentPurposeLabels } from '../../../api/contract/consent';
import { Badge } from '../../../components/ui/badge';
import { linkClass } from '../../../components/ui/classes';
import { DefinitionList } from '../../../components/ui/definition-list';
import { PageHeader } from '../../../components/ui/page-header';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/states';
import { Table, TBody, Td, Th, THead } from '../../../components/ui/table';
import { formatDateTime, maskEmail } from '../../../lib/format';
import type { RouteLoader } from '../../../lib/route-module';
import { settled } from '../../../lib/route-module';
import { consentQueries } from '../api/consent-queries';
import { ConsentTable } from '../components/consent-table';

export function createLoader(queryClient: QueryClient): RouteLoader {
  return ({ params }) => settled(queryClient.ensureQueryData(consentQueries.subject(params.id ?? '')));
}

const stateLabel: Record<PurposeState['state'], string> = { granted: 'Granted', withdrawn: 'Withdrawn', never_asked: 'Never asked' };

function StatesTable({ states }: { states: readonly PurposeState[] }) {
  return (
    <Table caption="Current consent by purpose">
      <THead>
        <Th>Purpose</Th>
        <Th>State</Th>
        <Th>Since</Th>
      </THead>
      <TBody>
        {states.map((state) => (
          <tr key={state.purpose}>
            <Td>{consentPurposeLabels[state.purpose]}</Td>
            <Td>
              <Badge tone={state.state === 'granted' ? 'success' : 'neutral'}>{stateLabel[state.state]}</Badge>
            </Td>
            <Td>{state.since ? formatDateTime(state.since) : '—'}</Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}

function SubjectView({ detail }: { detail: SubjectDetail }) {
  const { subject } = detail;
  return (
    <div className="space-y-8">
      <DefinitionList
        items={[
          { term: 'Kind', value: subject.kind === 'person' ? 'Person at a customer account' : 'Website visitor' },
          { term: 'Name', value: subject.name ?? '—' },
          { term: 'Email', value: subject.email ? maskEmail(subject.email) : '—' },
          {
            term: 'Account',
            value: subject.accountId ? (
              <Link to={`/accounts/${subject.accountId}`} className={linkClass}>
                {subject.accountId}
              </Link>
            ) : (
              '—'
            ),
          },
        ]}
      />
      <section aria-labelledby="states-heading" className="space-y-3">
        <h2 id="states-heading" className="text-lg font-semibold text-gray-900">
          Current consent
        </h2>
        <StatesTable states={detail.states} />
      </section>
      <section aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-lg font-semibold text-gray-900">
          History
        </h2>
        {detail.events.length === 0 ? (
          <EmptyState title="No consent events recorded" />
        ) : (
          <ConsentTable events={detail.events} caption="Consent history of this person" showSubject={false} />
        )}
      </section>
    </div>
  );
}

export function Component() {
  const { id = '' } = useParams();
  const query = useQuery(consentQueries.subject(id));
  const title = query.data ? (query.data.subject.name ?? `Visitor ${query.data.subject.id}`) : 'Data subject';
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/consents" className={linkClass}>
          ← Consent records
        </Link>
      </p>
      <PageHeader title={title} description="One person's consent, purpose by purpose, and every event behind it." />
      {query.isPending ? (
        <LoadingState label="Loading the person's consent…" />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <SubjectView detail={query.data} />
      )}
    </>
  );
}
