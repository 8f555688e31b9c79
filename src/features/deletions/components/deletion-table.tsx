import type { ColumnDef, OnChangeFn, RowSelectionState } from '@tanstack/react-table';
import { createColumnHelper } from '@tanstack/react-table';
import { Link } from 'react-router';
import type { DeletionListItem } from '@/api/contract/deletions';
import { isOpen } from '@/api/rules/deletions';
import { linkClass } from '@/components/ui/classes';
import { DataTable } from '@/components/ui/data-table';
import { formatDate, humanize } from '@/lib/format';
import { DeadlineNote, DeletionStatusBadge, effectiveDue } from './deletion-labels';

type Selection = { state: RowSelectionState; onChange: OnChangeFn<RowSelectionState> };

export function isOverdue(request: DeletionListItem, now: Date): boolean {
  return isOpen(request.status) && new Date(effectiveDue(request)).getTime() < now.getTime();
}

/** Overdue requests first, each group keeping the API's due-date order. */
export function overdueFirst(requests: readonly DeletionListItem[], now: Date): DeletionListItem[] {
  return [...requests.filter((r) => isOverdue(r, now)), ...requests.filter((r) => !isOverdue(r, now))];
}

const column = createColumnHelper<DeletionListItem>();

function columnsAt(now: Date): ColumnDef<DeletionListItem, string>[] {
  return [
    // A person's erasure names its person here ("Website visitor sub_…", "Person sub_… of Acme"): it may have no account.
    column.accessor('accountName', {
      header: 'Account or person',
      meta: { cellClassName: 'font-medium' },
      cell: ({ row: { original: request } }) => (
        <Link to={`/deletions/${request.id}`} className={linkClass}>
          {request.accountName}
        </Link>
      ),
    }),
    column.accessor('status', { header: 'Status', cell: ({ getValue }) => <DeletionStatusBadge status={getValue()} /> }),
    column.accessor(effectiveDue, {
      id: 'due',
      header: 'Due',
      meta: { cellClassName: 'whitespace-nowrap' },
      cell: ({ getValue, row }) => (
        <>
          <time dateTime={getValue()} className="block">
            {formatDate(getValue())}
          </time>
          <DeadlineNote request={row.original} now={now} />
        </>
      ),
    }),
    column.accessor((request) => humanize(request.origin), { id: 'origin', header: 'Origin' }),
  ];
}

type DeletionTableProps = {
  requests: DeletionListItem[];
  now: Date;
  /** Requests the caller may approve now can be chosen for approving together. */
  selection?: Selection;
};

export function DeletionTable({ requests, now, selection }: DeletionTableProps) {
  return (
    <DataTable
      caption="Deletion requests"
      data={requests}
      columns={columnsAt(now)}
      getRowId={(request) => request.id}
      rowClassName={(request) => (isOverdue(request, now) ? 'bg-red-50' : undefined)}
      selection={
        selection && {
          ...selection,
          canSelect: (request) => request.actions.approve.allowed,
          label: (request) => `Select ${request.accountName}`,
        }
      }
    />
  );
}
