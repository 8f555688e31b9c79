import type { ColumnDef } from '@tanstack/react-table';
import { createColumnHelper } from '@tanstack/react-table';
import { Link } from 'react-router';
import type { ConsentReviewItem } from '@/api/contract/consent';
import { consentPurposeLabels, reviewReasonHelp, reviewReasonLabels } from '@/api/contract/consent';
import { ActionButton } from '@/components/ui/action-button';
import { linkClass } from '@/components/ui/classes';
import { DataTable } from '@/components/ui/data-table';
import { refusalOf } from '@/lib/actions';
import { formatDateTime, humanize, maskEmail } from '@/lib/format';
import { ConsentActionBadge } from './consent-labels';

type ReviewTableProps = {
  items: ConsentReviewItem[];
  status: 'open' | 'reviewed';
  /** For a role that marks items reviewed; each item's `actions.markReviewed` says whether it may be now. */
  onMarkReviewed?: (item: ConsentReviewItem) => void;
};

function subjectLabel(item: ConsentReviewItem): string {
  return item.event.email ? maskEmail(item.event.email) : `Visitor ${item.event.subjectId}`;
}

const column = createColumnHelper<ConsentReviewItem>();

function columnsFor(
  status: 'open' | 'reviewed',
  onMarkReviewed?: (item: ConsentReviewItem) => void,
): ColumnDef<ConsentReviewItem, string>[] {
  const columns: ColumnDef<ConsentReviewItem, string>[] = [
    column.display({
      id: 'event',
      header: 'Event',
      cell: ({ row: { original: item } }) => (
        <>
          <span className="flex flex-wrap items-center gap-2">
            <ConsentActionBadge action={item.event.action} />
            <span className="font-medium text-gray-900">{consentPurposeLabels[item.event.purpose]}</span>
          </span>
          <time dateTime={item.event.occurredAt} className="mt-1 block text-xs whitespace-nowrap text-gray-600">
            {formatDateTime(item.event.occurredAt)}
          </time>
        </>
      ),
    }),
    column.accessor(subjectLabel, {
      id: 'subject',
      header: 'Subject',
      cell: ({ getValue, row }) => (
        <Link to={`/subjects/${row.original.event.subjectId}`} className={`break-all ${linkClass}`}>
          {getValue()}
        </Link>
      ),
    }),
    column.display({
      id: 'channel',
      header: 'Channel',
      cell: ({ row: { original: item } }) => (
        <>
          {humanize(item.event.channel)}
          {item.event.action === 'withdrawn' && item.grantChannel ? (
            <span className="block text-xs text-gray-600">granted through {humanize(item.grantChannel).toLowerCase()}</span>
          ) : null}
        </>
      ),
    }),
    column.display({
      id: 'why',
      header: 'Why',
      meta: { cellClassName: 'min-w-56' },
      cell: ({ row }) => (
        <ul className="space-y-1">
          {row.original.reasons.map((reason) => (
            <li key={reason}>
              <span className="font-medium text-gray-900">{reviewReasonLabels[reason]}</span>
              <span className="block text-xs text-gray-600">{reviewReasonHelp[reason]}</span>
            </li>
          ))}
        </ul>
      ),
    }),
  ];
  if (status === 'reviewed') {
    columns.push(
      column.display({
        id: 'review',
        header: 'Review',
        meta: { cellClassName: 'min-w-48' },
        cell: ({ row: { original: item } }) =>
          item.review ? (
            <>
              <span className="block text-gray-900">
                {item.review.reviewedBy.name}, <time dateTime={item.review.reviewedAt}>{formatDateTime(item.review.reviewedAt)}</time>
              </span>
              <span className="block whitespace-pre-wrap text-gray-700">{item.review.note}</span>
            </>
          ) : (
            '—'
          ),
      }),
    );
  }
  if (status === 'open' && onMarkReviewed) {
    columns.push(
      column.display({
        id: 'actions',
        header: 'Actions',
        meta: { srOnlyHeader: true, cellClassName: 'whitespace-nowrap' },
        cell: ({ row: { original: item } }) => (
          <ActionButton refusal={refusalOf(item.actions.markReviewed)} onClick={() => onMarkReviewed(item)}>
            Mark reviewed…<span className="sr-only">{` ${consentPurposeLabels[item.event.purpose]} of ${subjectLabel(item)}`}</span>
          </ActionButton>
        ),
      }),
    );
  }
  return columns;
}

export function ReviewTable({ items, status, onMarkReviewed }: ReviewTableProps) {
  return (
    <DataTable
      caption={status === 'open' ? 'Consent events that need a review' : 'Consent events reviewed, newest first'}
      data={items}
      columns={columnsFor(status, onMarkReviewed)}
      getRowId={(item) => item.event.id}
    />
  );
}
