import { useNavigate } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';
import { formatDateTime } from '@/lib/format';
import { toasts } from '@/lib/toast';
import { useCreateProcessor } from '@/features/processors/api/processor-mutations';
import { emptyProcessor } from '@/features/processors/components/processor-form-values';
import { ProcessorForm } from '@/features/processors/components/processor-form';

export function Component() {
  const navigate = useNavigate();
  const create = useCreateProcessor();
  return (
    <>
      <PageHeader
        title="Add processor"
        description="A new processor starts as proposed: customers are told of it before it may become active."
      />
      <ProcessorForm
        initial={emptyProcessor}
        submitLabel="Add processor"
        onCancel={() => void navigate('/processors')}
        onSave={async (body) => {
          const created = await create.mutateAsync(body);
          toasts.show(
            created.noticeEndsAt
              ? `${created.name} is proposed; it may become active after ${formatDateTime(created.noticeEndsAt)}.`
              : `${created.name} is added.`,
            'success',
          );
          await navigate(`/processors/${created.id}`);
        }}
      />
    </>
  );
}
