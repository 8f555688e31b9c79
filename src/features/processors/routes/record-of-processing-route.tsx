import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { linkClass } from '@/components/ui/classes';
import { DownloadLink } from '@/components/ui/download-link';
import { PageHeader } from '@/components/ui/page-header';
import { QueryState } from '@/components/ui/states';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { formatCalendarDate } from '@/lib/format';
import { processorQueries } from '@/features/processors/api/processor-queries';

/** The Art. 30 record of processing activities, drawn from the registry, in the ICO template's columns. */
export function Component() {
  const query = useQuery(processorQueries.recordOfProcessing());
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/processors" className={linkClass}>
          ← Processors
        </Link>
      </p>
      <PageHeader
        title="Record of processing"
        description="The record of processing activities (GDPR Art. 30(1)), one row per purpose per processor, drawn from the registry in the columns of the ICO's documentation template."
      />
      <nav aria-label="Downloads" className="mb-4 flex flex-wrap gap-2">
        <DownloadLink href="/api/exports/record-of-processing.xlsx" filename="record-of-processing.xlsx" what="the record of processing">
          Download XLSX
        </DownloadLink>
        <DownloadLink href="/api/exports/record-of-processing.csv" filename="record-of-processing.csv" what="the record of processing">
          Download CSV
        </DownloadLink>
      </nav>
      <QueryState query={query} loading="Loading the record…">
        {(record) => (
          <>
            <p className="mb-2 text-sm text-gray-600">
              Drawn from the registry on {formatCalendarDate(record.generatedOn)}; {record.rows.length} rows.
            </p>
            <Table caption="Record of processing activities" stacked="always">
              <THead>
                {record.columns.map((column) => (
                  <Th key={column}>{column}</Th>
                ))}
              </THead>
              <TBody>
                {record.rows.map((row, index) => (
                  <tr key={index} role="row">
                    {row.map((cell, column) => (
                      <Td key={column} label={record.columns[column]}>
                        {cell}
                      </Td>
                    ))}
                  </tr>
                ))}
              </TBody>
            </Table>
          </>
        )}
      </QueryState>
    </>
  );
}
