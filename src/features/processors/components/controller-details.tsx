import { useQuery } from '@tanstack/react-query';
import { DefinitionList } from '@/components/ui/definition-list';
import { Section } from '@/components/ui/section';
import { processorQueries } from '@/features/processors/api/processor-queries';

/**
 * The data controller (GDPR Art. 4(7)) the console speaks for, as `GET /api/settings` reports it: read-only here,
 * since the deployment sets it (CONTROLLER_*). Receipts and newly issued certificates of deletion name it.
 */
export function ControllerDetails() {
  const query = useQuery(processorQueries.settings());
  const c = query.data?.controller;
  if (!c) return null;
  return (
    <div className="mb-6">
      <Section
        title="Data controller"
        description="Named on consent receipts and on certificates of deletion issued from now on. Set in the deployment's configuration, not here."
      >
        <DefinitionList
          items={[
            { term: 'Company', value: c.name },
            { term: 'Address', value: c.address },
            { term: 'Contact', value: `${c.contact}, ${c.email}` },
            { term: 'Phone', value: c.phone },
            { term: 'Website', value: c.url },
            { term: 'Privacy policy', value: c.policyUrl },
            { term: 'Jurisdiction', value: c.jurisdiction },
          ]}
        />
      </Section>
    </div>
  );
}
