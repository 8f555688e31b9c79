import type { Subject } from '@/api/contract/accounts';
import { lazySandboxes } from '@/demo/sandboxes/demo-sandboxes';
import type { Queryable } from './db';

/** Enough people for the sandboxes to hold the demo's accounts; a bench database's hundred thousand are not needed. */
const MAX_PEOPLE = 20_000;

/**
 * The vendor sandboxes in the server's process, outside production: the demo seed's connectors point at
 * their addresses, so a deletion on `npm start` runs against them as it does in the demo. They hold the
 * people the database holds now (an erased person's email is gone from it, and so from the sandboxes after a
 * restart); what they delete lives in memory until the server stops.
 */
export function serverSandboxes(db: Pick<Queryable, 'query'>, now: () => Date): ReturnType<typeof lazySandboxes> {
  return lazySandboxes(async () => {
    const { rows } = await db.query<{ doc: Subject }>('SELECT doc FROM subjects WHERE email IS NOT NULL ORDER BY id LIMIT $1', [
      MAX_PEOPLE,
    ]);
    return rows.map((r) => r.doc);
  }, now);
}
