import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { ProcessorView } from '@/api/contract/processors';
import { consentPurposeLabels } from '@/api/contract/consent';
import { Button } from '@/components/ui/button';
import { linkClass } from '@/components/ui/classes';
import { DefinitionList } from '@/components/ui/definition-list';
import { PageHeader } from '@/components/ui/page-header';
import { QueryState } from '@/components/ui/states';
import { countryName } from '@/api/contract/countries';
import { describeDeadline, formatCalendarDate, formatCompanyTime, formatDateTime, humanize } from '@/lib/format';
import { useZones } from '@/lib/session';
import { processorQueries } from '@/features/processors/api/processor-queries';
import { ProcessorActions } from '@/features/processors/components/processor-actions';
import { ConnectorSection } from '@/features/processors/components/connector-section';
import { DataSummary } from '@/features/processors/components/data-summary';
import { DpaSection } from '@/features/processors/components/dpa-section';
import { ProcessorHistory } from '@/features/processors/components/processor-history';
import { AttentionList, dataCategoryLabel, ProcessorStatusBadge, retentionText } from '@/features/processors/components/processor-labels';
import { useNow } from '@/lib/now';

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-2">
      <h2 className="text-lg font-semibold text-gray-900">{title}</h2>
      {children}
    </section>
  );
}

/** The history loads on request: most visits are for the record, and a long history would bury it. */
function HistoryDisclosure({ id }: { id: string }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="space-y-3">
      <Button aria-expanded={open} aria-controls="processor-history" onClick={() => setOpen((value) => !value)}>
        {open ? 'Hide the history of changes' : 'Show the history of changes'}
      </Button>
      <div id="processor-history">{open ? <ProcessorHistory id={id} /> : null}</div>
    </div>
  );
}

function ProcessorDetails({ processor, now }: { processor: ProcessorView; now: Date }) {
  const zones = useZones();
  return (
    <div className="space-y-6">
      <Group title="Status and attention">
        <DefinitionList
          items={[
            { term: 'Status', value: <ProcessorStatusBadge status={processor.status} /> },
            { term: 'Needs attention', value: <AttentionList attention={processor.attention} /> },
            ...(processor.noticeEndsAt
              ? [
                  {
                    term: 'Customer notice ends',
                    value:
                      processor.status === 'proposed'
                        ? `${formatCompanyTime(processor.noticeEndsAt, zones)}, ${describeDeadline(processor.noticeEndsAt, now, zones).label}`
                        : formatCompanyTime(processor.noticeEndsAt, zones),
                  },
                ]
              : []),
            { term: 'Last changed', value: formatDateTime(processor.updatedAt) },
          ]}
        />
      </Group>
      <Group title="What it does">
        <DefinitionList
          items={[
            { term: 'Legal entity', value: processor.legalEntity },
            { term: 'Category', value: humanize(processor.category) },
            { term: 'Description', value: processor.description },
            { term: 'Owner', value: processor.owner },
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
          ]}
        />
      </Group>
      <Group title="Data">
        <DefinitionList
          items={[
            { term: 'Data categories', value: processor.dataCategories.map(dataCategoryLabel).join(', ') || 'None' },
            { term: 'Data subjects', value: processor.dataSubjects.map(humanize).join(', ') || 'None' },
          ]}
        />
      </Group>
      <Group title="Purposes and legal basis">
        <DefinitionList
          items={processor.purposes.map((purpose, index) => ({
            term: `Purpose ${index + 1}`,
            value: (
              <>
                {purpose.purpose}
                <span className="block text-gray-600">
                  Legal basis: {humanize(purpose.legalBasis)}
                  {purpose.consentPurpose ? ` · consent: ${consentPurposeLabels[purpose.consentPurpose]}` : ''}
                </span>
              </>
            ),
          }))}
        />
      </Group>
      <Group title="Locations and transfers">
        <DefinitionList
          items={[
            ...processor.transfers.map((transfer) => ({
              term: countryName(transfer.country),
              value: (
                <>
                  <span className={transfer.flagged ? 'font-medium text-red-800' : undefined}>
                    {transfer.flagged ? 'Needs a safeguard. ' : ''}
                    {transfer.reasoning}
                  </span>
                  {transfer.source ? (
                    <span className="block text-gray-600">
                      Source:{' '}
                      <a href={transfer.source.url} className={linkClass} rel="noreferrer" target="_blank">
                        {transfer.source.title}
                      </a>{' '}
                      ({formatCalendarDate(transfer.source.date)})
                    </span>
                  ) : null}
                </>
              ),
            })),
            {
              term: 'Data Privacy Framework',
              value: processor.dpfParticipant ? `${processor.dpfParticipant} is certified` : 'No certification on record',
            },
          ]}
        />
      </Group>
      <Group title="Data processing agreement">
        <DpaSection processor={processor} />
      </Group>
      <Group title="Retention">
        <DefinitionList items={[{ term: 'Retention', value: retentionText(processor.retention) }]} />
      </Group>
      <Group title="Review">
        <DefinitionList
          items={[
            { term: 'Last reviewed', value: processor.lastReviewedOn ? formatCalendarDate(processor.lastReviewedOn) : 'Never' },
            { term: 'Review cycle', value: `Every ${processor.reviewCycleMonths} months` },
            { term: 'Next review', value: processor.nextReviewOn ? formatCalendarDate(processor.nextReviewOn) : '—' },
          ]}
        />
      </Group>
      {processor.kind === 'processor' ? (
        <Group title="Connector">
          <ConnectorSection processor={processor} />
        </Group>
      ) : null}
      <Group title="Customer data it holds">
        <DataSummary id={processor.id} />
      </Group>
      <Group title="History">
        <HistoryDisclosure id={processor.id} />
      </Group>
    </div>
  );
}

export function Component() {
  const { id = '' } = useParams();
  const query = useQuery(processorQueries.detail(id));
  // Read once per render: the notice countdown needs no ticking clock at day granularity.
  const now = useNow();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/processors" className={linkClass}>
          ← Processors
        </Link>
      </p>
      <PageHeader
        title={query.data?.name ?? 'Processor'}
        description={query.data ? (query.data.kind === 'own_location' ? 'Our own storage location' : 'Processor') : undefined}
      />
      <QueryState query={query} loading="Loading the processor…">
        {(processor) => (
          <>
            <div className="mb-6 empty:hidden">
              <ProcessorActions processor={processor} />
            </div>
            <ProcessorDetails processor={processor} now={now} />
          </>
        )}
      </QueryState>
    </>
  );
}
