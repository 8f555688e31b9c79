import { Link } from 'react-router';
import type { ConsentReviewItem } from '@/api/contract/consent';
import { consentPurposeLabels, reviewReasonHelp, reviewReasonLabels } from '@/api/contract/consent';
import { Button } from '@/components/ui/button';
import { linkClass } from '@/components/ui/classes';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { formatDateTime, humanize, maskEmail } from '@/lib/format';
import { ConsentActionBadge } from './consent-labels';

type ReviewTableProps = {
  items: readonly ConsentReviewItem[];
  status: 'open' | 'reviewed';
  /** Officers mark items reviewed; auditors read. */
  onMarkReviewed?: (item: ConsentReviewItem) => void;
};

function subjectLabel(item: ConsentReviewItem): string {
  return item.event.email ? maskEmail(item.event.email) : `Visitor ${item.event.subjectId}`;
}

export function ReviewTable({ items, status, onMarkReviewed }: ReviewTableProps) {
  return (
    <Table caption={status === 'open' ? 'Consent events that need a review' : 'Consent events reviewed, newest first'}>
      <THead>
        <Th>Event</Th>
        <Th>Subject</Th>
        <Th>Channel</Th>
        <Th>Why</Th>
        {status === 'reviewed' ? <Th>Review</Th> : null}
        {status === 'open' && onMarkReviewed ? (
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        ) : null}
      </THead>
      <TBody>
        {items.map((item) => {
          const { event } = item;
          return (
            <tr key={event.id}>
              <Td>
                <span className="flex flex-wrap items-center gap-2">
                  <ConsentActionBadge action={event.action} />
                  <span className="font-medium text-gray-900">{consentPurposeLabels[event.purpose]}</span>
                </span>
                <time dateTime={event.occurredAt} className="mt-1 block text-xs whitespace-nowrap text-gray-600">
                  {formatDateTime(event.occurredAt)}
                </time>
              </Td>
              <Td>
                <Link to={`/subjects/${event.subjectId}`} className={`break-all ${linkClass}`}>
                  {subjectLabel(item)}
                </Link>
              </Td>
              <Td>
                {humanize(event.channel)}
                {event.action === 'withdrawn' && item.grantChannel ? (
                  <span className="block text-xs text-gray-600">granted through {humanize(item.grantChannel).toLowerCase()}</span>
                ) : null}
              </Td>
              <Td className="min-w-56">
                <ul className="space-y-1">
                  {item.reasons.map((reason) => (
                    <li key={reason}>
                      <span className="font-medium text-gray-900">{reviewReasonLabels[reason]}</span>
                      <span className="block text-xs text-gray-600">{reviewReasonHelp[reason]}</span>
                    </li>
                  ))}
                </ul>
              </Td>
              {status === 'reviewed' ? (
                <Td className="min-w-48">
                  {item.review ? (
                    <>
                      <span className="block text-gray-900">
                        {item.review.reviewedBy.name},{' '}
                        <time dateTime={item.review.reviewedAt}>{formatDateTime(item.review.reviewedAt)}</time>
                      </span>
                      <span className="block whitespace-pre-wrap text-gray-700">{item.review.note}</span>
                    </>
                  ) : (
                    '—'
                  )}
                </Td>
              ) : null}
              {status === 'open' && onMarkReviewed ? (
                <Td className="whitespace-nowrap">
                  <Button onClick={() => onMarkReviewed(item)}>
                    Mark reviewed…<span className="sr-only">{` ${consentPurposeLabels[event.purpose]} of ${subjectLabel(item)}`}</span>
                  </Button>
                </Td>
              ) : null}
            </tr>
          );
        })}
      </TBody>
    </Table>
  );
}
