import { useQuery } from '@tanstack/react-query';
import { consentPurposeLabels } from '@/api/contract/consent';
import type { ProcessorDataSummary } from '@/api/contract/processors';
import { DefinitionList } from '@/components/ui/definition-list';
import { QueryState } from '@/components/ui/states';
import { processorQueries } from '@/features/processors/api/processor-queries';
import { dataCategoryLabel } from './processor-labels';
import { formatCount } from '@/lib/format';

const count = (n: number | null) => (n === null ? 'more than 10,000' : formatCount(n));

/** What of our customers' accounts this processor holds: the scope of an account's deletion here. */
export function DataSummary({ id }: { id: string }) {
  const query = useQuery(processorQueries.dataSummary(id));
  return (
    <QueryState query={query} loading="Loading what it holds…">
      {(summary) => <SummaryOf summary={summary} />}
    </QueryState>
  );
}

function SummaryOf({ summary: s }: { summary: ProcessorDataSummary }) {
  if (!s.holdsAccountData) return <p className="text-sm text-gray-700">It holds no data of customer accounts.</p>;
  return (
    <DefinitionList
      items={[
        { term: 'Accounts whose data it holds', value: `${count(s.activeAccounts)} active, ${count(s.cancelledAccounts)} cancelled` },
        { term: 'Account data it receives', value: s.accountDataCategories.map(dataCategoryLabel).join(', ') || '—' },
        {
          term: 'Stops when consent is withdrawn for',
          value: s.consentPurposes.length
            ? s.consentPurposes.map((p) => consentPurposeLabels[p]).join(', ')
            : 'Nothing: no processing here rests on consent',
        },
      ]}
    />
  );
}
