import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ReviewGroup } from '@/api/contract/consent';
import { consentPurposeLabels, reviewGroupInput, reviewReasonLabels } from '@/api/contract/consent';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { FormErrors } from '@/components/ui/form-errors';
import { QueryState } from '@/components/ui/states';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { TextAreaField } from '@/components/ui/text-area-field';
import { isApiError } from '@/lib/api-client';
import { useContractForm } from '@/lib/contract-form';
import { fieldLabels } from '@/lib/field-errors';
import { formatCount } from '@/lib/format';
import { consentQueries } from '@/features/consents/api/consent-queries';
import { useReviewGroup } from '@/features/consents/api/consent-mutations';

const groupName = (g: Pick<ReviewGroup, 'reason' | 'purpose'>) => `${reviewReasonLabels[g.reason]}, ${consentPurposeLabels[g.purpose]}`;

/** The open queue by reason and purpose, each group with its count and, for an officer, one action for all of it. */
export function ReviewGroups({ reviewer }: { reviewer: boolean }) {
  const query = useQuery(consentQueries.reviewGroups());
  const [selected, setSelected] = useState<ReviewGroup | null>(null);
  return (
    <section aria-labelledby="review-groups-title" className="mb-6 space-y-2">
      <h2 id="review-groups-title" className="text-lg font-semibold text-gray-900">
        Open items by reason and purpose
      </h2>
      <QueryState query={query} loading="Counting the queue…" rows={3}>
        {({ groups, total }) =>
          groups.length === 0 ? (
            <p className="text-sm text-gray-600">Nothing to review.</p>
          ) : (
            <>
              <p className="text-sm text-gray-600">
                {formatCount(total)} open items; an item with two reasons is counted in both of its groups.
              </p>
              <Table caption="Review queue by reason and purpose">
                <THead>
                  <Th>Reason</Th>
                  <Th>Purpose</Th>
                  <Th>Open items</Th>
                  {reviewer ? <Th>Action</Th> : null}
                </THead>
                <TBody>
                  {groups.map((group) => (
                    <tr key={`${group.reason}/${group.purpose}`}>
                      <Td>{reviewReasonLabels[group.reason]}</Td>
                      <Td>{consentPurposeLabels[group.purpose]}</Td>
                      <Td>{formatCount(group.count)}</Td>
                      {reviewer ? (
                        <Td>
                          <Button onClick={() => setSelected(group)}>Review group: {groupName(group)}</Button>
                        </Td>
                      ) : null}
                    </tr>
                  ))}
                </TBody>
              </Table>
            </>
          )
        }
      </QueryState>
      {reviewer ? <ReviewGroupDialog group={selected} onClose={() => setSelected(null)} /> : null}
    </section>
  );
}

const noteSchema = reviewGroupInput.pick({ note: true });
const labelOf = fieldLabels({ note: 'Review note' });

function ReviewGroupDialog({ group, onClose }: { group: ReviewGroup | null; onClose: () => void }) {
  const mutation = useReviewGroup();
  const form = useContractForm({
    schema: noteSchema,
    defaultValues: { note: '' },
    draft: group ? `${group.reason}:${group.purpose}` : false,
    onSubmit: async ({ note }) => {
      if (!group) return;
      await mutation.mutateAsync({ reason: group.reason, purpose: group.purpose, note, expectedCount: group.count });
      close();
    },
  });
  const conflict = isApiError(mutation.error, 409);
  const close = () => {
    form.reset();
    mutation.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={group !== null}
      title={group ? `Mark all ${formatCount(group.count)} items reviewed?` : 'Mark the group reviewed'}
      confirmLabel={conflict ? 'Close' : group ? `Mark ${formatCount(group.count)} reviewed` : 'Mark reviewed'}
      tone="primary"
      busy={mutation.isPending}
      onCancel={close}
      onConfirm={() => (conflict ? close() : void form.submit())}
    >
      {group ? (
        <div className="space-y-3">
          <p>Every open item of “{groupName(group)}” is marked reviewed with this one note, kept with each event and in the audit log.</p>
          {conflict ? (
            <Alert title="The group changed">
              {isApiError(mutation.error) ? mutation.error.message : null}. The counts have been refreshed.
            </Alert>
          ) : (
            <>
              <FormErrors {...form.summary} labelOf={labelOf} />
              <TextAreaField
                {...form.register('note')}
                label="Review note"
                hint="Required: what you found or did"
                error={form.summary.errors.note}
              />
            </>
          )}
        </div>
      ) : null}
    </ConfirmDialog>
  );
}
