import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { ProcessorView } from '@/api/contract/processors';
import { Alert } from '@/components/ui/alert';
import { linkClass } from '@/components/ui/classes';
import { PageHeader } from '@/components/ui/page-header';
import { QueryState } from '@/components/ui/states';
import { toasts } from '@/lib/toast';
import { useUpdateProcessor } from '@/features/processors/api/processor-mutations';
import { processorQueries } from '@/features/processors/api/processor-queries';
import { formValuesOf } from '@/features/processors/components/processor-form-values';
import { ProcessorForm } from '@/features/processors/components/processor-form';

function EditForm({ processor }: { processor: ProcessorView }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const update = useUpdateProcessor(processor.id);
  // The version the user's edits are based on; moves forward only when they choose to load a newer one.
  const [version, setVersion] = useState(processor.version);
  // The form's starting point is fixed at mount, so a background refetch never replaces what was typed.
  const [initial] = useState(() => formValuesOf(processor));
  return (
    <ProcessorForm
      initial={initial}
      submitLabel="Save changes"
      onCancel={() => void navigate(`/processors/${processor.id}`)}
      onReload={async () => {
        const newer = await queryClient.fetchQuery({ ...processorQueries.detail(processor.id), staleTime: 0 });
        setVersion(newer.version);
      }}
      onSave={async (body) => {
        await update.mutateAsync({ body, version });
        toasts.show(`${body.name} is saved.`, 'success');
        await navigate(`/processors/${processor.id}`);
      }}
    />
  );
}

export function Component() {
  const { id = '' } = useParams();
  const query = useQuery(processorQueries.detail(id));
  const title = query.data ? `Edit ${query.data.name}` : 'Edit processor';
  return (
    <>
      <p className="mb-2 text-sm">
        <Link to={`/processors/${id}`} className={linkClass}>
          ← Back to the processor
        </Link>
      </p>
      <PageHeader title={title} />
      {/* The route's gate has checked the permission; whether this record may be edited now is its own answer. */}
      <QueryState query={query} loading="Loading the processor…">
        {(processor) =>
          processor.actions.edit.allowed ? (
            <EditForm processor={processor} />
          ) : (
            <Alert tone="info" title="This processor cannot be edited">
              <p>{processor.actions.edit.reason}</p>
            </Alert>
          )
        }
      </QueryState>
    </>
  );
}
