import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from 'react';
import { useId } from 'react';
import { focusRing } from './classes';

type TableProps = {
  caption: string;
  children: ReactNode;
  busy?: boolean;
  /**
   * On phones, each row becomes a card of "label: value" lines (each cell names its column with `label`),
   * so nothing scrolls sideways. Tables without labels keep scrolling inside their own box.
   */
  stacked?: boolean | 'always';
};

/**
 * Phones: the header row is read only by assistive technology and each cell says its column before its value.
 * The roles are written out (on the rows too) because a table laid out as blocks loses them in some browsers.
 */
const stackedClasses = [
  'max-sm:block max-sm:[&_tbody]:block max-sm:[&_thead]:sr-only',
  'max-sm:[&_tbody_tr]:block max-sm:[&_tbody_tr]:py-2 max-sm:[&_tbody_td]:block max-sm:[&_tbody_td]:py-1',
  'max-sm:[&_tbody_td[data-label]]:relative max-sm:[&_tbody_td[data-label]]:pl-32',
  'max-sm:[&_tbody_td[data-label]]:before:absolute max-sm:[&_tbody_td[data-label]]:before:left-3 max-sm:[&_tbody_td[data-label]]:before:w-28',
  'max-sm:[&_tbody_td[data-label]]:before:font-sans max-sm:[&_tbody_td[data-label]]:before:text-xs max-sm:[&_tbody_td[data-label]]:before:font-semibold',
  'max-sm:[&_tbody_td[data-label]]:before:text-gray-600 max-sm:[&_tbody_td[data-label]]:before:content-[attr(data-label)]',
].join(' ');

/** The same, at every width: for a record too wide for any screen (the Art. 30 record's many columns). */
const alwaysStackedClasses = [
  'block [&_tbody]:block [&_thead]:sr-only',
  '[&_tbody_tr]:block [&_tbody_tr]:py-2 [&_tbody_td]:block [&_tbody_td]:py-1',
  '[&_tbody_td[data-label]]:relative [&_tbody_td[data-label]]:pl-32 sm:[&_tbody_td[data-label]]:pl-60',
  '[&_tbody_td[data-label]]:before:absolute [&_tbody_td[data-label]]:before:left-3 [&_tbody_td[data-label]]:before:w-28 sm:[&_tbody_td[data-label]]:before:w-56',
  '[&_tbody_td[data-label]]:before:font-sans [&_tbody_td[data-label]]:before:text-xs [&_tbody_td[data-label]]:before:font-semibold',
  '[&_tbody_td[data-label]]:before:text-gray-600 [&_tbody_td[data-label]]:before:content-[attr(data-label)]',
].join(' ');

/** A data table with a caption (its accessible name); on narrow screens it stacks its rows or scrolls in its box. */
export function Table({ caption, children, busy = false, stacked = false }: TableProps) {
  const captionId = useId();
  return (
    <div
      role="region"
      aria-labelledby={captionId}
      tabIndex={0}
      className={`overflow-x-auto rounded-lg border border-gray-200 bg-white shadow-xs ${focusRing}`}
    >
      <table
        role={stacked ? 'table' : undefined}
        className={`min-w-full divide-y divide-gray-200 text-left text-sm ${stacked === 'always' ? alwaysStackedClasses : stacked ? stackedClasses : ''}`}
        aria-busy={busy || undefined}
      >
        <caption id={captionId} className="sr-only">
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}

export function THead({ children }: { children: ReactNode }) {
  return (
    <thead role="rowgroup" className="bg-gray-50">
      <tr role="row">{children}</tr>
    </thead>
  );
}

export function Th({ children, className = '', ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th scope="col" className={`px-3 py-3 text-xs font-semibold tracking-wide text-gray-700 uppercase xl:px-4 ${className}`} {...props}>
      {children}
    </th>
  );
}

export function TBody({ children }: { children: ReactNode }) {
  return (
    <tbody role="rowgroup" className="divide-y divide-gray-100">
      {children}
    </tbody>
  );
}

type TdProps = TdHTMLAttributes<HTMLTableCellElement> & {
  /** The column's name, said before the value when a stacked table shows its rows as cards. */
  label?: string;
};

export function Td({ children, className = '', label, ...props }: TdProps) {
  return (
    <td role="cell" data-label={label} className={`px-3 py-3 align-top break-words text-gray-800 xl:px-4 ${className}`} {...props}>
      {children}
    </td>
  );
}
