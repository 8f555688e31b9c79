import type { Page } from '@/api/contract/common';
import { ApiError } from '@/api/errors';
import { decodeCursor, encodeCursor } from '@/api/store/cursor';
import type { UniqueRule } from '@/api/store/errors';
import { NotFoundError, UniqueViolationError, VersionConflictError } from '@/api/store/errors';
import type { TableName } from '@/api/store/schemas';
import { COUNT_CAP, pageSize } from '@/api/store/store';
import type { Queryable } from '../db';
import { sqlState } from '../db';
import type { Table } from '../tables';
import { insertStatement, versionedUpdateStatement } from '../tables';

/** A WHERE clause built from conditions, each value a numbered parameter. */
export class Where {
  readonly params: unknown[] = [];
  private readonly conditions: string[] = [];

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  add(condition: string): void {
    this.conditions.push(condition);
  }

  /** `column` at or after `since` and before `before` (instants; the services resolve calendar dates). */
  range(column: string, since: string | undefined, before: string | undefined): void {
    for (const condition of this.rangeConditions(column, since, before)) this.add(condition);
  }

  /** range's conditions, with their parameters, for a statement that places them itself. */
  rangeConditions(column: string, since: string | undefined, before: string | undefined): string[] {
    const conditions: string[] = [];
    if (since) conditions.push(`${column} >= ${this.param(since)}::timestamptz`);
    if (before) conditions.push(`${column} < ${this.param(before)}::timestamptz`);
    return conditions;
  }

  /** The conditions so far, for statements that place them themselves (with this Where's parameters). */
  conditionList(): readonly string[] {
    return this.conditions;
  }

  sql(): string {
    return this.conditions.length ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}

/** Which uniqueness rule each unique index keeps (migrations 001, 002 and 004); any other is a key. */
const ruleOfIndex: Record<string, UniqueRule> = {
  users_email_key: 'user_email',
  support_access_open_key: 'open_support_access',
  deletion_requests_open_key: 'open_deletion',
  deletion_requests_open_person_key: 'open_deletion',
  processors_name_key: 'processor_name',
  consent_reviews_pkey: 'consent_review',
};

/** A database refusal as the store's typed error (see api/store/errors); anything else passes through. */
function storeError(error: unknown, table: TableName): unknown {
  const state = sqlState(error);
  const detail = (name: string) =>
    error instanceof Error && name in error ? String((error as unknown as Record<string, unknown>)[name]) : '';
  if (state === '23505') return new UniqueViolationError(ruleOfIndex[detail('constraint')] ?? 'key', table);
  if (state === '23503') {
    const referenced = /table "([^"]+)"/.exec(detail('detail'))?.[1] ?? 'referenced';
    return new NotFoundError(referenced, `The ${referenced} record this ${table} record refers to does not exist`);
  }
  return error;
}

/** The statements every repository writes with, on one transaction's connection. */
export type Sql = {
  q: Queryable;
  one: <R>(sql: string, params: readonly unknown[]) => Promise<R | null>;
  many: <R>(sql: string, params?: readonly unknown[]) => Promise<R[]>;
  /** Runs a write, turning constraint violations into typed store errors; answers the rows it changed. */
  write: (statement: { sql: string; params: readonly unknown[] }, table: TableName) => Promise<number>;
  insert: <R>(table: Table<R>, name: TableName) => (record: R) => Promise<void>;
  /** A versioned update: VersionConflictError when the stored version differs, NotFoundError when there is no row. */
  update: <R>(table: Table<R>, name: TableName) => (record: R, expectedVersion: number) => Promise<void>;
  page: <R>(table: string, w: Where, list: PageSpec<R>) => Promise<Page<R>>;
  mergedPage: <R>(w: Where, spec: MergedPageSpec<R>) => Promise<Page<R>>;
};

type Doc<R> = { doc: R };

type PageSpec<R> = {
  /** The column (or expression named doc) that holds the record; `doc` by default. */
  select?: string;
  order: string;
  limit: number;
  cursor: string | undefined;
  resume: (cursor: string) => void;
  key: (record: R) => (string | number)[];
  /** The first page's total when the caller knows it already (counting is then skipped). */
  total?: number;
};

type MergedPageSpec<R> = {
  table: string;
  /** The ordering columns (instant, id); `columns` must include both. */
  at: string;
  id: string;
  columns: string;
  branches: string[];
  /** The record, from the page's rows as `s`. */
  select: string;
  limit: number;
  cursor: string | undefined;
  key: (record: R) => [string, string];
  total?: number;
};

export function sqlOn(q: Queryable): Sql {
  async function one<R>(sql: string, params: readonly unknown[]): Promise<R | null> {
    const { rows } = await q.query<Doc<R>>(sql, params);
    return rows[0]?.doc ?? null;
  }

  async function many<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    const { rows } = await q.query<Doc<R>>(sql, params);
    return rows.map((row) => row.doc);
  }

  async function write(statement: { sql: string; params: readonly unknown[] }, table: TableName): Promise<number> {
    try {
      return (await q.query(statement.sql, statement.params)).rowCount;
    } catch (error) {
      throw storeError(error, table);
    }
  }

  /** Counts the rows a FROM ... WHERE matches, up to COUNT_CAP: past it the total is left out (the contract allows it). */
  async function countCapped(from: string, params: readonly unknown[]): Promise<number | undefined> {
    const { rows } = await q.query<{ total: string | number }>(
      `SELECT count(*) AS total FROM (SELECT 1 FROM ${from} LIMIT ${COUNT_CAP + 1}) AS matching`,
      params,
    );
    const counted = Number(rows[0]?.total ?? 0);
    return counted > COUNT_CAP ? undefined : counted;
  }

  function finish<R>(items: R[], size: number, key: (record: R) => (string | number)[], total: number | undefined): Page<R> {
    const more = items.length > size;
    if (more) items.length = size;
    const last = items[items.length - 1];
    const nextCursor = more && last !== undefined ? encodeCursor(key(last)) : null;
    return total === undefined ? { items, nextCursor } : { items, nextCursor, total };
  }

  return {
    q,
    one,
    many,
    write,
    insert: (table, name) => async (record) => {
      await write(insertStatement(table, record), name);
    },
    update: (table, name) => async (record, expectedVersion) => {
      if ((await write(versionedUpdateStatement(table, record, expectedVersion), name)) === 1) return;
      const key = table.columns.find((c) => c.name === table.key)?.value(record);
      const { rows } = await q.query(`SELECT 1 FROM ${table.name} WHERE ${table.key} = $1`, [key]);
      throw rows.length > 0 ? new VersionConflictError(name) : new NotFoundError(name);
    },

    /**
     * One page in `order`, resuming after `cursor` (`resume` adds the condition for it). The first page also
     * counts the rows that the filters match: the lists show "n of total" from the first page.
     */
    async page(table, w, list) {
      let total: number | undefined;
      if (list.cursor) list.resume(list.cursor);
      else total = list.total ?? (await countCapped(`${table} ${w.sql()}`, w.params));
      const size = pageSize(list.limit);
      const items = await many<never>(
        `SELECT ${list.select ?? 'doc'} FROM ${table} ${w.sql()} ORDER BY ${list.order} LIMIT ${size + 1}`,
        w.params,
      );
      return finish(items, size, list.key, total);
    },

    /**
     * A page in (at, id) order, newest first, of rows that fall into several ranges of one index, each range
     * already in that order (one branch's WHERE each; `w` holds their parameters). Each range gives at most a
     * page of keys, the newest page of those is kept, and only its rows are read whole: the time grows with the
     * number of ranges, not with how far back their rows lie. (The planner cannot merge ordered ranges of a
     * UNION whose branches have WHERE clauses, hence the LIMIT in every branch.)
     */
    async mergedPage(w, spec) {
      if (spec.branches.length === 0) return { items: [], nextCursor: null, total: 0 };
      let total: number | undefined;
      if (!spec.cursor) {
        total =
          spec.total ??
          (await countCapped(`(${spec.branches.map((b) => `SELECT 1 FROM ${spec.table} WHERE ${b}`).join(' UNION ALL ')}) AS u`, w.params));
      }
      const order = `${spec.at} DESC, ${spec.id} DESC`;
      // Outside the branches the columns go by their bare names.
      const bare = (column: string) => column.slice(column.indexOf('.') + 1);
      const merged = `${bare(spec.at)} DESC, ${bare(spec.id)} DESC`;
      const after: string[] = [];
      if (spec.cursor) {
        const [at, id] = instantKey(spec.cursor);
        after.push(`(${spec.at}, ${spec.id}) < (${w.param(at)}::timestamptz, ${w.param(id)})`);
      }
      const size = pageSize(spec.limit);
      const ranges = spec.branches
        .map((b) => `(SELECT ${spec.columns} FROM ${spec.table} WHERE ${[b, ...after].join(' AND ')} ORDER BY ${order} LIMIT ${size + 1})`)
        .join(' UNION ALL ');
      const items = await many<never>(
        `SELECT ${spec.select} FROM (SELECT * FROM (${ranges}) AS u ORDER BY ${merged} LIMIT ${size + 1}) AS s ORDER BY ${merged}`,
        w.params,
      );
      return finish(items, size, spec.key, total);
    },
  };
}

/** Newest first by an instant and an id: the page's order, and where a cursor resumes (just after its row). */
export function newestFirst(w: Where, at: string, id: string) {
  return {
    order: `${at} DESC, ${id} DESC`,
    resume(cursor: string) {
      const [instant, last] = instantKey(cursor);
      w.add(`(${at}, ${id}) < (${w.param(instant)}::timestamptz, ${w.param(last)})`);
    },
  };
}

/** A LIKE pattern for a case-insensitive substring, with LIKE's own wildcards taken literally. */
export function containsPattern(q: string): string {
  return `%${escapeLike(q.toLowerCase())}%`;
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

function parseInstant(value: string): string {
  if (!isoInstant.test(value) || Number.isNaN(Date.parse(value))) throw badCursor();
  return value;
}

function badCursor(): ApiError {
  return new ApiError('bad_request', 'The cursor is not one this API gave out', { cursor: 'Invalid cursor' });
}

/** Decodes a cursor and checks each part's type, so a forged cursor is a 400, never a database error. */
export function stringKey(cursor: string): [string, string] {
  const [a, b] = decodeCursor(cursor, 2);
  if (typeof a !== 'string' || typeof b !== 'string') throw badCursor();
  return [a, b];
}

/** A cursor that is one id. */
export function idKey(cursor: string): string {
  const [id] = decodeCursor(cursor, 1);
  if (typeof id !== 'string') throw badCursor();
  return id;
}

export function instantKey(cursor: string): [string, string] {
  const [at, id] = stringKey(cursor);
  return [parseInstant(at), id];
}

export function endingKey(cursor: string): [number, string, string] {
  const [withoutEnd, endsAt, id] = decodeCursor(cursor, 3);
  if ((withoutEnd !== 0 && withoutEnd !== 1) || typeof endsAt !== 'string' || typeof id !== 'string') throw badCursor();
  return [withoutEnd, withoutEnd === 1 ? endsAt : parseInstant(endsAt), id];
}
