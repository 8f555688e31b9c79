import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db';
import { useSchemaStatement } from './db';

const migrationsDir = fileURLToPath(new URL('./migrations', import.meta.url));
const fileName = /^(\d{3,})_[a-z0-9_-]+\.sql$/;

export type Migration = { version: string; name: string; sql: string; checksum: string };

export function readMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((name) => fileName.test(name))
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name), 'utf8');
      return {
        version: name.slice(0, name.indexOf('_')),
        name,
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

/**
 * Applies the migrations not yet applied, all in one transaction. The transaction first takes an advisory
 * lock, so a second instance starting at the same moment waits, then finds nothing left to do. Answers the
 * names of the migrations it applied.
 */
export async function migrate(db: Db, options: { schema?: string; migrations?: Migration[] } = {}): Promise<string[]> {
  const migrations = options.migrations ?? readMigrations();
  const schema = options.schema;
  return db.transaction(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`privacy-console:migrate:${schema ?? 'public'}`]);
    if (schema !== undefined) {
      await q.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; ${useSchemaStatement(schema)}`);
    }
    // Checked first, so that a role without CREATE rights can start once the schema exists.
    const { rows: found } = await q.query<{ present: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS present");
    if (found[0]?.present !== true) {
      await q.exec(`CREATE TABLE schema_migrations (
        version text PRIMARY KEY,
        name text NOT NULL,
        checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    }
    const { rows } = await q.query<{ version: string; name: string; checksum: string }>(
      'SELECT version, name, checksum FROM schema_migrations',
    );
    const applied = new Map(rows.map((row) => [row.version, row]));
    const done: string[] = [];
    for (const migration of migrations) {
      const previous = applied.get(migration.version);
      if (previous) {
        // An applied migration that changed would leave databases that differ while claiming the same version.
        if (previous.checksum !== migration.checksum) {
          throw new Error(
            `Migration ${migration.name} changed after it was applied (as ${previous.name}). ` +
              'Add a new migration instead of editing an applied one.',
          );
        }
        continue;
      }
      await q.exec(migration.sql);
      await q.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      done.push(migration.name);
    }
    return done;
  });
}
