import { createHmac } from 'node:crypto';
import type { Db, Queryable } from './db';
import { useSchemaStatement } from './db';
import { ConfigError } from './config';

/** A fixed text, MACed with the key: the check value tells keys apart and gives nothing of the key away. */
const checkedText = 'privacy-console credentials key check v1';

function keyCheckValue(key: string): string {
  return createHmac('sha256', Buffer.from(key, 'base64')).update(checkedText).digest('base64');
}

/**
 * Every instance on one database must encrypt customers' login details with the same key, or each would
 * store what the others cannot read (and reveals would fail). The first start keeps the key's check value
 * in the database; every later start compares its own and refuses, in one line, when they differ.
 */
export async function checkCredentialsKey(
  db: Db,
  key: string,
  source: string,
  options: { now?: Date; schema?: string } = {},
): Promise<'recorded' | 'matches'> {
  const value = keyCheckValue(key);
  const now = options.now ?? new Date();
  return db.transaction(async (q) => {
    if (options.schema !== undefined) await q.query(useSchemaStatement(options.schema));
    return compare(q, value, now, source);
  });
}

async function compare(db: Queryable, value: string, now: Date, source: string): Promise<'recorded' | 'matches'> {
  const inserted = await db.query(
    `INSERT INTO server_checks (name, value, created_at) VALUES ('credentials_key', $1, $2::timestamptz) ON CONFLICT (name) DO NOTHING`,
    [value, now.toISOString()],
  );
  if (inserted.rowCount === 1) return 'recorded';
  const { rows } = await db.query<{ value: string; created_at: Date | string }>(
    `SELECT value, created_at FROM server_checks WHERE name = 'credentials_key'`,
  );
  const stored = rows[0];
  if (stored && stored.value !== value) {
    throw new ConfigError(
      `The credentials key (${source}) is not the one this database was first started with on ${new Date(stored.created_at).toISOString().slice(0, 10)}: ` +
        'every instance must use the same CREDENTIALS_KEY, or stored login details cannot be read',
    );
  }
  return 'matches';
}
