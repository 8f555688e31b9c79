import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '@/api/contract/audit';
import type { AuditListQuery } from '@/api/store/store';
import type { StoreMaker } from './data';
import { collect, fixtures, ids, load, sortBy, storeFor } from './data';

const newest = (rows: readonly AuditEvent[]) => sortBy(rows, (e) => [e.at, e.id]).reverse();

/** The audit trail: newest first, its filters. */
export function auditConformance(make: StoreMaker): void {
  const data = fixtures();
  const { run } = storeFor(make, { beforeAll, afterAll }, (s) => load(s, data));

  describe('audit events', () => {
    it('pages newest first (at, then id, both descending)', async () => {
      for (const limit of [1, 9, 100]) {
        const rows = await collect((cursor) => run((tx) => tx.audit.list({ limit, cursor })), limit, data.audit.length);
        expect(ids(rows)).toEqual(ids(newest(data.audit)));
      }
    });

    it('filters by actor, action (exact, or a prefix ending at a dot), record and instants', async () => {
      const cases: [Omit<AuditListQuery, 'limit'>, (e: AuditEvent) => boolean][] = [
        [{ actorId: 'usr_1' }, (e) => e.actorId === 'usr_1'],
        [{ action: 'deletion' }, (e) => e.action.startsWith('deletion.')],
        [{ action: 'deletion.approve' }, (e) => e.action === 'deletion.approve'],
        [
          { recordType: 'support_access_request', recordId: 'sar_02' },
          (e) => e.recordType === 'support_access_request' && e.recordId === 'sar_02',
        ],
        [
          { since: '2026-03-08T00:00:00.000Z', before: '2026-03-09T00:00:00.000Z' },
          (e) => e.at >= '2026-03-08T00:00:00.000Z' && e.at < '2026-03-09T00:00:00.000Z',
        ],
      ];
      for (const [query, keep] of cases) {
        const expected = newest(data.audit.filter(keep));
        expect(expected.length, JSON.stringify(query)).toBeGreaterThan(0);
        const rows = await collect((cursor) => run((tx) => tx.audit.list({ ...query, limit: 4, cursor })), 4, expected.length);
        expect(ids(rows), JSON.stringify(query)).toEqual(ids(expected));
      }
      expect(ids((await run((tx) => tx.audit.list({ limit: 100, action: 'deletion' }))).items)).not.toContain('aud_prefix_trap');
      expect((await run((tx) => tx.audit.list({ limit: 100, action: 'deletion.app' }))).items).toEqual([]);
      expect((await run((tx) => tx.audit.list({ limit: 100, action: 'deletion_' }))).items).toEqual([]);
    });
  });
}
