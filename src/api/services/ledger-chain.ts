import type { ChainName, ChainReport, ChainStatus, ChainVerification } from '@/api/contract/ledger-chain';
import { chainNames } from '@/api/contract/ledger-chain';
import type { ChainAnchor } from '@/api/store/chain';
import type { ChainHasher, ChainLink } from '@/api/store/chain';
import { checkLink, GENESIS, sealedForm } from '@/api/store/chain';
import type { Store } from '@/api/store/store';
import type { Ctx } from './context';
import { CHAIN_REDACTION_ACTION } from './erasure';

/** Links read per transaction: a check of a million events never holds the database for long (issue 17, finding 10). */
const PAGE = 500;

/**
 * The erasure's sanctioned rewrites (services/erasure): for each `chain:eventId`, the content hashes it went
 * from and to, in the order they happened, read from the audit events that recorded them.
 */
async function sanctionedRewrites(store: Store): Promise<Map<string, { before: unknown; after: unknown }[]>> {
  const rewrites = new Map<string, { before: unknown; after: unknown }[]>();
  const events = [];
  let cursor: string | undefined;
  do {
    const page = await store.transaction((tx) => tx.audit.list({ action: CHAIN_REDACTION_ACTION, cursor, limit: 200 }));
    events.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  for (const event of events.reverse()) {
    for (const change of event.changes) rewrites.set(change.field, [...(rewrites.get(change.field) ?? []), change]);
  }
  return rewrites;
}

/** Whether the stored event is its chained content carried forward by sanctioned rewrites only. */
async function rewrittenBySanction(
  hasher: ChainHasher,
  rewrites: Map<string, { before: unknown; after: unknown }[]>,
  link: ChainLink,
  record: unknown,
): Promise<boolean> {
  const steps = rewrites.get(`${link.chain}:${link.eventId}`);
  if (!steps) return false;
  let hash: unknown = link.contentHash;
  for (const step of steps) if (step.before === hash) hash = step.after;
  return hash !== link.contentHash && hash === (await hasher.sha256(sealedForm(link.chain, record, link.emailSeal)));
}

/**
 * Checks one chain from its first link to the head it had when the check began, a page per transaction, and
 * names the first event (in chain order) that does not hold; then looks for events with no link at all.
 */
export async function verifyChain(store: Store, chain: ChainName): Promise<ChainReport> {
  const { head, anchors, hasher } = await store.transaction(async (tx) => ({
    head: await tx.chain.head(chain),
    anchors: await tx.chain.anchors(chain, 100_000),
    hasher: tx.chain.hasher,
  }));
  const rewrites = await sanctionedRewrites(store);
  const anchorsAt = new Map<number, ChainAnchor[]>();
  for (const a of anchors) anchorsAt.set(a.seq, [...(anchorsAt.get(a.seq) ?? []), a]);
  const report = (firstBroken: ChainReport['firstBroken'], checked: number, redacted: number): ChainReport => ({
    chain,
    intact: firstBroken === null,
    checked,
    head: { seq: head.seq, hash: head.hash },
    redacted,
    firstBroken,
    lastAnchor: anchors[0] ? { seq: anchors[0].seq, hash: anchors[0].hash, anchoredAt: anchors[0].anchoredAt } : null,
  });

  let prev = { seq: 0, hash: GENESIS };
  let checked = 0;
  let redacted = 0;
  const badAnchor = (seq: number, hash: string) => anchorsAt.get(seq)?.find((a) => a.hash !== hash);
  const genesisAnchor = badAnchor(0, GENESIS);
  if (genesisAnchor) {
    return report(
      { seq: 0, eventId: '', problem: 'anchor_mismatch', detail: `the anchor of ${genesisAnchor.anchoredAt} names another start` },
      0,
      0,
    );
  }
  while (prev.seq < head.seq) {
    const rows = await store.transaction((tx) => tx.chain.links(chain, prev.seq, PAGE));
    if (rows.length === 0) {
      return report(
        {
          seq: prev.seq + 1,
          eventId: '',
          problem: 'head_mismatch',
          detail: `the chain ends at link ${prev.seq}, its head says ${head.seq}`,
        },
        checked,
        redacted,
      );
    }
    for (const { link, record } of rows) {
      if (link.seq > head.seq) break;
      let result = await checkLink(hasher, link, prev, record);
      if (result.problem === 'altered' && (await rewrittenBySanction(hasher, rewrites, link, record)))
        result = { problem: null, redacted: true };
      if (result.problem !== null)
        return report({ seq: link.seq, eventId: link.eventId, problem: result.problem, detail: result.detail }, checked, redacted);
      const anchor = badAnchor(link.seq, link.hash);
      if (anchor) {
        return report(
          {
            seq: link.seq,
            eventId: link.eventId,
            problem: 'anchor_mismatch',
            detail: `link ${link.seq} differs from the anchor of ${anchor.anchoredAt}`,
          },
          checked,
          redacted,
        );
      }
      if (result.redacted) redacted += 1;
      checked += 1;
      prev = { seq: link.seq, hash: link.hash };
    }
  }
  if (prev.hash !== head.hash) {
    return report(
      { seq: head.seq, eventId: '', problem: 'head_mismatch', detail: `the chain's head does not match its last link` },
      checked,
      redacted,
    );
  }
  const beyond = anchors.find((a) => a.seq > head.seq);
  if (beyond) {
    return report(
      {
        seq: beyond.seq,
        eventId: '',
        problem: 'anchor_mismatch',
        detail: `the anchor of ${beyond.anchoredAt} names link ${beyond.seq}, past the head`,
      },
      checked,
      redacted,
    );
  }
  const unlinked = await store.transaction((tx) => tx.chain.firstUnlinked(chain));
  if (unlinked !== null) {
    return report(
      { seq: null, eventId: unlinked, problem: 'unchained', detail: `event ${unlinked} is in no chain: it was written around the console` },
      checked,
      redacted,
    );
  }
  return report(null, checked, redacted);
}

export async function verifyChains(store: Store, now: Date): Promise<ChainVerification> {
  const chains: ChainReport[] = [];
  for (const chain of chainNames) chains.push(await verifyChain(store, chain));
  return { checkedAt: now.toISOString(), chains };
}

export async function chainStatus(ctx: Ctx): Promise<ChainStatus> {
  return ctx.deps.store.transaction(async (tx) => {
    const chains: ChainStatus['chains'] = [];
    for (const chain of chainNames) {
      const head = await tx.chain.head(chain);
      const anchors = await tx.chain.anchors(chain, 14);
      chains.push({
        chain,
        head: { seq: head.seq, hash: head.hash },
        anchors: anchors.map(({ seq, hash, anchoredAt }) => ({ seq, hash, anchoredAt })),
      });
    }
    return { chains };
  });
}

/**
 * The daily anchor: each chain's head hash, kept in the database and printed in the server's log, where an
 * edit of the database cannot reach it. A later check that finds a link differing from an anchor says so.
 */
export async function anchorChains(ctx: Ctx): Promise<void> {
  const at = ctx.now.toISOString();
  const heads = await ctx.deps.store.transaction(async (tx) => {
    const out = [];
    for (const chain of chainNames) {
      const head = await tx.chain.head(chain);
      await tx.chain.anchor({ chain, seq: head.seq, hash: head.hash, anchoredAt: at });
      out.push(head);
    }
    return out;
  });
  for (const head of heads)
    ctx.deps.log?.info({ chain: head.chain, seq: head.seq, hash: head.hash, anchoredAt: at }, 'Hash chain head anchored');
}
