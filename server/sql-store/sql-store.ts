import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '@/api/contract/audit';
import type { Processor } from '@/api/contract/processors';
import { VersionConflictError } from '@/api/store/errors';
import type { JobSender } from '@/api/jobs/queue';
import type { ConnectorCredentialsRecord, DpaDocumentRecord, MailMessageRecord } from '@/api/store/schemas';
import type { AuditListQuery, Store, Tx } from '@/api/store/store';
import { noJobQueue } from '@/api/store/store';
import type { Db, Queryable } from '../db';
import { useSchemaStatement } from '../db';
import { auditTable, connectorCredentialsTable, mailMessagesTable, processorsTable, upsertStatement } from '../tables';
import { erasureRepositories } from './erasure';
import { machineRepositories } from './machine';
import { consentEventRepositories } from './consent-events';
import { consentStateRepositories } from './consent-states';
import { peopleRepositories } from './people';
import type { Sql } from './query';
import { escapeLike, newestFirst, sqlOn, Where } from './query';
import { requestRepositories } from './requests';
import type { ChainHasher, PendingLink } from '@/api/store/chain';
import { DEMO_CHAIN_KEY } from '@/api/store/chain';
import { chainRepository, linkPending, nodeChainHasher } from './chain';

export type SqlStoreOptions = {
  /** A schema other than `public` (tests give each store its own); migrate it with the same option. */
  schema?: string;
  /** Whether `close()` closes the database too (false when several stores share one). Defaults to true. */
  ownsDb?: boolean;
  /** The job queue in the same database (pg-boss): jobs sent in a transaction are written by it. */
  jobs?: { sender(q: Queryable): JobSender };
  /** The key of the consent events' email seals (api/store/chain): the server's credentials key. */
  chainKey?: string;
};

/**
 * The Store over PostgreSQL, embedded (PGlite) or a server. Rows keep the record in `doc`; the rules that
 * must hold across instances are constraints (unique indexes, foreign keys, versioned updates), and their
 * violations come out as the store's typed errors (./query storeError).
 */
export class SqlStore implements Store {
  private readonly db: Db;
  private readonly options: SqlStoreOptions;
  /** Names this store in the heartbeat row: which instance wrote last. */
  private readonly instance = `${process.pid}-${randomUUID().slice(0, 8)}`;
  readonly hasher: ChainHasher;

  constructor(db: Db, options: SqlStoreOptions = {}) {
    this.db = db;
    this.options = options;
    this.hasher = nodeChainHasher(options.chainKey ?? DEMO_CHAIN_KEY);
  }

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const { schema } = this.options;
    return this.db.transaction(async (q) => {
      if (schema !== undefined) await q.query(useSchemaStatement(schema));
      const pending: PendingLink[] = [];
      const result = await work(sqlTx(q, this.options.jobs?.sender(q) ?? noJobQueue, this.hasher, pending));
      // Last, so that the chain's head is locked only for the moment before the commit.
      if (pending.length > 0) await linkPending(q, this.hasher, pending);
      return result;
    });
  }

  async ping(): Promise<boolean> {
    try {
      await this.db.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async probeWrite(at: string): Promise<boolean> {
    try {
      await this.db.transaction(async (q) => {
        if (this.options.schema !== undefined) await q.query(useSchemaStatement(this.options.schema));
        await q.query(
          `INSERT INTO heartbeat (id, at, instance) VALUES (1, $1::timestamptz, $2)
           ON CONFLICT (id) DO UPDATE SET at = excluded.at, instance = excluded.instance`,
          [at, this.instance],
        );
      });
      return true;
    } catch {
      return false;
    }
  }

  /**
   * VACUUM FULL writes the table anew and drops the old file, pages of destroyed rows with it; the checkpoint
   * has the dropped file unlinked now rather than at the next one. Measured on PGlite (see migration 009).
   * On a PostgreSQL server a role without pg_checkpoint cannot checkpoint; the server's own follows soon.
   */
  async compactSecrets(): Promise<void> {
    const { schema } = this.options;
    // useSchemaStatement refuses anything but a plain schema name.
    const table = schema === undefined ? 'support_access_secrets' : (useSchemaStatement(schema), `${schema}.support_access_secrets`);
    await this.db.exec(`VACUUM FULL ${table}`);
    await this.db.exec('CHECKPOINT').catch(() => undefined);
  }

  async close(): Promise<void> {
    if (this.options.ownsDb !== false) await this.db.close();
  }
}

function sqlTx(q: Queryable, jobs: JobSender, hasher: ChainHasher, pending: PendingLink[]): Tx {
  const sql = sqlOn(q);
  const consent = consentEventRepositories(sql);
  const registry = registryRepositories(sql);
  return {
    jobs,
    ...peopleRepositories(sql),
    ...consent,
    consentEvents: {
      ...consent.consentEvents,
      async insert(event) {
        await consent.consentEvents.insert(event);
        pending.push({ chain: 'consent', record: event });
      },
    },
    ...consentStateRepositories(sql),
    ...requestRepositories(sql),
    ...registry,
    audit: {
      ...registry.audit,
      async insert(event) {
        await registry.audit.insert(event);
        pending.push({ chain: 'audit', record: event });
      },
    },
    ...erasureRepositories(sql),
    ...chainRepository(q, hasher),
    ...machineRepositories(sql),
    locks: {
      async take(key) {
        await q.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`privacy-console:${key}`]);
      },
    },
  };
}

/** The processor registry (with its connectors' credentials), the audit trail and the company's settings. */
function registryRepositories({
  q,
  one,
  many,
  write,
  insert,
  update,
  page,
}: Sql): Pick<Tx, 'processors' | 'connectorCredentials' | 'audit' | 'mail' | 'settings' | 'dpaDocuments'> {
  return {
    processors: {
      get: (id) => one<Processor>('SELECT doc FROM processors WHERE id = $1', [id]),
      list: () => many<Processor>('SELECT doc FROM processors ORDER BY name, id'),
      insert: insert(processorsTable, 'processors'),
      update: update(processorsTable, 'processors'),
    },

    connectorCredentials: {
      get: (processorId) => one<ConnectorCredentialsRecord>('SELECT doc FROM connector_credentials WHERE processor_id = $1', [processorId]),
      async put(record) {
        await write(upsertStatement(connectorCredentialsTable, record), 'connectorCredentials');
      },
      async delete(processorId) {
        const removed = await write(
          { sql: 'DELETE FROM connector_credentials WHERE processor_id = $1', params: [processorId] },
          'connectorCredentials',
        );
        return removed > 0;
      },
    },

    dpaDocuments: {
      async get(processorId) {
        const { rows } = await q.query<{ doc: Omit<DpaDocumentRecord, 'content'>; content: Uint8Array }>(
          'SELECT doc, content FROM dpa_documents WHERE processor_id = $1',
          [processorId],
        );
        const row = rows[0];
        // node-postgres answers a Buffer: the record holds a plain Uint8Array on every store.
        return row ? { ...row.doc, content: new Uint8Array(row.content) } : null;
      },
      info: (processorId) =>
        one<Omit<DpaDocumentRecord, 'content'>>('SELECT doc FROM dpa_documents WHERE processor_id = $1', [processorId]),
      async put(record) {
        const { content, ...info } = record;
        await write(
          {
            sql: `INSERT INTO dpa_documents (processor_id, size, sha256, content, doc) VALUES ($1, $2, $3, $4, $5::jsonb)
                  ON CONFLICT (processor_id) DO UPDATE SET size = excluded.size, sha256 = excluded.sha256, content = excluded.content, doc = excluded.doc`,
            params: [record.processorId, record.size, record.sha256, content, JSON.stringify(info)],
          },
          'dpaDocuments',
        );
      },
      delete: async (processorId) =>
        (await write({ sql: 'DELETE FROM dpa_documents WHERE processor_id = $1', params: [processorId] }, 'dpaDocuments')) > 0,
    },

    audit: {
      list(query: AuditListQuery) {
        const w = new Where();
        if (query.actorId) w.add(`actor_id = ${w.param(query.actorId)}`);
        if (query.action) {
          // An action names itself and the actions under it: `deletion` finds `deletion.approve`.
          w.add(`(action = ${w.param(query.action)} OR action LIKE ${w.param(`${escapeLike(query.action)}.%`)})`);
        }
        if (query.recordType) w.add(`record_type = ${w.param(query.recordType)}`);
        if (query.recordId) w.add(`record_id = ${w.param(query.recordId)}`);
        w.range('at', query.since, query.before);
        return page<AuditEvent>('audit_events', w, {
          ...newestFirst(w, 'at', 'id'),
          limit: query.limit,
          cursor: query.cursor,
          key: (e) => [e.at, e.id],
        });
      },
      insert: insert(auditTable, 'audit'),
    },

    mail: {
      get: (id) => one<MailMessageRecord>('SELECT doc FROM mail_messages WHERE id = $1', [id]),
      list(query) {
        const w = new Where();
        if (query.status) w.add(`status = ${w.param(query.status)}`);
        return page<MailMessageRecord>('mail_messages', w, {
          ...newestFirst(w, 'created_at', 'id'),
          limit: query.limit,
          cursor: query.cursor,
          key: (m) => [m.createdAt, m.id],
        });
      },
      insert: insert(mailMessagesTable, 'mailMessages'),
      update: update(mailMessagesTable, 'mailMessages'),
    },

    settings: {
      async get(key) {
        // FOR UPDATE: a concurrent writer waits, then reads the new value and version.
        const { rows } = await q.query<{ value: unknown; version: number }>(
          'SELECT value, version FROM settings WHERE key = $1 FOR UPDATE',
          [key],
        );
        const row = rows[0];
        return row ? { value: row.value, version: Number(row.version) } : null;
      },
      async put(key, value, expectedVersion) {
        // The version is compared by the statement that writes: of two instances writing on the same
        // version, the second finds the row changed (or, for a first write, already there).
        const value_ = JSON.stringify(value ?? null);
        const written =
          expectedVersion === 0
            ? await write(
                {
                  sql: 'INSERT INTO settings (key, value, version) VALUES ($1, $2::jsonb, 1) ON CONFLICT (key) DO NOTHING',
                  params: [key, value_],
                },
                'settings',
              )
            : await write(
                {
                  sql: 'UPDATE settings SET value = $2::jsonb, version = version + 1 WHERE key = $1 AND version = $3',
                  params: [key, value_, expectedVersion],
                },
                'settings',
              );
        if (written !== 1) throw new VersionConflictError('settings');
      },
    },
  };
}
