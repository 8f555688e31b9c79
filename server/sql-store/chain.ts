import { createHash, createHmac } from 'node:crypto';
import type { ChainName } from '@/api/contract/ledger-chain';
import type { ChainAnchor, ChainHasher, ChainHead, ChainLink, PendingLink } from '@/api/store/chain';
import { extendChain, sealPending } from '@/api/store/chain';
import type { Tx } from '@/api/store/store';
import type { Queryable } from '../db';

/** The chain's digests on node:crypto: the same bytes as WebCrypto's, a few times faster (bulk loads). */
export function nodeChainHasher(key: string): ChainHasher {
  return {
    sha256: (text) => createHash('sha256').update(text, 'utf8').digest('hex'),
    hmac: (text) => createHmac('sha256', key).update(text, 'utf8').digest('hex'),
  };
}

const eventTable: Record<ChainName, { table: string; at: string }> = {
  audit: { table: 'audit_events', at: 'at' },
  consent: { table: 'consent_events', at: 'occurred_at' },
};

type LinkRow = {
  chain: ChainName;
  seq: string | number;
  event_id: string;
  email_seal: string | null;
  content_hash: string;
  prev_hash: string;
  hash: string;
  linked_at: Date | string;
};

const linkOf = (r: LinkRow): ChainLink => ({
  chain: r.chain,
  seq: Number(r.seq),
  eventId: r.event_id,
  emailSeal: r.email_seal,
  contentHash: r.content_hash,
  prevHash: r.prev_hash,
  hash: r.hash,
  linkedAt: new Date(r.linked_at).toISOString(),
});

/**
 * Appends links for `pending` (one chain's events, in order). The events are sealed first; only then is the
 * chain's head row locked (FOR UPDATE: a writer on another instance waits here until this one commits), the
 * links computed from it and written, and the head moved: the lock lasts three statements and the commit.
 */
async function appendLinks(q: Queryable, hasher: ChainHasher, chain: ChainName, pending: readonly PendingLink[]): Promise<void> {
  const sealed = await Promise.all(pending.map((p) => sealPending(hasher, p)));
  const { rows } = await q.query<{ seq: string | number; hash: string }>('SELECT seq, hash FROM chain_heads WHERE chain = $1 FOR UPDATE', [
    chain,
  ]);
  const row = rows[0];
  if (!row) throw new Error(`The ${chain} chain has no head row: run the migrations`);
  const head: ChainHead = { chain, seq: Number(row.seq), hash: row.hash };
  const extended = await extendChain(hasher, head, sealed, new Date().toISOString());
  await q.query(
    `INSERT INTO chain_links (chain, seq, event_id, email_seal, content_hash, prev_hash, hash, linked_at)
     SELECT chain, seq, "eventId", "emailSeal", "contentHash", "prevHash", hash, "linkedAt"
     FROM jsonb_to_recordset($1::jsonb) AS x(chain text, seq bigint, "eventId" text, "emailSeal" text, "contentHash" text,
       "prevHash" text, hash text, "linkedAt" timestamptz)`,
    [JSON.stringify(extended.links)],
  );
  const last = extended.links.at(-1);
  await q.query('UPDATE chain_heads SET seq = $2, hash = $3, prev_hash = $4 WHERE chain = $1', [
    chain,
    extended.head.seq,
    extended.head.hash,
    last?.prevHash ?? head.hash,
  ]);
}

/**
 * One event's link in ONE statement: the head row moves (its UPDATE waits for a concurrent writer's commit and
 * then reads the newest head) and the link is written from what it answers. The link's hash is taken in SQL by
 * the same formula as api/store/chain's `extendChain` (the store suite checks SQL's links with that code).
 */
const linkStatement = `WITH h AS (
    UPDATE chain_heads SET seq = seq + 1, prev_hash = hash,
      hash = encode(sha256(convert_to(concat_ws('|', 'privacy-console/chain/v1', chain, (seq + 1)::text, $2::text, $3::text, hash), 'UTF8')), 'hex')
    WHERE chain = $1 RETURNING chain, seq, prev_hash, hash)
  INSERT INTO chain_links (chain, seq, event_id, email_seal, content_hash, prev_hash, hash, linked_at)
  SELECT chain, seq, $2, $4, $3, prev_hash, hash, $5::timestamptz FROM h`;

/**
 * Links a transaction's new events, audit chain first (one order for every writer: no deadlock). The events
 * are sealed before anything is locked; the head's row lock then lasts from the first link to the commit.
 */
export async function linkPending(q: Queryable, hasher: ChainHasher, pending: readonly PendingLink[]): Promise<void> {
  const at = new Date().toISOString();
  for (const chain of ['audit', 'consent'] as const) {
    const sealed = await Promise.all(pending.filter((p) => p.chain === chain).map((p) => sealPending(hasher, p)));
    for (const s of sealed) {
      const { rowCount } = await q.query(linkStatement, [chain, s.eventId, s.contentHash, s.emailSeal, at]);
      if (rowCount !== 1) throw new Error(`The ${chain} chain has no head row: run the migrations`);
    }
  }
}

/**
 * Links every event that has none, oldest first (at, then id), in batches: after a bulk load (the seed), and
 * once for events written before the chains existed (migration 010). Answers how many it linked.
 */
export async function linkUnlinked(q: Queryable, hasher: ChainHasher, chain: ChainName, batch = 5000): Promise<number> {
  const { table, at } = eventTable[chain];
  let linked = 0;
  for (;;) {
    const { rows } = await q.query<{ doc: PendingLink['record'] }>(
      `SELECT e.doc FROM ${table} e
       WHERE NOT EXISTS (SELECT 1 FROM chain_links l WHERE l.chain = $1 AND l.event_id = e.id)
       ORDER BY e.${at}, e.id LIMIT ${batch}`,
      [chain],
    );
    if (rows.length === 0) return linked;
    await appendLinks(
      q,
      hasher,
      chain,
      rows.map((r) => ({ chain, record: r.doc }) as PendingLink),
    );
    linked += rows.length;
  }
}

/** Whether a chain has no link yet while its table has events (a database from before migration 010); locks its head. */
export async function needsBackfill(q: Queryable, chain: ChainName): Promise<boolean> {
  // Held until the caller's transaction ends: of two instances starting at once, one backfills.
  await q.query('SELECT 1 FROM chain_heads WHERE chain = $1 FOR UPDATE', [chain]);
  const { rows } = await q.query<{ backfill: boolean }>(
    `SELECT (SELECT seq FROM chain_heads WHERE chain = $1) = 0 AND EXISTS (SELECT 1 FROM ${eventTable[chain].table}) AS backfill`,
    [chain],
  );
  return rows[0]?.backfill === true;
}

export function chainRepository(q: Queryable, hasher: ChainHasher): Pick<Tx, 'chain'> {
  return {
    chain: {
      hasher,
      async head(chain) {
        const { rows } = await q.query<{ seq: string | number; hash: string }>('SELECT seq, hash FROM chain_heads WHERE chain = $1', [
          chain,
        ]);
        const row = rows[0];
        if (!row) throw new Error(`The ${chain} chain has no head row: run the migrations`);
        return { chain, seq: Number(row.seq), hash: row.hash };
      },
      async links(chain, afterSeq, limit) {
        const { rows } = await q.query<LinkRow & { doc: unknown }>(
          `SELECT l.*, e.doc FROM chain_links l LEFT JOIN ${eventTable[chain].table} e ON e.id = l.event_id
           WHERE l.chain = $1 AND l.seq > $2 ORDER BY l.seq LIMIT $3`,
          [chain, afterSeq, limit],
        );
        return rows.map((r) => ({ link: linkOf(r), record: r.doc ?? null }));
      },
      async firstUnlinked(chain) {
        const { table, at } = eventTable[chain];
        const { rows } = await q.query<{ id: string }>(
          `SELECT e.id FROM ${table} e
           WHERE NOT EXISTS (SELECT 1 FROM chain_links l WHERE l.chain = $1 AND l.event_id = e.id)
           ORDER BY e.${at}, e.id LIMIT 1`,
          [chain],
        );
        return rows[0]?.id ?? null;
      },
      async anchor(anchor: ChainAnchor) {
        await q.query('INSERT INTO chain_anchors (chain, seq, hash, anchored_at) VALUES ($1, $2, $3, $4::timestamptz)', [
          anchor.chain,
          anchor.seq,
          anchor.hash,
          anchor.anchoredAt,
        ]);
      },
      async anchors(chain, limit) {
        const { rows } = await q.query<{ seq: string | number; hash: string; anchored_at: Date | string }>(
          'SELECT seq, hash, anchored_at FROM chain_anchors WHERE chain = $1 ORDER BY anchored_at DESC LIMIT $2',
          [chain, limit],
        );
        return rows.map((r) => ({ chain, seq: Number(r.seq), hash: r.hash, anchoredAt: new Date(r.anchored_at).toISOString() }));
      },
    },
  };
}
