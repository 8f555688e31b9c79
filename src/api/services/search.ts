import type { SearchResult, SearchResults } from '@/api/contract/search';
import { maskEmail } from '@/api/rules/consent';
import { roleHas } from '@/api/rules/permissions';
import type { Actor, Ctx } from './context';

const LIMIT = 8;

/**
 * Quick find: processors by name, accounts by name or id, people by exact email (support agents
 * included: the look-up they may already do), support-access requests by id or ticket reference, deletion
 * requests by id, each only
 * where the caller may read it.
 */
export async function search(ctx: Ctx, actor: Actor, q: string): Promise<SearchResults> {
  const role = actor.user.role;
  const needle = q.trim();
  const lower = needle.toLowerCase();
  return ctx.deps.store.transaction(async (tx) => {
    const results: SearchResult[] = [];
    if (needle.includes('@')) {
      for (const s of await tx.subjects.findByEmail(needle)) {
        results.push({ kind: 'subject', id: s.id, label: s.name ?? s.id, detail: s.email ? maskEmail(s.email) : null });
      }
    }
    const access = await tx.supportAccess.get(needle);
    const readsAll = roleHas(role, 'access.read_all');
    // By id, or by the help-desk ticket's reference (support agents: their own requests only).
    const byTicket =
      needle.length >= 2
        ? (
            await tx.supportAccess.list({ q: needle, sort: 'newest', limit: LIMIT, ...(readsAll ? {} : { requesterId: actor.user.id }) })
          ).items.filter((r) => r.ticketRef.toLowerCase().includes(lower))
        : [];
    const requests = [...(access && (readsAll || access.requesterId === actor.user.id) ? [access] : []), ...byTicket];
    for (const r of requests.filter((x, i) => requests.findIndex((y) => y.id === x.id) === i)) {
      results.push({
        kind: 'support_access_request',
        id: r.id,
        label: `Support access ${r.ticketRef}`,
        detail: `${r.accountName} · ${r.status}`,
      });
    }
    if (roleHas(role, 'deletions.read')) {
      const deletion = await tx.deletions.get(needle);
      if (deletion)
        results.push({ kind: 'deletion_request', id: deletion.id, label: `Deletion of ${deletion.accountName}`, detail: deletion.status });
    }
    const processors = (await tx.processors.list()).filter((p) => p.name.toLowerCase().includes(lower) || p.id === needle);
    for (const p of processors.slice(0, LIMIT)) results.push({ kind: 'processor', id: p.id, label: p.name, detail: p.status });
    const accounts = await tx.accounts.list({ q: needle, limit: LIMIT });
    for (const a of accounts.items) {
      results.push({
        kind: 'account',
        id: a.id,
        label: a.name,
        detail: `${a.id} · ${a.hosting === 'cloud' ? 'Cloud' : 'Self-hosted'} · ${a.status}`,
      });
    }
    return { results };
  });
}
