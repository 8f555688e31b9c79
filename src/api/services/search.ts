import type { SearchResult, SearchResults } from '@/api/contract/search';
import { SEARCH_FIRST } from '@/api/contract/search';
import { maskEmail } from '@/api/rules/consent';
import { roleHas } from '@/api/rules/permissions';
import { COUNT_CAP, pageSize } from '@/api/store/store';
import type { Actor, Ctx } from './context';

/**
 * Quick find: processors by name, accounts by name or id, people by exact email (support agents
 * included: the look-up they may already do), support-access requests by id or ticket reference, deletion
 * requests by id, each only where the caller may read it. At most `limit` of each kind are listed; the
 * total counts them all, so the console can say "8 of 25" and offer the rest.
 */
export async function search(ctx: Ctx, actor: Actor, q: string, limit = SEARCH_FIRST): Promise<SearchResults> {
  const role = actor.user.role;
  const needle = q.trim();
  const lower = needle.toLowerCase();
  return ctx.deps.store.transaction(async (tx) => {
    const results: SearchResult[] = [];
    let total = 0;
    let totalIsFloor = false;
    const listed = <T>(matches: readonly T[]): T[] => {
      total += matches.length;
      return matches.slice(0, limit);
    };
    if (needle.includes('@')) {
      for (const s of listed(await tx.subjects.findByEmail(needle))) {
        results.push({ kind: 'subject', id: s.id, label: s.name ?? s.id, detail: s.email ? maskEmail(s.email) : null });
      }
    }
    const access = await tx.supportAccess.get(needle);
    const readsAll = roleHas(role, 'access.read_all');
    // By id, or by the help-desk ticket's reference (support agents: their own requests only). The store's
    // `q` also matches account names, so the ticket matches are counted from its largest page.
    const candidates = await tx.supportAccess.list({
      q: needle,
      sort: 'newest',
      limit: pageSize(Infinity),
      ...(readsAll ? {} : { requesterId: actor.user.id }),
    });
    if (candidates.nextCursor) totalIsFloor = true;
    const byTicket = candidates.items.filter((r) => r.ticketRef.toLowerCase().includes(lower));
    const requests = [...(access && (readsAll || access.requesterId === actor.user.id) ? [access] : []), ...byTicket];
    for (const r of listed(requests.filter((x, i) => requests.findIndex((y) => y.id === x.id) === i))) {
      results.push({
        kind: 'support_access_request',
        id: r.id,
        label: `Support access ${r.ticketRef}`,
        detail: `${r.accountName} · ${r.status}`,
      });
    }
    if (roleHas(role, 'deletions.read')) {
      const deletion = await tx.deletions.get(needle);
      if (deletion) {
        total += 1;
        results.push({ kind: 'deletion_request', id: deletion.id, label: `Deletion of ${deletion.accountName}`, detail: deletion.status });
      }
    }
    const processors = (await tx.processors.list()).filter((p) => p.name.toLowerCase().includes(lower) || p.id === needle);
    for (const p of listed(processors)) results.push({ kind: 'processor', id: p.id, label: p.name, detail: p.status });
    const accounts = await tx.accounts.list({ q: needle, limit });
    // A store leaves the total out past its counting cap: then there are more than that many.
    if (accounts.total === undefined && accounts.nextCursor) totalIsFloor = true;
    total += accounts.total ?? (accounts.nextCursor ? COUNT_CAP : accounts.items.length);
    for (const a of accounts.items) {
      results.push({
        kind: 'account',
        id: a.id,
        label: a.name,
        detail: `${a.id} · ${a.hosting === 'cloud' ? 'Cloud' : 'Self-hosted'} · ${a.status}`,
      });
    }
    return { results, total, totalIsFloor };
  });
}
