import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { AccountDetail } from '@/api/contract/accounts';
import { Badge } from '@/components/ui/badge';
import { linkClass } from '@/components/ui/classes';
import { DefinitionList } from '@/components/ui/definition-list';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, QueryState } from '@/components/ui/states';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { countryName } from '@/api/contract/countries';
import { formatDateTime, humanize, maskEmail } from '@/lib/format';
import { accountQueries } from '@/features/accounts/api/account-queries';
import { AccountTimeline } from '@/features/accounts/components/account-timeline';
import { CancelAccount } from '@/features/accounts/components/cancel-account';

function People({ people }: { people: AccountDetail['people'] }) {
  if (people.length === 0) return <EmptyState title="No people recorded for this account" />;
  return (
    <Table caption="People at this account">
      <THead>
        <Th>Name</Th>
        <Th>Email</Th>
        <Th>Role at the account</Th>
      </THead>
      <TBody>
        {people.map((person) => (
          <tr key={person.id}>
            <Td>
              <Link to={`/subjects/${person.id}`} className={linkClass}>
                {person.name ?? person.id}
              </Link>
            </Td>
            <Td>{person.email ? maskEmail(person.email) : '—'}</Td>
            <Td>{person.accountRole ? humanize(person.accountRole) : '—'}</Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}

function AccountView({ detail }: { detail: AccountDetail }) {
  const { account } = detail;
  return (
    <div className="space-y-8">
      <DefinitionList
        items={[
          { term: 'Status', value: <Badge tone={account.status === 'active' ? 'success' : 'neutral'}>{humanize(account.status)}</Badge> },
          { term: 'Hosting', value: account.hosting === 'cloud' ? 'Cloud' : 'Self-hosted (content on the customer’s own servers)' },
          { term: 'Plan', value: humanize(account.plan) },
          { term: 'Primary storage', value: account.primaryRegion ? countryName(account.primaryRegion) : '—' },
          { term: 'Created', value: formatDateTime(account.createdAt) },
          { term: 'Cancelled', value: account.cancelledAt ? formatDateTime(account.cancelledAt) : '—' },
        ]}
      />
      <section aria-labelledby="people-heading" className="space-y-3">
        <h2 id="people-heading" className="text-lg font-semibold text-gray-900">
          People
        </h2>
        <People people={detail.people} />
      </section>
      <section aria-labelledby="timeline-heading" className="space-y-3">
        <h2 id="timeline-heading" className="text-lg font-semibold text-gray-900">
          Timeline
        </h2>
        <p className="text-sm text-gray-600">Consent, support access and deletion for this account, newest first.</p>
        <AccountTimeline id={account.id} />
      </section>
    </div>
  );
}

export function Component() {
  const { id = '' } = useParams();
  const query = useQuery(accountQueries.detail(id));
  const account = query.data?.account;
  return (
    <>
      <PageHeader
        title={account?.name ?? 'Customer account'}
        description="A customer account that consent, support access and deletion refer to."
        actions={query.data ? <CancelAccount detail={query.data} /> : undefined}
      />
      <QueryState query={query} loading="Loading the account…">
        {(data) => <AccountView detail={data} />}
      </QueryState>
    </>
  );
}
