import type { ErasureVerification, EvidenceCall } from '@/api/contract/connectors';
import type { ConnectorContext, ErasureOutcome } from './connector';
import { backoffSeconds, Stop } from './vendor-session';
import type { VendorSession } from './vendor-session';

/** How one vendor finds, deletes and re-reads a person's records; `erase` below does the rest alike for all. */
export type ErasePlan = {
  /** The vendor ids of the person's records (following the vendor's pagination to the end). */
  find(): Promise<string[]>;
  /** Deletes one record: `deleted` when the vendor confirmed it, `gone` when it answered there was none. */
  remove(id: string): Promise<{ result: 'deleted' | 'gone'; call: EvidenceCall }>;
  /** Reads one record again: `gone` (404), `marked` (answered as deleted), or still `present`. */
  confirm(id: string): Promise<'gone' | 'marked' | 'present'>;
};

const unique = (ids: readonly string[]) => [...new Set(ids)];

/**
 * Find, delete, verify. A record an earlier attempt deleted is never deleted again (`alreadyDeleted`), and
 * each confirmed deletion is recorded at once (`recordDeleted`), so a retry after a crash or a rate limit
 * repeats none. Every record found or deleted is read again afterwards; one still there means a retry
 * (vendors that delete asynchronously catch up). With nothing found, the search that found nothing is the
 * verifying read.
 */
export async function eraseRecords(session: VendorSession, ctx: ConnectorContext, plan: ErasePlan): Promise<ErasureOutcome> {
  try {
    const searchFrom = session.calls.length;
    const foundNow = await plan.find();
    // The reads of the search (a token request is no read of the person's data).
    const searchCalls = session.calls.slice(searchFrom).filter((c) => c.method === 'GET');
    const previously = new Set(ctx.alreadyDeleted);
    const deletedIds = [...ctx.alreadyDeleted];
    const alreadyGoneIds: string[] = [];
    for (const id of unique(foundNow)) {
      if (previously.has(id)) continue;
      const { result, call } = await plan.remove(id);
      if (result === 'deleted') {
        await ctx.recordDeleted(id, call);
        deletedIds.push(id);
      } else {
        alreadyGoneIds.push(id);
      }
    }

    const toVerify = unique([...deletedIds, ...alreadyGoneIds]);
    let verification: ErasureVerification;
    if (toVerify.length === 0) {
      verification = { at: searchCalls.at(-1)?.at ?? ctx.now().toISOString(), method: 'empty_search', calls: searchCalls };
    } else {
      const verifyFrom = session.calls.length;
      let marked = false;
      for (const id of toVerify) {
        const state = await plan.confirm(id);
        if (state === 'present') {
          throw new Stop({
            outcome: 'retry',
            after: new Date(ctx.now().getTime() + backoffSeconds(ctx.attempt) * 1000),
            reason: `Record ${id} is still there after its deletion; reading again later`,
          });
        }
        marked ||= state === 'marked';
      }
      const calls = session.calls.slice(verifyFrom);
      verification = { at: calls.at(-1)?.at ?? ctx.now().toISOString(), method: marked ? 'marked_deleted' : 'not_found', calls };
    }
    return {
      outcome: 'erased',
      found: unique([...foundNow, ...ctx.alreadyDeleted]).length,
      deletedIds,
      alreadyGoneIds,
      verification,
      calls: session.calls,
    };
  } catch (error) {
    if (error instanceof Stop) return session.stopped(error);
    throw error;
  }
}
