import type { ColumnDef } from '@tanstack/react-table';
import { createColumnHelper, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useRef } from 'react';
import { Link } from 'react-router';
import type { ConsentEvent } from '@/api/contract/consent';
import { consentPurposeLabels } from '@/api/contract/consent';
import { focusRing, linkClass } from '@/components/ui/classes';
import { cellContent, headerContent } from '@/components/ui/data-table';
import { formatDateTime, humanize, maskEmail } from '@/lib/format';
import { ConsentActionBadge } from './consent-labels';

type VirtualConsentTableProps = {
  events: ConsentEvent[];
  /** All events matching the filters, when the API counted them. */
  total?: number;
  hasMore: boolean;
  loadingMore: boolean;
  /** Asks for the next page once the reader scrolls near the end of what is loaded. */
  onNearEnd: () => void;
};

/**
 * Every row is one line (no cell wraps), so rows are not measured: measuring each rendered row forced a
 * layout per row, a third of the time a new filter took to show at 4x CPU slowdown.
 */
const ROW_HEIGHT = 49;
/** How close (in rows) to the end of the loaded rows the next page is asked for. */
const PREFETCH_ROWS = 20;

const column = createColumnHelper<ConsentEvent>();
const cellClass = 'px-3 py-3 whitespace-nowrap text-gray-800';

const columns: ColumnDef<ConsentEvent, string>[] = [
  column.accessor('occurredAt', {
    header: 'Time',
    cell: ({ getValue }) => <time dateTime={getValue()}>{formatDateTime(getValue())}</time>,
  }),
  column.accessor((event) => (event.email ? maskEmail(event.email) : `Visitor ${event.subjectId}`), {
    id: 'subject',
    header: 'Subject',
    cell: ({ getValue, row }) => (
      // Long addresses are cut to keep every column in view; the whole one shows on hover and on focus.
      <Link
        to={`/subjects/${row.original.subjectId}`}
        title={getValue()}
        className={`inline-block max-w-56 truncate align-bottom focus:max-w-none ${linkClass}`}
      >
        {getValue()}
      </Link>
    ),
  }),
  column.accessor((event) => consentPurposeLabels[event.purpose], { id: 'purpose', header: 'Purpose' }),
  column.accessor('action', { header: 'Action', cell: ({ getValue }) => <ConsentActionBadge action={getValue()} /> }),
  column.accessor((event) => humanize(event.channel), { id: 'channel', header: 'Channel' }),
  column.accessor('noticeVersion', { header: 'Notice', meta: { cellClassName: 'font-mono text-xs' } }),
];

/**
 * The ledger as a real table, of which only the rows in view (and a margin) are in the page, so tens of
 * thousands of loaded rows scroll smoothly. Spacer rows keep the scroll height; `aria-rowcount` and
 * `aria-rowindex` tell assistive technology where each rendered row stands in the whole list. The
 * scroll box is focusable, so keyboard users scroll it with the arrow keys; tabbing to a link in a row
 * near the edge scrolls it into view, which renders the rows after it.
 */
export function VirtualConsentTable({ events, total, hasMore, loadingMore, onNearEnd }: VirtualConsentTableProps) {
  const captionId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const table = useReactTable({ data: events, columns, getRowId: (event) => event.id, getCoreRowModel: getCoreRowModel() });
  const { rows } = table.getRowModel();
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // Before the box is measured (and on the server, which draws the first rows into the page): a box of
    // about 70vh on a laptop screen, so the first render has rows and hydration finds the same ones.
    initialRect: { width: 1280, height: 640 },
    getItemKey: (index) => rows[index]?.id ?? index,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= events.length - PREFETCH_ROWS) onNearEnd();
  }, [hasMore, loadingMore, lastIndex, events.length, onNearEnd]);

  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = items.length > 0 ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0;
  // Unknown (-1) while more pages exist and the API gave no count.
  const rowCount = total !== undefined ? total + 1 : hasMore ? -1 : events.length + 1;

  return (
    <div
      ref={scrollRef}
      role="region"
      aria-labelledby={captionId}
      tabIndex={0}
      className={`max-h-[70vh] overflow-auto rounded-lg border border-gray-200 bg-white shadow-xs ${focusRing}`}
    >
      <table className="min-w-full text-left text-sm" aria-rowcount={rowCount}>
        <caption id={captionId} className="sr-only">
          Consent events, newest first
        </caption>
        <thead className="sticky top-0 z-10 bg-gray-50 shadow-[0_1px_0_0_rgb(229_231_235)]">
          <tr aria-rowindex={1}>
            {table.getFlatHeaders().map((header) => (
              <th
                key={header.id}
                scope="col"
                className="px-3 py-3 text-xs font-semibold tracking-wide whitespace-nowrap text-gray-700 uppercase"
              >
                {headerContent(header)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {paddingTop > 0 ? (
            <tr aria-hidden="true">
              <td colSpan={columns.length} style={{ height: paddingTop, padding: 0 }} />
            </tr>
          ) : null}
          {items.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <tr key={item.key} data-index={item.index} aria-rowindex={item.index + 2} className="border-t border-gray-100">
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className={`${cellClass} ${cell.column.columnDef.meta?.cellClassName ?? ''}`}>
                    {cellContent(cell)}
                  </td>
                ))}
              </tr>
            );
          })}
          {paddingBottom > 0 ? (
            <tr aria-hidden="true">
              <td colSpan={columns.length} style={{ height: paddingBottom, padding: 0 }} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
