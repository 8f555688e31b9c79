import type { AuditEvent } from '@/api/contract/audit';
import type { Page } from '@/api/contract/common';
import type { ConsentEvent } from '@/api/contract/consent';
import { ApiError } from '@/api/errors';
import { decodeCursor, encodeCursor } from '@/api/store/cursor';
import type { ConsentStateRecord } from '@/api/store/store';
import { pageSize } from '@/api/store/store';

type Key = readonly (string | number)[];

/**
 * A list's order as the cursor sees it: `key` is what a cursor carries, `dirs` which way each part runs.
 * Strings compare by UTF-16 code unit, as SQL's COLLATE "C".
 */
export type Ordering<T> = {
  key: (r: T) => Key;
  dirs: readonly (1 | -1)[];
  types: readonly ('string' | 'number')[];
  compare: (a: T, b: T) => number;
};

const cmp = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);

function compareKeys(a: Key, b: Key, dirs: readonly (1 | -1)[]): number {
  for (let i = 0; i < dirs.length; i++) {
    const c = cmp(a[i] ?? '', b[i] ?? '') * (dirs[i] ?? 1);
    if (c !== 0) return c;
  }
  return 0;
}

export function ordering<T>(
  key: (r: T) => Key,
  dirs: readonly (1 | -1)[],
  options: { types?: readonly ('string' | 'number')[]; compare?: (a: T, b: T) => number } = {},
): Ordering<T> {
  return {
    key,
    dirs,
    types: options.types ?? dirs.map(() => 'string'),
    compare: options.compare ?? ((a, b) => compareKeys(key(a), key(b), dirs)),
  };
}

/** First index whose row satisfies `pred`, for a predicate that is false and then true along `rows`. */
export function lowerBound<T>(rows: readonly T[], pred: (r: T) => boolean): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pred(rows[mid] as T)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

// Sorting 100,000 events when the demo starts: compared field by field, without building keys.
export const eventsNewest = ordering<ConsentEvent>((e) => [e.occurredAt, e.id], [-1, -1], {
  compare: (a, b) => cmp(b.occurredAt, a.occurredAt) || cmp(b.id, a.id),
});
export const statesNewest = ordering<ConsentStateRecord>((s) => [s.event.occurredAt, s.event.id], [-1, -1]);
export const auditNewest = ordering<AuditEvent>((e) => [e.at, e.id], [-1, -1]);

/** Records go in and come out as copies, as they would through a database. */
export const clone = <T>(value: T): T => structuredClone(value);

/**
 * One page of `rows` (sorted by `order`) that `matches`, resuming after `cursor`; the first page counts
 * every match for its total. Plain scans: the largest table, the ledger, is 100,000 events in the demo.
 * `range` narrows the scan to rows[start, end) when the caller knows where the matches lie.
 */
export function pageOf<T>(
  rows: readonly T[],
  order: Ordering<T>,
  matches: (r: T) => boolean,
  query: { cursor?: string; limit: number },
  range: { start: number; end: number } = { start: 0, end: rows.length },
): Page<T> {
  let from = range.start;
  if (query.cursor) {
    const key = decodeCursor(query.cursor, order.types.length);
    if (!key.every((part, i) => typeof part === order.types[i])) {
      throw new ApiError('bad_request', 'The cursor is not one this API gave out', { cursor: 'Invalid cursor' });
    }
    from = Math.max(
      from,
      lowerBound(rows, (r) => compareKeys(order.key(r), key, order.dirs) > 0),
    );
  }
  const size = pageSize(query.limit);
  const items: T[] = [];
  let more = false;
  for (let i = from; i < range.end; i++) {
    const r = rows[i] as T;
    if (!matches(r)) continue;
    if (items.length === size) {
      more = true;
      break;
    }
    items.push(r);
  }
  const last = items.at(-1);
  const page: Page<T> = { items: items.map(clone), nextCursor: more && last !== undefined ? encodeCursor(order.key(last)) : null };
  if (!query.cursor) {
    let total = 0;
    for (let i = range.start; i < range.end; i++) if (matches(rows[i] as T)) total++;
    page.total = total;
  }
  return page;
}
