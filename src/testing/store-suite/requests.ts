import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CertificateContent, DeletionRequest } from '@/api/contract/deletions';
import type { SupportAccessRecord } from '@/api/store/schemas';
import type { DeletionListQuery, SupportAccessListQuery } from '@/api/store/store';
import type { StoreMaker } from './data';
import { collect, fixtures, ids, load, sortBy, storeFor } from './data';

const accessOrder = (sort: SupportAccessListQuery['sort'], rows: readonly SupportAccessRecord[]) => {
  if (sort === 'newest') return sortBy(rows, (r) => [r.createdAt, r.id]).reverse();
  if (sort === 'oldest') return sortBy(rows, (r) => [r.createdAt, r.id]);
  return sortBy(rows, (r) => [r.grantEndsAt === null ? 1 : 0, r.grantEndsAt ?? '', r.id]);
};
const soonest = (rows: readonly DeletionRequest[]) => sortBy(rows, (d) => [d.dueAt, d.id]);

/** Support-access and deletion requests: their orders, filters and look-ups. */
export function requestConformance(make: StoreMaker): void {
  const data = fixtures();
  const { run } = storeFor(make, { beforeAll, afterAll }, (s) => load(s, data));

  describe('support-access requests', () => {
    it('pages in each sort order (ending: grantEndsAt, none last, then id), every request once', async () => {
      for (const sort of ['newest', 'oldest', 'ending'] as const) {
        for (const limit of [1, 4, 30]) {
          const rows = await collect((cursor) => run((tx) => tx.supportAccess.list({ limit, cursor, sort })), limit, data.access.length);
          expect(ids(rows)).toEqual(ids(accessOrder(sort, data.access)));
        }
      }
    });

    it('filters by status, requester, account, creation instants, what it awaits and when its grant ends', async () => {
      const cases: [Omit<SupportAccessListQuery, 'limit' | 'sort'>, (r: SupportAccessRecord) => boolean][] = [
        [
          { status: ['pending', 'active'], requesterId: 'usr_2' },
          (r) => ['pending', 'active'].includes(r.status) && r.requesterId === 'usr_2',
        ],
        [{ status: [] }, () => true],
        [{ accountId: 'acc_02' }, (r) => r.accountId === 'acc_02'],
        [
          { createdSince: '2026-03-08T00:00:00.000Z', createdBefore: '2026-03-10T00:00:00.000Z' },
          (r) => r.createdAt >= '2026-03-08T00:00:00.000Z' && r.createdAt < '2026-03-10T00:00:00.000Z',
        ],
        [{ awaiting: 'consent' }, (r) => r.status === 'pending' && r.consent === null],
        [{ awaiting: 'approval' }, (r) => r.status === 'pending' && r.consent !== null],
        [
          { grantEndsAfter: '2026-03-09T00:00:00.000Z', grantEndsBefore: '2026-03-10T12:00:00.000Z' },
          (r) => r.grantEndsAt !== null && r.grantEndsAt > '2026-03-09T00:00:00.000Z' && r.grantEndsAt <= '2026-03-10T12:00:00.000Z',
        ],
      ];
      for (const sort of ['newest', 'ending'] as const) {
        for (const [query, keep] of cases) {
          const expected = accessOrder(sort, data.access.filter(keep));
          const rows = await collect(
            (cursor) => run((tx) => tx.supportAccess.list({ ...query, limit: 2, cursor, sort })),
            2,
            expected.length,
          );
          expect(ids(rows), JSON.stringify(query)).toEqual(ids(expected));
        }
      }
      expect(data.access.filter((r) => r.status === 'pending' && r.consent === null).length).toBeGreaterThan(0);
    });

    it('matches q in the ticket reference or account name, ignoring case, or the exact id', async () => {
      expect(ids((await run((tx) => tx.supportAccess.list({ limit: 50, sort: 'newest', q: 'hs-SPECIAL' }))).items)).toEqual(['sar_07']);
      const byAccount = await run((tx) => tx.supportAccess.list({ limit: 50, sort: 'oldest', q: 'beta' }));
      expect(ids(byAccount.items)).toEqual(
        ids(
          accessOrder(
            'oldest',
            data.access.filter((r) => r.accountName.toLowerCase().includes('beta')),
          ),
        ),
      );
      expect(byAccount.items.length).toBeGreaterThan(0);
      expect(ids((await run((tx) => tx.supportAccess.list({ limit: 50, sort: 'newest', q: 'sar_11' }))).items)).toEqual(['sar_11']);
      expect((await run((tx) => tx.supportAccess.list({ limit: 50, sort: 'newest', q: 'zzz' }))).items).toEqual([]);
    });

    it('finds the open request of one agent for one account', async () => {
      expect((await run((tx) => tx.supportAccess.findOpen('acc_05', 'usr_2')))?.id).toBe('sar_open');
      expect(await run((tx) => tx.supportAccess.findOpen('acc_05', 'usr_1'))).toBeNull();
      expect(await run((tx) => tx.supportAccess.findOpen('acc_06', 'usr_2'))).toBeNull();
    });

    it('lists pending requests past decideBy and active grants past their end, by createdAt then id', async () => {
      for (const now of ['2026-03-09T12:00:00.000Z', '2026-03-01T00:00:00.000Z', '2026-03-12T00:00:00.000Z']) {
        const expected = data.access.filter(
          (r) => (r.status === 'pending' && r.decideBy <= now) || (r.status === 'active' && r.grantEndsAt !== null && r.grantEndsAt <= now),
        );
        expect(ids(await run((tx) => tx.supportAccess.listLapsed(now))), now).toEqual(ids(sortBy(expected, (r) => [r.createdAt, r.id])));
      }
      expect(await run((tx) => tx.supportAccess.listLapsed('2026-03-09T12:00:00.000Z'))).not.toHaveLength(0);
    });

    it('gets one request', async () => {
      expect(await run((tx) => tx.supportAccess.get('sar_04'))).toEqual(data.access[3]);
      expect((await run((tx) => tx.supportAccess.get('sar_04')))?.hasCredentials).toBe(true);
      expect(await run((tx) => tx.supportAccess.get('sar_nope'))).toBeNull();
    });
  });

  describe('deletion requests', () => {
    it('pages soonest due first (dueAt, then id), every request once', async () => {
      for (const limit of [1, 6, 40]) {
        const rows = await collect((cursor) => run((tx) => tx.deletions.list({ limit, cursor })), limit, data.deletions.length);
        expect(ids(rows)).toEqual(ids(soonest(data.deletions)));
      }
    });

    it('filters by status, account, due-before (strict), holds and openness', async () => {
      const dueBefore = '2026-03-12T00:00:00.000Z';
      const cases: [Omit<DeletionListQuery, 'limit'>, (d: DeletionRequest) => boolean][] = [
        [{ status: ['approved', 'in_progress'] }, (d) => d.status === 'approved' || d.status === 'in_progress'],
        [{ accountId: 'acc_03' }, (d) => d.accountId === 'acc_03'],
        [{ dueBefore }, (d) => d.dueAt < dueBefore],
        [{ held: true }, (d) => d.holds.length > 0],
        [{ held: false }, (d) => d.holds.length === 0],
        [{ openOnly: true }, (d) => d.status !== 'completed' && d.status !== 'rejected'],
        [{ openOnly: true, dueBefore }, (d) => d.dueAt < dueBefore && d.status !== 'completed' && d.status !== 'rejected'],
      ];
      for (const [query, keep] of cases) {
        const expected = soonest(data.deletions.filter(keep));
        expect(expected.length, JSON.stringify(query)).toBeGreaterThan(0);
        const rows = await collect((cursor) => run((tx) => tx.deletions.list({ ...query, limit: 3, cursor })), 3, expected.length);
        expect(ids(rows), JSON.stringify(query)).toEqual(ids(expected));
      }
      const tie = data.deletions.find((d) => d.id === 'del_tie_a');
      expect(ids((await run((tx) => tx.deletions.list({ limit: 200, dueBefore: tie?.dueAt ?? '' }))).items)).not.toContain('del_tie_a');
    });

    it('gets one request, or null', async () => {
      expect(await run((tx) => tx.deletions.get('del_05'))).toEqual(data.deletions[4]);
      expect(await run((tx) => tx.deletions.get('del_nope'))).toBeNull();
    });

    it('keeps an issued certificate as it was issued: an update may set it once, never change it', async () => {
      const base = data.deletions.find((d) => d.id === 'del_tie_a')!;
      const certificate: CertificateContent = {
        certificateId: `CERT-${base.id}`,
        requestId: base.id,
        issuedAt: base.createdAt,
        account: { id: base.accountId, name: base.accountName },
        person: null,
        origin: base.origin,
        receivedAt: base.receivedAt,
        dueAt: base.dueAt,
        completedAt: base.createdAt,
        onTime: true,
        approvedBy: 'Oscar Second',
        approvedAt: base.createdAt,
        systems: [],
        exceptions: [],
        backupRollOffOn: null,
        issuer: { company: 'ActiveCollab', officer: 'Olivia Officer', officerRole: 'Privacy officer' },
        statement: 'ActiveCollab certifies',
      };
      const current = (await run((tx) => tx.deletions.get(base.id)))!;
      const issued: DeletionRequest = { ...current, version: current.version + 1, certificate };
      await run((tx) => tx.deletions.update(issued, current.version));
      // The rest of the record may still change (an erasure's tombstone, say); the certificate may not.
      const renamed = { ...issued, version: issued.version + 1, accountName: 'Deleted account' };
      await run((tx) => tx.deletions.update(renamed, issued.version));
      const changed = { ...certificate, issuer: { ...certificate.issuer, company: 'Someone else' } };
      await expect(
        run((tx) => tx.deletions.update({ ...renamed, version: renamed.version + 1, certificate: changed }, renamed.version)),
      ).rejects.toThrow(/issued certificate/);
      await expect(
        run((tx) => tx.deletions.update({ ...renamed, version: renamed.version + 1, certificate: null }, renamed.version)),
      ).rejects.toThrow(/issued certificate/);
      expect((await run((tx) => tx.deletions.get(base.id)))?.certificate).toEqual(certificate);
    });
  });
}
