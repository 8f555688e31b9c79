// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ColumnDef, RowSelectionState, SortingState } from '@tanstack/react-table';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { DataTable } from './data-table';

type Fruit = { id: string; name: string; weight: number; ripe: boolean };
const fruit: Fruit[] = [
  { id: 'b', name: 'Banana', weight: 120, ripe: true },
  { id: 'a', name: 'Apple', weight: 180, ripe: false },
  { id: 'c', name: 'Cherry', weight: 5, ripe: true },
];

/** Made on every render, as pages do when a column reads the page's clock. */
const columnsNow = (): ColumnDef<Fruit, string | number>[] => [
  { accessorKey: 'name', header: 'Name', cell: ({ row }) => <a href={`#${row.original.id}`}>{row.original.name}</a> },
  { accessorKey: 'weight', header: 'Weight' },
];

function Harness({ initial = [] as SortingState }) {
  const [sorting, setSorting] = useState<SortingState>(initial);
  const [selection, setSelection] = useState<RowSelectionState>({});
  return (
    <>
      <DataTable
        caption="Fruit"
        data={fruit}
        columns={columnsNow()}
        getRowId={(f) => f.id}
        sorting={{ state: sorting, onChange: setSorting }}
        selection={{ state: selection, onChange: setSelection, canSelect: (f) => f.ripe, label: (f) => `Select ${f.name}` }}
      />
      <output aria-label="Selected">{Object.keys(selection).join(',')}</output>
    </>
  );
}

const names = () =>
  within(screen.getByRole('table', { name: 'Fruit' }))
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getByRole('link').textContent);

describe('DataTable', () => {
  it('sorts by a header, ascending first, then descending, and says so in aria-sort', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    expect(names()).toEqual(['Banana', 'Apple', 'Cherry']);
    await user.click(screen.getByRole('button', { name: /^Weight/ }));
    expect(names()).toEqual(['Cherry', 'Banana', 'Apple']);
    expect(screen.getByRole('columnheader', { name: /^Weight/ })).toHaveAttribute('aria-sort', 'ascending');
    await user.click(screen.getByRole('button', { name: /^Weight/ }));
    expect(names()).toEqual(['Apple', 'Banana', 'Cherry']);
    expect(screen.getByRole('columnheader', { name: /^Weight/ })).toHaveAttribute('aria-sort', 'descending');
    // Never back to unsorted: a third click is ascending again.
    await user.click(screen.getByRole('button', { name: /^Weight/ }));
    expect(screen.getByRole('columnheader', { name: /^Weight/ })).toHaveAttribute('aria-sort', 'ascending');
    expect(screen.getByRole('columnheader', { name: /^Name/ })).not.toHaveAttribute('aria-sort');
  });

  it('offers a checkbox only on rows that may be selected, named after the row', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    expect(screen.queryByRole('checkbox', { name: 'Select Apple' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'Select Cherry' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select Banana' }));
    expect(screen.getByRole('status', { name: 'Selected' })).toHaveTextContent('c,b');
    expect(screen.getByRole('checkbox', { name: 'Select Cherry' })).toBeChecked();
  });

  it('keeps each cell in place across renders, though the columns are made anew each time', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const link = screen.getByRole('link', { name: 'Cherry' });
    await user.click(screen.getByRole('checkbox', { name: 'Select Banana' }));
    expect(screen.getByRole('link', { name: 'Cherry' })).toBe(link);
  });
});
