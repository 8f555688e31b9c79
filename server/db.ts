import { PGlite } from '@electric-sql/pglite';
import type { Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { Pool } from 'pg';
import type pg from 'pg';
import type { PoolClient } from 'pg';
import { closeTree, ensurePrivateDir } from './data-dir';

export type Row = Record<string, unknown>;
export type QueryResult<R> = { rows: R[]; rowCount: number };

/** What a statement runs on: the database itself or one open transaction. */
export interface Queryable {
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /** Several statements separated by semicolons, without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` inside BEGIN ... COMMIT, rolling back when it throws. */
  transaction<T>(work: (q: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

function pgliteQueryable(target: PGlite | Transaction): Queryable {
  return {
    async query<R extends Row>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query<R>(sql, [...params]);
      return { rows: result.rows, rowCount: result.rowCount ?? result.affectedRows ?? result.rows.length };
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  };
}

/**
 * Embedded PostgreSQL. `dataDir` undefined means in memory. PGlite is a single connection that must never
 * be opened by two processes at once, so a directory gets a lock file naming the process that holds it.
 */
export async function openPglite(dataDir?: string): Promise<Db> {
  const releaseLock = dataDir === undefined ? () => {} : lockDataDir(dataDir);
  let pglite: PGlite;
  try {
    // pg_trgm serves person search (migration 014); PGlite ships it as a contrib extension to load here.
    pglite = await PGlite.create(dataDir, { extensions: { pg_trgm } });
    if (dataDir !== undefined) closeTree(dataDir);
  } catch (error) {
    releaseLock();
    throw error;
  }
  const base = pgliteQueryable(pglite);
  return {
    kind: 'pglite',
    ...base,
    transaction: (work) => pglite.transaction((tx) => work(pgliteQueryable(tx))),
    async close() {
      if (!pglite.closed) await pglite.close();
      releaseLock();
    },
  };
}

function lockDataDir(dataDir: string): () => void {
  ensurePrivateDir(dirname(dataDir));
  ensurePrivateDir(dataDir);
  const lockPath = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if (!isErrno(error, 'EEXIST')) throw error;
      const holder = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
      if (Number.isInteger(holder) && holder !== process.pid && processIsAlive(holder)) {
        throw new DataDirInUseError(
          `The embedded database in ${dataDir} is in use by process ${holder}. Stop that process first ` +
            '(the embedded database takes one process at a time), or use DATABASE_URL for several.',
        );
      }
      // The holder is gone (a crash or a kill -9): the lock is stale.
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

/** Another process holds the embedded database's directory. */
export class DataDirInUseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirInUseError';
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isErrno(error, 'EPERM');
  }
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}

function clientQueryable(client: Pool | PoolClient): Queryable {
  return {
    async query<R extends Row>(sql: string, params: readonly unknown[] = []) {
      // Several statements without parameters (pg-boss's schema plans) answer one result each: the last counts.
      const answer: pg.QueryResult<R> | pg.QueryResult<R>[] = await client.query<R>(sql, [...params]);
      const result: pg.QueryResult<R> | undefined = Array.isArray(answer) ? (answer as pg.QueryResult<R>[]).at(-1) : answer;
      return { rows: result?.rows ?? [], rowCount: result?.rowCount ?? result?.rows.length ?? 0 };
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

/** A PostgreSQL server through a connection pool: each transaction holds its own connection. */
export function openPostgres(connectionString: string, options: { max?: number } = {}): Db {
  const pool = new Pool({ connectionString, max: options.max ?? 10 });
  // An idle connection that the server drops must not crash the process; the next query reconnects.
  pool.on('error', (error) => console.error('PostgreSQL connection error:', error.message));
  let ended: Promise<void> | undefined;
  return {
    kind: 'postgres',
    ...clientQueryable(pool),
    async transaction(work) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        try {
          const result = await work(clientQueryable(client));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          try {
            await client.query('ROLLBACK');
          } catch (rollbackError) {
            broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
          }
          throw error;
        }
      } finally {
        client.release(broken);
      }
    },
    close: () => (ended ??= pool.end()),
  };
}

export type DbConfig = { databaseUrl?: string; pgliteDir?: string };

export async function openDb(config: DbConfig): Promise<Db> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openPglite(config.pgliteDir);
}

/** The SQLSTATE of a database error from either driver, if it is one. */
export function sqlState(error: unknown): string | undefined {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}

/**
 * `SET LOCAL search_path` for a schema other than `public` (tests give each store its own). Only plain
 * lower-case identifiers are accepted, so the name needs no quoting rules.
 */
export function useSchemaStatement(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`Not a plain schema name: ${schema}`);
  return `SET LOCAL search_path TO ${schema}`;
}
