import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiTokenRecord, MachineRequestRecord, WebhookDeliveryRecord, WebhookRecord } from '@/api/store/schemas';
import { UniqueViolationError, VersionConflictError } from '@/api/store/errors';
import type { StoreMaker } from './data';
import { storeFor } from './data';

const hex = (n: number) => n.toString(16).padStart(64, '0');

function token(n: number, overrides: Partial<ApiTokenRecord> = {}): ApiTokenRecord {
  return {
    id: `tok_${String(n).padStart(3, '0')}`,
    name: `Token ${n}`,
    scope: ['consent.record'],
    tokenHash: hex(n),
    prefix: 'pct_abcdef',
    // Ties on the instant are broken by the id.
    createdAt: `2026-11-${String(10 + (n % 3)).padStart(2, '0')}T09:00:00.000Z`,
    createdBy: { id: 'usr_officer', name: 'Olivia Officer', role: 'privacy_officer' },
    expiresAt: '2027-01-01T00:00:00.000Z',
    revokedAt: null,
    lastUsedAt: null,
    version: 1,
    ...overrides,
  };
}

function webhook(n: number): WebhookRecord {
  return {
    id: `whk_${String(n).padStart(3, '0')}`,
    url: `https://hooks.example.test/${n}`,
    events: ['consent.withdrawn'],
    description: '',
    createdAt: `2026-11-${String(10 + (n % 2)).padStart(2, '0')}T09:00:00.000Z`,
    createdBy: { id: 'usr_officer', name: 'Olivia Officer' },
    disabledAt: null,
    sealedSecret: 'iv.sealed',
    version: 1,
  };
}

function delivery(n: number): WebhookDeliveryRecord {
  return {
    id: `whd_${String(n).padStart(3, '0')}`,
    webhookId: 'whk_001',
    url: 'https://hooks.example.test/1',
    event: 'consent.withdrawn',
    recordId: `ce_${n}`,
    status: 'pending',
    attempts: 0,
    lastStatus: null,
    lastError: null,
    createdAt: `2026-11-${String(10 + (n % 3)).padStart(2, '0')}T09:00:00.000Z`,
    deliveredAt: null,
    payload: `{"n":${n}}`,
    version: 1,
  };
}

/** Machine clients' tokens (found by their hash, newest first, versioned) and their one-time reports. */
export function apiTokenConformance(make: StoreMaker): void {
  const tokens = Array.from({ length: 5 }, (_, i) => token(i + 1));
  const hooks = Array.from({ length: 3 }, (_, i) => webhook(i + 1));
  const sent = Array.from({ length: 5 }, (_, i) => delivery(i + 1));
  const { run } = storeFor(make, { beforeAll, afterAll }, async (store) => {
    await store.transaction(async (tx) => {
      for (const t of tokens) await tx.apiTokens.insert(t);
      for (const w of hooks) await tx.webhooks.insert(w);
      for (const d of sent) await tx.webhookDeliveries.insert(d);
    });
  });

  describe('api tokens', () => {
    it('finds a token by id and by hash, and lists them newest first (createdAt, then id)', async () => {
      expect(await run((tx) => tx.apiTokens.getByHash(hex(3)))).toEqual(tokens[2]);
      expect(await run((tx) => tx.apiTokens.get('tok_004'))).toEqual(tokens[3]);
      expect(await run((tx) => tx.apiTokens.getByHash(hex(99)))).toBeNull();
      const listed = await run((tx) => tx.apiTokens.list());
      expect(listed.map((t) => t.id)).toEqual(['tok_005', 'tok_002', 'tok_004', 'tok_001', 'tok_003']);
    });

    it('refuses a second token with the same id or the same hash', async () => {
      await expect(run((tx) => tx.apiTokens.insert(token(1, { tokenHash: hex(50) })))).rejects.toBeInstanceOf(UniqueViolationError);
      await expect(run((tx) => tx.apiTokens.insert(token(60, { tokenHash: hex(2) })))).rejects.toBeInstanceOf(UniqueViolationError);
      expect(await run((tx) => tx.apiTokens.get('tok_060'))).toBeNull();
    });

    it('updates on the expected version only, and moves the last use forward only', async () => {
      const revoked = { ...token(2), revokedAt: '2026-11-20T10:00:00.000Z', version: 2 };
      await run((tx) => tx.apiTokens.update(revoked, 1));
      expect(await run((tx) => tx.apiTokens.get('tok_002'))).toEqual(revoked);
      await expect(run((tx) => tx.apiTokens.update({ ...revoked, version: 3 }, 1))).rejects.toBeInstanceOf(VersionConflictError);
      await run((tx) => tx.apiTokens.touch('tok_005', '2026-11-21T10:00:00.000Z'));
      await run((tx) => tx.apiTokens.touch('tok_005', '2026-11-20T10:00:00.000Z'));
      await run((tx) => tx.apiTokens.touch('tok_nope', '2026-11-20T10:00:00.000Z'));
      expect(await run((tx) => tx.apiTokens.get('tok_005'))).toEqual({ ...token(5), lastUsedAt: '2026-11-21T10:00:00.000Z' });
    });

    it('keeps one report per key, the first', async () => {
      const first: MachineRequestRecord = {
        key: 'consent:evt-1',
        bodyHash: hex(7),
        answer: { id: 'ce_1', eventId: 'evt-1' },
        tokenId: 'tok_001',
        createdAt: '2026-11-20T10:00:00.000Z',
      };
      await run((tx) => tx.machineRequests.insert(first));
      await expect(run((tx) => tx.machineRequests.insert({ ...first, bodyHash: hex(8) }))).rejects.toBeInstanceOf(UniqueViolationError);
      expect(await run((tx) => tx.machineRequests.get('consent:evt-1'))).toEqual(first);
      expect(await run((tx) => tx.machineRequests.get('consent:evt-2'))).toBeNull();
    });

    it('lists webhooks and deliveries newest first, refuses a second delivery of an id, updates on the version', async () => {
      expect((await run((tx) => tx.webhooks.list())).map((w) => w.id)).toEqual(['whk_003', 'whk_001', 'whk_002']);
      expect((await run((tx) => tx.webhookDeliveries.list(3))).map((d) => d.id)).toEqual(['whd_005', 'whd_002', 'whd_004']);
      await expect(run((tx) => tx.webhookDeliveries.insert(delivery(1)))).rejects.toBeInstanceOf(UniqueViolationError);
      const done = { ...delivery(1), status: 'delivered' as const, attempts: 1, deliveredAt: '2026-11-20T10:00:00.000Z', version: 2 };
      await run((tx) => tx.webhookDeliveries.update(done, 1));
      expect(await run((tx) => tx.webhookDeliveries.get('whd_001'))).toEqual(done);
      await expect(run((tx) => tx.webhookDeliveries.update({ ...done, version: 3 }, 1))).rejects.toBeInstanceOf(VersionConflictError);
      const disabled = { ...webhook(2), disabledAt: '2026-11-20T10:00:00.000Z', version: 2 };
      await run((tx) => tx.webhooks.update(disabled, 1));
      expect(await run((tx) => tx.webhooks.get('whk_002'))).toEqual(disabled);
      await expect(run((tx) => tx.webhooks.update(disabled, 1))).rejects.toBeInstanceOf(VersionConflictError);
    });
  });
}
