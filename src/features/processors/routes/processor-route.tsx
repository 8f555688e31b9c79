import type { QueryClient } from '@tanstack/react-query';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { ProcessorView } from '../../../api/contract/processors';
import { linkClass } from '../../../components/ui/classes';
import { DefinitionList } from '../../../components/ui/definition-list';
import { PageHeader } from '../../../components/ui/page-header';
import { ErrorState, LoadingState } from '../../../components/ui/states';
import { countryName, formatCalendarDate, formatDateTime, humanize } from '../../../lib/format';
import type { RouteLoader } from '../../../lib/route-module';
import { settled } from '../../../lib/route-module';
import { processorQueries } from '../api/processor-queries';
import { AttentionList, dataCategoryLabel, DpaBadge, ProcessorStatusBadge } from '../components/processor-labels';

export function createLoader(queryClient: QueryClient): RouteLoader {
  return ({ params }) => settled(queryClient.ensureQueryData(processorQueries.detail(params.id ?? '')));
}

function retentionText(retention: ProcessorView['retention']): string {
  if (!retention) return 'Not recorded';
  const span = retention.amount && retention.unit ? `${retention.amount} ${retention.unit} after ` : 'Until ';
  return `${span}${humanize(retention.trigger).toLowerCase()}${retention.note ? `. ${retention.note}` : ''}`;
}

function ProcessorDetails({ processor }: { processor: ProcessorView }) {
  return (
    <DefinitionList
      items={[
        { term: 'Status', value: <ProcessorStatusBadge status={processor.status} /> },
        { term: 'Needs attention', value: <AttentionList attention={processor.attention} /> },
        { term: 'Legal entity', value: processor.legalEntity },
        { term: 'Category', value: humanize(processor.category) },
        { term: 'Description', value: processor.description },
        { term: 'Data categories', value: processor.dataCategories.map(dataCategoryLabel).join(', ') || 'None' },
        { term: 'Data subjects', value: processor.dataSubjects.map(humanize).join(', ') || 'None' },
        {
          term: 'Purposes',
          value: (
            <ul className="space-y-1">
              {processor.purposes.map((purpose) => (
                <li key={purpose.purpose}>
                  {purpose.purpose} <span className="text-gray-600">({humanize(purpose.legalBasis)})</span>
                </li>
              ))}
            </ul>
          ),
        },
        {
          term: 'Locations',
          value: (
            <ul className="space-y-1">
              {processor.locations.map((location) => (
                <li key={location.country}>
                  {countryName(location.country)}
                  <span className="text-gray-600">
                    {' '}
                    · {location.transferMechanism ? location.transferMechanism.toUpperCase() : 'no transfer mechanism on record'}
                  </span>
                </li>
              ))}
            </ul>
          ),
        },
        {
          term: 'DPA',
          value: (
            <span className="flex flex-wrap items-center gap-2">
              <DpaBadge dpa={processor.dpa} />
              <span>
                {[processor.dpa.signedOn ? `signed ${formatCalendarDate(processor.dpa.signedOn)}` : null, processor.dpa.reference]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </span>
          ),
        },
        { term: 'Retention', value: retentionText(processor.retention) },
        {
          term: 'Privacy policy',
          value: processor.privacyPolicyUrl ? (
            <a href={processor.privacyPolicyUrl} className={linkClass} rel="noreferrer" target="_blank">
              {processor.privacyPolicyUrl}
            </a>
          ) : (
            'Not recorded'
          ),
        },
        { term: 'Owner', value: processor.owner },
        { term: 'Last reviewed', value: processor.lastReviewedOn ? formatCalendarDate(processor.lastReviewedOn) : 'Never' },
        { term: 'Next review', value: processor.nextReviewOn ? formatCalendarDate(processor.nextReviewOn) : '—' },
        { term: 'Customer notice ends', value: processor.noticeEndsAt ? formatDateTime(processor.noticeEndsAt) : '—' },
        { term: 'Last changed', value: formatDateTime(processor.updatedAt) },
      ]}
    />
  );
}

export function Component() {
  const { id = '' } = useParams();
  const query = useQuery(processorQueries.detail(id));
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/processors" className={linkClass}>
          ← Processors
        </Link>
      </p>
      {query.isPending ? (
        <>
          <PageHeader title="Processor" />
          <LoadingState label="Loading the processor…" />
        </>
      ) : query.isError ? (
        <>
          <PageHeader title="Processor" />
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        </>
      ) : (
        <>
          <PageHeader title={query.data.name} description={query.data.kind === 'own_location' ? 'Our own storage location' : 'Processor'} />
          <ProcessorDetails processor={query.data} />
        </>
      )}
    </>
  );
}
