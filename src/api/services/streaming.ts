import { toCsv } from '@/api/rules/exports';

type Cells = readonly (string | number | null | undefined)[];

/**
 * Export pages run one at a time in this process, behind any request already waiting for the database. On
 * PGlite (one connection, queries on the main thread) eight exports each a page ahead of a list request made
 * that list wait eight pages per transaction it runs; this way it waits one at most. Exports share the turns.
 */
let exportTail: Promise<void> = Promise.resolve();
async function exportTurn<T>(work: () => Promise<T>): Promise<T> {
  const previous = exportTail;
  let done = (): void => undefined;
  exportTail = new Promise<void>((resolve) => {
    done = resolve;
  });
  await previous;
  // A macrotask's pause: a request whose next step waits on one (a digest, a socket) gets the database
  // first, rather than export pages resuming each other in microtasks forever.
  await new Promise((resolve) => setTimeout(resolve, 0));
  try {
    return await work();
  } finally {
    done();
  }
}

/**
 * A CSV file that is written as it is read: each page comes from `page(cursor)`, which runs its own short
 * transaction, when the reader asks for more. So a long export never holds the database (PGlite has one
 * connection: a single transaction over a whole ledger made every other request wait, issue 17 finding 10),
 * and the server never holds the whole file in memory; pages of concurrent exports take turns (exportTurn).
 * Rows are read as of each page, not one snapshot.
 */
export function csvStream(
  header: Cells,
  page: (cursor: string | undefined) => Promise<{ rows: Cells[]; nextCursor: string | null }>,
  trailer?: () => Cells | null,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(toCsv([header])));
      }
      const next = await exportTurn(() => page(cursor));
      if (next.rows.length > 0) controller.enqueue(encoder.encode(toCsv(next.rows)));
      if (next.nextCursor === null) {
        const last = trailer?.();
        if (last) controller.enqueue(encoder.encode(toCsv([last])));
        controller.close();
        return;
      }
      cursor = next.nextCursor;
    },
  });
}
