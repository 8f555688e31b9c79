import type { Cell, ColumnDef, Header, OnChangeFn, RowData, RowSelectionState, SortingState } from '@tanstack/react-table';
import { getCoreRowModel, getSortedRowModel, useReactTable } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import { focusRing } from './classes';
import { Table, TBody, Td, Th, THead } from './table';

declare module '@tanstack/react-table' {
  // The type parameters are TanStack's own; the augmentation only adds fields.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Classes for the column's cells (widths, wrapping, fonts). */
    cellClassName?: string;
    headerClassName?: string;
    /** A header seen only by assistive technology (an actions column has nothing to show). */
    srOnlyHeader?: boolean;
  }
}

type Sorting = {
  state: SortingState;
  onChange: (next: SortingState) => void;
};

type Selection<T> = {
  state: RowSelectionState;
  onChange: OnChangeFn<RowSelectionState>;
  /** Rows that may not be selected show no checkbox. */
  canSelect: (row: T) => boolean;
  /** The checkbox's accessible name: "Select Acme Ltd". */
  label: (row: T) => string;
};

type DataTableProps<T> = {
  caption: string;
  data: T[];
  // TanStack's own column type: each column's value type differs, which `unknown` would refuse.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<T, any>[];
  getRowId: (row: T) => string;
  /** Sort by a column's header, in the page (the data is all there); the state is the caller's (the URL's). */
  sorting?: Sorting;
  /** A checkbox column first; the selection is the caller's, keyed by row id. */
  selection?: Selection<T>;
  rowClassName?: (row: T) => string | undefined;
};

/** The name a stacked row shows before a cell: the column's header when it is plain text and shown. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function columnLabel<T>(def: ColumnDef<T, any>): string | undefined {
  return typeof def.header === 'string' && !def.meta?.srOnlyHeader ? def.header : undefined;
}

const sortGlyph = { asc: '▲', desc: '▼', none: '↕' } as const;

/**
 * A header or cell as its column defines it. Called, not rendered as a component the way `flexRender`
 * does: columns made while rendering (they close over the page's clock) would otherwise be new component
 * types on every render, and React would remount every cell, links and all.
 */
function render<P>(content: ReactNode | ((props: P) => ReactNode), props: P): ReactNode {
  return typeof content === 'function' ? content(props) : content;
}

/** A cell's content, for tables that draw their own rows (the virtual ledger). */
export function cellContent<T>(cell: Cell<T, unknown>): ReactNode {
  return render(cell.column.columnDef.cell, cell.getContext());
}

/** A header's content, likewise. */
export function headerContent<T>(header: Header<T, unknown>): ReactNode {
  return render(header.column.columnDef.header, header.getContext());
}

/**
 * A data table from TanStack Table's columns: headers that sort (a button in the header, its order in
 * `aria-sort`), an optional checkbox column for selection, and the design system's table around it.
 */
export function DataTable<T>({ caption, data, columns, getRowId, sorting, selection, rowClassName }: DataTableProps<T>) {
  const table = useReactTable<T>({
    data,
    columns,
    getRowId: (row) => getRowId(row),
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: sorting ? getSortedRowModel() : undefined,
    enableSorting: sorting !== undefined,
    // A header toggles between ascending and descending, starting ascending, and never back to unsorted.
    enableSortingRemoval: false,
    sortDescFirst: false,
    state: { sorting: sorting?.state ?? [], rowSelection: selection?.state ?? {} },
    onSortingChange: (updater) => sorting?.onChange(typeof updater === 'function' ? updater(sorting.state) : updater),
    enableRowSelection: (row) => selection?.canSelect(row.original) ?? false,
    onRowSelectionChange: selection?.onChange,
  });

  return (
    <Table caption={caption} stacked>
      <THead>
        {selection ? <Th className="w-10">Select</Th> : null}
        {table.getFlatHeaders().map((header) => {
          const meta = header.column.columnDef.meta;
          const content = headerContent(header);
          if (!header.column.getCanSort()) {
            return (
              <Th key={header.id} className={meta?.headerClassName}>
                {meta?.srOnlyHeader ? <span className="sr-only">{content}</span> : content}
              </Th>
            );
          }
          const dir = header.column.getIsSorted();
          return (
            <Th
              key={header.id}
              className={meta?.headerClassName}
              aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : undefined}
            >
              <button
                type="button"
                className={`inline-flex items-center gap-1 rounded-sm font-semibold ${focusRing}`}
                onClick={header.column.getToggleSortingHandler()}
              >
                {content}
                <span aria-hidden="true">{sortGlyph[dir || 'none']}</span>
              </button>
            </Th>
          );
        })}
      </THead>
      <TBody>
        {table.getRowModel().rows.map((row) => (
          <tr key={row.id} role="row" className={rowClassName?.(row.original)}>
            {selection ? (
              <Td label={row.getCanSelect() ? 'Select' : undefined}>
                {row.getCanSelect() ? (
                  <input
                    type="checkbox"
                    aria-label={selection.label(row.original)}
                    checked={row.getIsSelected()}
                    onChange={row.getToggleSelectedHandler()}
                    className={`size-4 rounded border-gray-400 ${focusRing}`}
                  />
                ) : null}
              </Td>
            ) : null}
            {row.getVisibleCells().map((cell) => (
              <Td key={cell.id} className={cell.column.columnDef.meta?.cellClassName} label={columnLabel(cell.column.columnDef)}>
                {cellContent(cell)}
              </Td>
            ))}
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
