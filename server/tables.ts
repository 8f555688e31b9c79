import type { Account, Subject } from '@/api/contract/accounts';
import type { AuditEvent } from '@/api/contract/audit';
import type { Breach } from '@/api/contract/breaches';
import type { ConsentEvent, Notice } from '@/api/contract/consent';
import type { DeletionRequest } from '@/api/contract/deletions';
import type { Processor } from '@/api/contract/processors';
import type {
  ApiTokenRecord,
  MachineRequestRecord,
  WebhookDeliveryRecord,
  WebhookRecord,
  ConnectorCredentialsRecord,
  MailMessageRecord,
  SessionRecord,
  SupportAccessLinkRecord,
  SupportAccessRecord,
  SupportAccessSecretRecord,
  UserRecord,
} from '@/api/store/schemas';

type ColumnType = 'text' | 'integer' | 'boolean' | 'timestamptz';
type Value = string | number | boolean | null;
type Column<R> = { name: string; type: ColumnType; value: (record: R) => Value };

/**
 * How a record (its shape is api/store/schemas) becomes a row: the typed columns (see migrations/) computed
 * from the record, plus the record itself in `doc`. The single-row insert and the bulk loader both read this, so the two
 * cannot disagree.
 */
export type Table<R> = { name: string; key: string; columns: Column<R>[] };

const lower = (value: string | null) => (value === null ? null : value.toLowerCase());

export const usersTable: Table<UserRecord> = {
  name: 'users',
  key: 'id',
  columns: [
    { name: 'id', type: 'text', value: (r) => r.id },
    { name: 'email', type: 'text', value: (r) => r.email.toLowerCase() },
    { name: 'name', type: 'text', value: (r) => r.name },
    { name: 'role', type: 'text', value: (r) => r.role },
    { name: 'created_at', type: 'timestamptz', value: (r) => r.createdAt },
    { name: 'status', type: 'text', value: (r) => r.status ?? 'active' },
  ],
};

export const sessionsTable: Table<SessionRecord> = {
  name: 'sessions',
  key: 'token_hash',
  columns: [
    { name: 'token_hash', type: 'text', value: (r) => r.tokenHash },
    { name: 'id', type: 'text', value: (r) => r.id },
    { name: 'user_id', type: 'text', value: (r) => r.userId },
    { name: 'created_at', type: 'timestamptz', value: (r) => r.createdAt },
    { name: 'last_seen_at', type: 'timestamptz', value: (r) => r.lastSeenAt },
    { name: 'expires_at', type: 'timestamptz', value: (r) => r.expiresAt },
  ],
};

export const accountsTable: Table<Account> = {
  name: 'accounts',
  key: 'id',
  columns: [
    { name: 'id', type: 'text', value: (r) => r.id },
    { name: 'name', type: 'text', value: (r) => r.name },
    { name: 'name_lower', type: 'text', value: (r) => r.name.toLowerCase() },
    { name: 'hosting', type: 'text', value: (r) => r.hosting },
    { name: 'plan', type: 'text', value: (r) => r.plan },
    { name: 'status', type: 'text', value: (r) => r.status },
    { name: 'created_at', type: 'timestamptz', value: (r) => r.createdAt },
  ],
};

export const subjectsTable: Table<Subject> = {
  name: 'subjects',
  key: 'id',
  columns: [
    { name: 'id', type: 'text', value: (r) => r.id },
    { name: 'account_id', type: 'text', value: (r) => r.accountId },
    { name: 'kind', type: 'text', value: (r) => r.kind },
    { name: 'name', type: 'text', value: (r) => r.name },
    { name: 'email', type: 'text', value: (r) => lower(r.email) },
  ],
};

export const processorsTable: Table<Processor> = {
  name: 'processors',
  key: 'id',
  columns: [
    { name: 'id', type: 'text', value: (r) => r.id },
    { name: 'name', type: 'text', value: (r) => r.name },
    // Lower-cased here (Unicode-aware), for the unique name rule (migration 004).
    { name: 'name_lower', type: 'text', value: (r) => r.name.toLowerCase() },
    { name: 'kind', type: 'text', value: (r) => r.kind },
    { name: 'status', type: 'text', value: (r) => r.status },
    { name: 'version', type: 'integer', value: (r) => r.version },
  ],
};

export const connectorCredentialsTable: Table<ConnectorCredentialsRecord> = {
  name: 'connector_credentials',
  key: 'processor_id',
  columns: [
    { name: 'processor_id', type: 'text', value: (r) => r.processorId },
    { name: 'vendor', type: 'text', value: (r) => r.vendor },
    { name: 'updated_at', type: 'timestamptz', value: (r) => r.updatedAt },
  ],
};

export const noticesTable: Table<Notice> = {
  name: 'notices',
  key: 'hash',
  columns: [
    { name: 'hash', type: 'text', value: (r) => r.hash },
    { name: 'purpose', type: 'text', value: (r) => r.purpose },
    { name: 'version', type: 'text', value: (r) => r.version },
    { name: 'published_at', type: 'timestamptz', value: (r) => r.publishedAt },
  ],
};

export const consentEventsTable: Table<ConsentEvent> = {
  name: 'consent_events',
  key: 'id',
  columns: [
    { name: 'id', type: 'text', value: (r) => r.id },
    { name: 'subject_id', type: 'text', value: (r) => r.subjectId },
    { name: 'account_id', type: 'text', value: (r) => r.accountId },
    { name: 'purpose', type: 'text', value: (r) => r.purpose },
    { name: 'action', type: 'text', value: (r) => r.action },
    { name: 'channel', type: 'text', value: (r) => r.channel },
    { name: 'notice_version', type: 'text', value: (r) => r.noticeVersion },
    { name: 'occurred_at', type: 'timestamptz', value: (r) => r.occurredAt },
  ],
};

export const supportAccessTable: Table<SupportAccessRecord> = {
  name: 'support_access_requests',
  key: 'id',
  columns: [
    { name: 'id', type: 'text', value: (r) => r.id },
    { name: 'status', type: 'text', value: (r) => r.status },
    { name: 'account_id', type: 'text', value: (r) => r.accountId },
    { name: 'requester_id', type: 'text', value: (r) => r.requesterId },
    { name: 'ticket_ref_lower', type: 'text', value: (r) => r.ticketRef.toLowerCase() },
    { name: 'account_name_lower', type: 'text', value: (r) => r.accountName.toLowerCase() },
    { name: 'created_at', type: 'timestamptz', value: (r) => r.createdAt },
    { name: 'decide_by', type: 'timestamptz', value: (r) => r.decideBy },
    { name: 'grant_ends_at', type: 'timestamptz', value: (r) => r.grantEndsAt },
    { name: 'version', type: 'integer', value: (r) => r.version },
  ],
};

export const supportAccessSecretsTable: Table<SupportAccessSecretRecord> = {
  name: 'support_access_secrets',
  key: 'request_id',
  columns: [
    { name: 'request_id', type: 'text', value: (r) => r.requestId },
    { name: 'created_at', type: 'timestamptz', value: (r) => r.createdAt },
  ],
};

export const supportAccessLinksTable: Table<SupportAccessLinkRecord> = {
  name: 'support_access_links',
  key: 'token_hash',
  columns: [
    { name: 'token_hash', type: 'text', value: (r) => r.tokenHash },
    { name: 'request_id', type: 'text', value: (r) => r.requestId },
    { name: 'kind', type: 'text', value: (r) => r.kind },
    { name: 'used_at', type: 'timestamptz', value: (r) => r.usedAt },
  ],
};

export const deletionsTable: Table<DeletionRequest> = {
  name: 'deletion_requests',
  key: 'id',
  columns: [
    { name: 'id', type: 'text', value: (r) => r.id },
    { name: 'status', type: 'text', value: (r) => r.status },
    { name: 'account_id', type: 'text', value: (r) => r.accountId },
    { name: 'due_at', type: 'timestamptz', value: (r) => r.dueAt },
    { name: 'held', type: 'boolean', value: (r) => r.holds.length > 0 },
    { name: 'created_at', type: 'timestamptz', value: (r) => r.createdAt },
    { name: 'version', type: 'integer', value: (r) => r.version },
  ],
};

export const mailMessagesTable: Table<MailMessageRecord> = {
  name: 'mail_messages',
  key: 'id',
  columns: [
    { name: 'id', type: 'text', value: (r) => r.id },
    { name: 'status', type: 'text', value: (r) => r.status },
    { name: 'created_at', type: 'timestamptz', value: (r) => r.createdAt },
    { name: 'version', type: 'integer', value: (r) => r.version },
  ],
};

export const auditTable: Table<AuditEvent> = {
  name: 'audit_events',
  key: 'id',
  columns: [
    { name: 'id', type: 'text', value: (r) => r.id },
    { name: 'at', type: 'timestamptz', value: (r) => r.at },
    { name: 'actor_id', type: 'text', value: (r) => r.actorId },
    { name: 'action', type: 'text', value: (r) => r.action },
    { name: 'record_type', type: 'text', value: (r) => r.recordType },
    { name: 'record_id', type: 'text', value: (r) => r.recordId },
  ],
};

export const breachesTable: Table<Breach> = {
  name: 'breaches',
  key: 'id',
  columns: [
    { name: 'id', type: 'text', value: (r) => r.id },
    { name: 'status', type: 'text', value: (r) => r.status },
    { name: 'title_lower', type: 'text', value: (r) => r.title.toLowerCase() },
    { name: 'aware_at', type: 'timestamptz', value: (r) => r.awareAt },
    { name: 'created_at', type: 'timestamptz', value: (r) => r.createdAt },
    { name: 'version', type: 'integer', value: (r) => r.version },
  ],
};

/** `INSERT INTO t (...) VALUES ($1::type, ...)` and its parameters for one record. */
export function insertStatement<R>(table: Table<R>, record: R): { sql: string; params: Value[] } {
  const names = table.columns.map((c) => c.name).join(', ');
  const placeholders = table.columns.map((c, i) => `$${i + 1}::${c.type}`).join(', ');
  const params = table.columns.map((c) => c.value(record));
  params.push(JSON.stringify(record));
  return {
    sql: `INSERT INTO ${table.name} (${names}, doc) VALUES (${placeholders}, $${params.length}::jsonb)`,
    params,
  };
}

/** `INSERT ... ON CONFLICT (key) DO UPDATE`: the row for the key becomes `record`, whether it existed or not. */
export function upsertStatement<R>(table: Table<R>, record: R): { sql: string; params: Value[] } {
  const insert = insertStatement(table, record);
  const updates = table.columns
    .filter((c) => c.name !== table.key)
    .map((c) => `${c.name} = excluded.${c.name}`)
    .concat('doc = excluded.doc')
    .join(', ');
  return { sql: `${insert.sql} ON CONFLICT (${table.key}) DO UPDATE SET ${updates}`, params: insert.params };
}

/**
 * `UPDATE t SET ... WHERE id = $ AND version = $`: the optimistic version check happens in the statement
 * that writes, so of two concurrent writers holding the same version, the second finds no row to change.
 */
export function versionedUpdateStatement<R>(table: Table<R>, record: R, expectedVersion: number): { sql: string; params: Value[] } {
  const columns = table.columns.filter((c) => c.name !== table.key);
  const key = table.columns.find((c) => c.name === table.key);
  if (!key) throw new Error(`${table.name} has no key column`);
  const params: Value[] = columns.map((c) => c.value(record));
  const sets = columns.map((c, i) => `${c.name} = $${i + 1}::${c.type}`);
  params.push(JSON.stringify(record));
  sets.push(`doc = $${params.length}::jsonb`);
  params.push(key.value(record));
  const keyParam = params.length;
  params.push(expectedVersion);
  return {
    sql: `UPDATE ${table.name} SET ${sets.join(', ')} WHERE ${table.key} = $${keyParam} AND version = $${params.length}`,
    params,
  };
}

/**
 * Many rows in one statement: the rows travel as one JSON array parameter and `jsonb_to_recordset` turns
 * them back into typed columns, which avoids the 65,535-parameter limit of a multi-row VALUES list.
 */
export function bulkInsertStatement<R>(table: Table<R>, records: readonly R[]): { sql: string; params: [string] } {
  const names = table.columns.map((c) => c.name);
  const definitions = table.columns.map((c) => `${c.name} ${c.type}`).join(', ');
  const rows = records.map((record) => {
    const row: Record<string, unknown> = { doc: record };
    for (const column of table.columns) row[column.name] = column.value(record);
    return row;
  });
  return {
    sql:
      `INSERT INTO ${table.name} (${names.join(', ')}, doc) ` +
      `SELECT ${names.join(', ')}, doc FROM jsonb_to_recordset($1::jsonb) AS x(${definitions}, doc jsonb)`,
    params: [JSON.stringify(rows)],
  };
}

export const apiTokensTable: Table<ApiTokenRecord> = {
  name: 'api_tokens',
  key: 'id',
  columns: [
    { name: 'id', type: 'text', value: (r) => r.id },
    { name: 'token_hash', type: 'text', value: (r) => r.tokenHash },
    { name: 'created_at', type: 'timestamptz', value: (r) => r.createdAt },
    { name: 'version', type: 'integer', value: (r) => r.version },
  ],
};

export const machineRequestsTable: Table<MachineRequestRecord> = {
  name: 'machine_requests',
  key: 'key',
  columns: [
    { name: 'key', type: 'text', value: (r) => r.key },
    { name: 'created_at', type: 'timestamptz', value: (r) => r.createdAt },
  ],
};

export const webhooksTable: Table<WebhookRecord> = {
  name: 'webhooks',
  key: 'id',
  columns: [
    { name: 'id', type: 'text', value: (r) => r.id },
    { name: 'created_at', type: 'timestamptz', value: (r) => r.createdAt },
    { name: 'version', type: 'integer', value: (r) => r.version },
  ],
};

export const webhookDeliveriesTable: Table<WebhookDeliveryRecord> = {
  name: 'webhook_deliveries',
  key: 'id',
  columns: [
    { name: 'id', type: 'text', value: (r) => r.id },
    { name: 'status', type: 'text', value: (r) => r.status },
    { name: 'created_at', type: 'timestamptz', value: (r) => r.createdAt },
    { name: 'version', type: 'integer', value: (r) => r.version },
  ],
};
