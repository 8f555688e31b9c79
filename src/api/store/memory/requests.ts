import type { DeletionRequest } from '@/api/contract/deletions';
import type { SupportAccessRecord } from '@/api/store/schemas';
import type { SupportAccessListQuery, Tx } from '@/api/store/store';
import type { Ops } from './memory-store';
import type { Ordering } from './paging';
import { clone, ordering, pageOf } from './paging';

const accessOrder: Record<SupportAccessListQuery['sort'], Ordering<SupportAccessRecord>> = {
  newest: ordering((r) => [r.createdAt, r.id], [-1, -1]),
  oldest: ordering((r) => [r.createdAt, r.id], [1, 1]),
  // Requests never granted have no end: they come last.
  ending: ordering((r) => [r.grantEndsAt === null ? 1 : 0, r.grantEndsAt ?? '', r.id], [1, 1, 1], {
    types: ['number', 'string', 'string'],
  }),
};
const deletionsByDue = ordering<DeletionRequest>((d) => [d.dueAt, d.id], [1, 1]);

const isOpenAccess = (r: SupportAccessRecord): boolean => r.status === 'pending' || r.status === 'active';

/** Support-access requests and deletion requests. */
/** Still waiting for the customer's consent: none, or an agent-recorded one no officer has confirmed yet. */
export function awaitsConsent(r: SupportAccessRecord): boolean {
  return r.consent === null || (r.consent.recordedBy !== null && r.consent.confirmedBy === null);
}

export function requestRepositories({
  data,
  guard,
  read,
  insert,
  update,
  put,
  remove,
}: Ops): Pick<Tx, 'supportAccess' | 'supportAccessSecrets' | 'supportAccessLinks' | 'deletions'> {
  return {
    supportAccess: {
      get: async (id) => read('supportAccess', id),
      list: async (query) => {
        guard();
        const order = accessOrder[query.sort];
        const q = query.q?.trim();
        const lower = q?.toLowerCase();
        const matches = (r: SupportAccessRecord): boolean =>
          (!query.status?.length || query.status.includes(r.status)) &&
          (!query.requesterId || r.requesterId === query.requesterId) &&
          (!query.accountId || r.accountId === query.accountId) &&
          (!query.createdSince || r.createdAt >= query.createdSince) &&
          (!query.createdBefore || r.createdAt < query.createdBefore) &&
          (!lower || r.ticketRef.toLowerCase().includes(lower) || r.accountName.toLowerCase().includes(lower) || r.id === q) &&
          (!query.awaiting || (r.status === 'pending' && awaitsConsent(r) === (query.awaiting === 'consent'))) &&
          (!query.grantEndsAfter || (r.grantEndsAt !== null && r.grantEndsAt > query.grantEndsAfter)) &&
          (!query.grantEndsBefore || (r.grantEndsAt !== null && r.grantEndsAt <= query.grantEndsBefore));
        return pageOf(data.rows('supportAccess').sort(order.compare), order, matches, query);
      },
      findOpen: async (accountId, requesterId) => {
        guard();
        const open = data.rows('supportAccess').find((r) => isOpenAccess(r) && r.accountId === accountId && r.requesterId === requesterId);
        return open ? clone(open) : null;
      },
      listLapsed: async (now) => {
        guard();
        return data
          .rows('supportAccess')
          .filter(
            (r) =>
              (r.status === 'pending' && r.decideBy <= now) || (r.status === 'active' && r.grantEndsAt !== null && r.grantEndsAt <= now),
          )
          .sort(accessOrder.oldest.compare)
          .map(clone);
      },
      insert: async (request) => insert('supportAccess', request),
      update: async (request, expectedVersion) => update('supportAccess', request, expectedVersion),
      listOpenForAccount: async (accountId) => {
        guard();
        return data
          .rows('supportAccess')
          .filter((r) => isOpenAccess(r) && r.accountId === accountId)
          .sort(accessOrder.oldest.compare)
          .map(clone);
      },
    },
    supportAccessSecrets: {
      get: async (requestId) => read('supportAccessSecrets', requestId),
      put: async (record) => {
        guard();
        data.check('supportAccessSecrets', record.requestId, record, false);
        put('supportAccessSecrets', record);
      },
      delete: async (requestId) => {
        const had = read('supportAccessSecrets', requestId) !== null;
        remove('supportAccessSecrets', requestId);
        return had;
      },
    },
    supportAccessLinks: {
      get: async (tokenHash) => read('supportAccessLinks', tokenHash),
      insert: async (link) => insert('supportAccessLinks', link),
      markUsed: async (tokenHash, at) => {
        const link = read('supportAccessLinks', tokenHash);
        if (!link || link.usedAt !== null) return false;
        put('supportAccessLinks', { ...link, usedAt: at });
        return true;
      },
      deleteForRequest: async (requestId, kind) => {
        guard();
        for (const link of data.rows('supportAccessLinks')) {
          if (link.requestId === requestId && link.kind === kind) remove('supportAccessLinks', link.tokenHash);
        }
      },
    },
    deletions: {
      get: async (id) => read('deletions', id),
      list: async (query) => {
        guard();
        const matches = (d: DeletionRequest): boolean =>
          (!query.status?.length || query.status.includes(d.status)) &&
          (!query.accountId || d.accountId === query.accountId) &&
          (!query.dueBefore || d.dueAt < query.dueBefore) &&
          (query.held === undefined || d.holds.length > 0 === query.held) &&
          (!query.openOnly || (d.status !== 'completed' && d.status !== 'rejected')) &&
          (!query.wholeAccount || !d.person);
        return pageOf(data.rows('deletions').sort(deletionsByDue.compare), deletionsByDue, matches, query);
      },
      insert: async (request) => insert('deletions', request),
      update: async (request, expectedVersion) => {
        // An issued certificate is fixed (migration 022 on SQL): only the erasure path (eraseAccount) rewrites it.
        const issued = read('deletions', request.id)?.certificate;
        if (issued && JSON.stringify(request.certificate) !== JSON.stringify(issued)) {
          throw new Error('deletion_requests: an issued certificate cannot change');
        }
        return update('deletions', request, expectedVersion);
      },
    },
  };
}
