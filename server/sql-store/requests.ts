import type { Breach } from '@/api/contract/breaches';
import type { DeletionRequest } from '@/api/contract/deletions';
import type { SupportAccessLinkRecord, SupportAccessRecord, SupportAccessSecretRecord } from '@/api/store/schemas';
import type { BreachListQuery, DeletionListQuery, SupportAccessListQuery, Tx } from '@/api/store/store';
import {
  breachesTable,
  deletionsTable,
  supportAccessLinksTable,
  supportAccessSecretsTable,
  supportAccessTable,
  upsertStatement,
} from '../tables';
import type { Sql } from './query';
import { containsPattern, endingKey, instantKey, newestFirst, Where } from './query';

/** Support-access requests (their secrets and consent links), deletion requests and breaches. */
export function requestRepositories(
  sql: Sql,
): Pick<Tx, 'supportAccess' | 'supportAccessSecrets' | 'supportAccessLinks' | 'deletions' | 'breaches'> {
  const { one, many, insert, update, page, write } = sql;
  return {
    supportAccess: {
      get: (id) => one<SupportAccessRecord>('SELECT doc FROM support_access_requests WHERE id = $1', [id]),
      list(query: SupportAccessListQuery) {
        const w = new Where();
        if (query.status?.length) w.add(`status = ANY(${w.param(query.status)}::text[])`);
        if (query.requesterId) w.add(`requester_id = ${w.param(query.requesterId)}`);
        if (query.accountId) w.add(`account_id = ${w.param(query.accountId)}`);
        w.range('created_at', query.createdSince, query.createdBefore);
        if (query.q) {
          const pattern = w.param(containsPattern(query.q));
          w.add(`(ticket_ref_lower LIKE ${pattern} OR account_name_lower LIKE ${pattern} OR id = ${w.param(query.q)})`);
        }
        if (query.awaiting) {
          // Awaiting consent: none yet, or an agent-recorded one no officer has confirmed (memory/requests awaitsConsent).
          const awaits = `(jsonb_typeof(doc->'consent') = 'null' OR (doc->'consent'->>'recordedBy' IS NOT NULL AND doc->'consent'->>'confirmedBy' IS NULL))`;
          w.add(`(status = 'pending' AND ${query.awaiting === 'consent' ? awaits : `NOT ${awaits}`})`);
        }
        if (query.grantEndsAfter) w.add(`grant_ends_at > ${w.param(query.grantEndsAfter)}::timestamptz`);
        if (query.grantEndsBefore) w.add(`grant_ends_at <= ${w.param(query.grantEndsBefore)}::timestamptz`);
        if (query.sort === 'ending') {
          return page<SupportAccessRecord>('support_access_requests', w, {
            order: 'grant_ends_at ASC NULLS LAST, id ASC',
            limit: query.limit,
            cursor: query.cursor,
            // Requests without an end (never granted) come last; the cursor says which part the page ended in.
            resume(cursor) {
              const [withoutEnd, endsAt, id] = endingKey(cursor);
              if (withoutEnd === 1) {
                w.add(`(grant_ends_at IS NULL AND id > ${w.param(id)})`);
              } else {
                const after = `(grant_ends_at, id) > (${w.param(endsAt)}::timestamptz, ${w.param(id)})`;
                w.add(`(grant_ends_at IS NULL OR ${after})`);
              }
            },
            key: (r) => (r.grantEndsAt === null ? [1, '', r.id] : [0, r.grantEndsAt, r.id]),
          });
        }
        const newest = query.sort !== 'oldest';
        return page<SupportAccessRecord>('support_access_requests', w, {
          order: newest ? 'created_at DESC, id DESC' : 'created_at ASC, id ASC',
          limit: query.limit,
          cursor: query.cursor,
          resume(cursor) {
            const [at, id] = instantKey(cursor);
            w.add(`(created_at, id) ${newest ? '<' : '>'} (${w.param(at)}::timestamptz, ${w.param(id)})`);
          },
          key: (r) => [r.createdAt, r.id],
        });
      },
      findOpen: (accountId, requesterId) =>
        one<SupportAccessRecord>(
          `SELECT doc FROM support_access_requests
           WHERE account_id = $1 AND requester_id = $2 AND status IN ('pending', 'active')
           ORDER BY created_at DESC, id DESC LIMIT 1`,
          [accountId, requesterId],
        ),
      listLapsed: (now) =>
        many<SupportAccessRecord>(
          `SELECT doc FROM support_access_requests
           WHERE (status = 'pending' AND decide_by <= $1::timestamptz)
              OR (status = 'active' AND grant_ends_at <= $1::timestamptz)
           ORDER BY created_at, id`,
          [now],
        ),
      insert: insert(supportAccessTable, 'supportAccess'),
      update: update(supportAccessTable, 'supportAccess'),
      listOpenForAccount: (accountId) =>
        many<SupportAccessRecord>(
          `SELECT doc FROM support_access_requests WHERE account_id = $1 AND status IN ('pending', 'active') ORDER BY created_at, id`,
          [accountId],
        ),
    },

    supportAccessSecrets: {
      get: (requestId) => one<SupportAccessSecretRecord>('SELECT doc FROM support_access_secrets WHERE request_id = $1', [requestId]),
      async put(record) {
        await write(upsertStatement(supportAccessSecretsTable, record), 'supportAccessSecrets');
      },
      async delete(requestId) {
        const removed = await write(
          { sql: 'DELETE FROM support_access_secrets WHERE request_id = $1', params: [requestId] },
          'supportAccessSecrets',
        );
        return removed > 0;
      },
    },

    supportAccessLinks: {
      get: (tokenHash) => one<SupportAccessLinkRecord>('SELECT doc FROM support_access_links WHERE token_hash = $1', [tokenHash]),
      insert: insert(supportAccessLinksTable, 'supportAccessLinks'),
      async markUsed(tokenHash, at) {
        const changed = await write(
          {
            sql: `UPDATE support_access_links SET used_at = $2::timestamptz, doc = jsonb_set(doc, '{usedAt}', to_jsonb($2::text))
                  WHERE token_hash = $1 AND used_at IS NULL`,
            params: [tokenHash, at],
          },
          'supportAccessLinks',
        );
        return changed === 1;
      },
      async deleteForRequest(requestId, kind) {
        await write(
          { sql: 'DELETE FROM support_access_links WHERE request_id = $1 AND kind = $2', params: [requestId, kind] },
          'supportAccessLinks',
        );
      },
    },

    deletions: {
      get: (id) => one<DeletionRequest>('SELECT doc FROM deletion_requests WHERE id = $1', [id]),
      list(query: DeletionListQuery) {
        const w = new Where();
        if (query.status?.length) w.add(`status = ANY(${w.param(query.status)}::text[])`);
        if (query.accountId) w.add(`account_id = ${w.param(query.accountId)}`);
        if (query.dueBefore) w.add(`due_at < ${w.param(query.dueBefore)}::timestamptz`);
        if (query.held !== undefined) w.add(`held = ${w.param(query.held)}`);
        if (query.openOnly) w.add(`status NOT IN ('completed', 'rejected')`);
        if (query.wholeAccount) w.add(`doc->>'person' IS NULL`);
        return page<DeletionRequest>('deletion_requests', w, {
          order: 'due_at, id',
          limit: query.limit,
          cursor: query.cursor,
          resume(cursor) {
            const [at, id] = instantKey(cursor);
            w.add(`(due_at, id) > (${w.param(at)}::timestamptz, ${w.param(id)})`);
          },
          key: (d) => [d.dueAt, d.id],
        });
      },
      insert: insert(deletionsTable, 'deletions'),
      update: update(deletionsTable, 'deletions'),
    },

    breaches: {
      get: (id) => one<Breach>('SELECT doc FROM breaches WHERE id = $1', [id]),
      list(query: BreachListQuery) {
        const w = new Where();
        if (query.status?.length) w.add(`status = ANY(${w.param(query.status)}::text[])`);
        const q = query.q?.trim();
        if (q) w.add(`(title_lower LIKE ${w.param(containsPattern(q))} OR id = ${w.param(q)})`);
        return page<Breach>('breaches', w, {
          ...newestFirst(w, 'aware_at', 'id'),
          limit: query.limit,
          cursor: query.cursor,
          key: (b) => [b.awareAt, b.id],
        });
      },
      insert: insert(breachesTable, 'breaches'),
      update: update(breachesTable, 'breaches'),
    },
  };
}
