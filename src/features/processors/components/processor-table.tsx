import { Link } from 'react-router';
import type { ProcessorView } from '../../../api/contract/processors';
import { linkClass } from '../../../components/ui/classes';
import { Table, TBody, Td, Th, THead } from '../../../components/ui/table';
import { countryName, humanize } from '../../../lib/format';
import { AttentionList, dataCategoryLabel, DpaBadge, ProcessorStatusBadge } from './processor-labels';

export function ProcessorTable({ processors }: { processors: readonly ProcessorView[] }) {
  return (
    <Table caption="Processors and storage locations">
      <THead>
        <Th>Name</Th>
        <Th>Category</Th>
        <Th>Data categories</Th>
        <Th>Locations</Th>
        <Th>DPA</Th>
        <Th>Status</Th>
        <Th>Needs attention</Th>
      </THead>
      <TBody>
        {processors.map((processor) => (
          <tr key={processor.id}>
            <Td className="font-medium">
              <Link to={`/processors/${processor.id}`} className={linkClass}>
                {processor.name}
              </Link>
              {processor.kind === 'own_location' ? <span className="block text-xs text-gray-600">Our own location</span> : null}
            </Td>
            <Td>{humanize(processor.category)}</Td>
            <Td className="max-w-xs">{processor.dataCategories.map(dataCategoryLabel).join(', ') || '—'}</Td>
            <Td>
              {processor.locations.map((location) => (
                <span key={location.country} className="block whitespace-nowrap">
                  <abbr title={countryName(location.country)} className="no-underline">
                    {location.country}
                  </abbr>
                  {location.transferMechanism ? (
                    <span className="text-gray-600"> · {location.transferMechanism.toUpperCase()}</span>
                  ) : null}
                </span>
              ))}
            </Td>
            <Td>
              <DpaBadge dpa={processor.dpa} />
            </Td>
            <Td>
              <ProcessorStatusBadge status={processor.status} />
            </Td>
            <Td>
              <AttentionList attention={processor.attention} />
            </Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
