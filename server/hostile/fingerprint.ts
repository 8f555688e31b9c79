import type { TestStore } from '../test-support';

export type Fingerprint = Record<string, string>;

/**
 * A cheap fingerprint of everything the store holds: per table, its row count and the newest transaction id
 * that wrote one of its rows (`xmin`): an insert, update or delete that committed changes one or the other,
 * a rolled-back one changes neither.
 * Tables are read from the catalogue, so a table added later is covered too. A failed sign-in records its
 * attempt on purpose (throttling: its counters, and one audit event when a counter reaches its threshold),
 * so those are counted apart: `signInFailures`. The heartbeat is written by every health check.
 */
export async function makeFingerprinter(t: TestStore): Promise<() => Promise<Fingerprint>> {
  const { rows } = await t.sql<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name`,
    [t.schema],
  );
  const apart = new Set(['sign_in_throttle', 'heartbeat']);
  const tables = rows.map((r) => r.table_name).filter((n) => !apart.has(n) && !n.startsWith('schema_migrations'));
  if (!tables.includes('audit_events')) throw new Error('No audit_events table: the fingerprint expects one');
  const parts = tables.map((name) => {
    const filter = name === 'audit_events' ? ` WHERE t.action <> 'session.sign_in_throttled'` : '';
    return `SELECT '${name}' AS name, count(*)::text || ':' || coalesce(max(t.xmin::text::bigint), 0)::text AS value FROM "${name}" t${filter}`;
  });
  parts.push(
    `SELECT 'signInFailures' AS name, (SELECT count(*) FROM audit_events WHERE action = 'session.sign_in_throttled')::text || ':' || coalesce((SELECT sum(failures) FROM sign_in_throttle), 0)::text AS value`,
  );
  const statement = parts.join('\nUNION ALL\n');
  return async () => {
    const result = await t.sql<{ name: string; value: string }>(statement);
    return Object.fromEntries(result.rows.map((r) => [r.name, r.value]));
  };
}

/** The names whose values differ. */
export function diff(a: Fingerprint, b: Fingerprint): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => a[k] !== b[k]);
}
