import type { RowMatch } from '@/api/deps';
import type { Queryable } from '../db';

/**
 * Where `needles` occur (ignoring case) in every row of every table of the database, each row cast to text:
 * the store's tables, the job queue's, any other schema but PostgreSQL's own catalogues. The erasure tests
 * and the e2e server's `POST /api/test/find-in-rows` (TEST_CLOCK only) prove with it that nothing is left.
 */
export async function findInRows(db: Queryable, needles: readonly string[], only?: { schemas: readonly string[] }): Promise<RowMatch[]> {
  const { rows: found } = await db.query<{ schema: string; name: string }>(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
  );
  // A test's stores share one PGlite, each in a schema of its own: it looks in its own.
  const tables = only ? found.filter((t) => only.schemas.includes(t.schema)) : found;
  const wanted = needles.map((n) => n.toLowerCase());
  const matches: RowMatch[] = [];
  for (const { schema, name } of tables) {
    const table = `"${schema.replaceAll('"', '""')}"."${name.replaceAll('"', '""')}"`;
    const { rows } = await db.query<{ needle: string; rows: number }>(
      `SELECT n AS needle, count(*)::int AS rows FROM ${table} x, unnest($1::text[]) n WHERE strpos(lower(x::text), n) > 0 GROUP BY n`,
      [wanted],
    );
    for (const r of rows) matches.push({ table: `${schema}.${name}`, needle: r.needle, rows: r.rows });
  }
  return matches;
}
