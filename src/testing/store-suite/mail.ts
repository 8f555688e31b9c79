import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailMessageRecord } from '@/api/store/schemas';
import { UniqueViolationError, VersionConflictError } from '@/api/store/errors';
import type { StoreMaker } from './data';
import { collect, ids, sortBy, storeFor } from './data';

function message(n: number, overrides: Partial<MailMessageRecord> = {}): MailMessageRecord {
  return {
    id: `mail_${String(n).padStart(3, '0')}`,
    version: 1,
    dedupeKey: `test:${n}`,
    to: `person${n}@example.test`,
    subject: `Message ${n}`,
    text: `Hello ${n}`,
    purpose: 'test',
    status: n % 3 === 0 ? 'sent' : 'queued',
    attempts: 0,
    lastError: null,
    // Ties on the instant are broken by the id.
    createdAt: `2026-11-${String(10 + (n % 5)).padStart(2, '0')}T09:00:00.000Z`,
    sentAt: null,
    sensitive: false,
    textDigest: null,
    transportId: null,
    ...overrides,
  };
}

/** The outbox: one message per id (its dedupe key), newest first, versioned updates. */
export function mailConformance(make: StoreMaker): void {
  const messages = Array.from({ length: 14 }, (_, i) => message(i + 1));
  const { run } = storeFor(make, { beforeAll, afterAll }, async (store) => {
    await store.transaction(async (tx) => {
      for (const m of messages) await tx.mail.insert(m);
    });
  });
  const newest = (rows: readonly MailMessageRecord[]) => sortBy(rows, (m) => [m.createdAt, m.id]).reverse();

  describe('mail outbox', () => {
    it('pages newest first (createdAt, then id), all or by status', async () => {
      for (const status of [undefined, 'queued', 'sent'] as const) {
        const expected = newest(messages.filter((m) => !status || m.status === status));
        const rows = await collect((cursor) => run((tx) => tx.mail.list({ status, limit: 4, cursor })), 4, expected.length);
        expect(ids(rows)).toEqual(ids(expected));
      }
    });

    it('refuses a second message with the same id, and keeps the first', async () => {
      const again = message(1, { subject: 'Other' });
      await expect(run((tx) => tx.mail.insert(again))).rejects.toBeInstanceOf(UniqueViolationError);
      expect((await run((tx) => tx.mail.get('mail_001')))?.subject).toBe('Message 1');
    });

    it('updates on the expected version only', async () => {
      const sent = { ...message(2), version: 2, status: 'sent' as const, sentAt: '2026-11-30T10:00:00.000Z' };
      await run((tx) => tx.mail.update(sent, 1));
      expect(await run((tx) => tx.mail.get('mail_002'))).toEqual(sent);
      await expect(run((tx) => tx.mail.update({ ...sent, version: 3 }, 1))).rejects.toBeInstanceOf(VersionConflictError);
      expect(await run((tx) => tx.mail.get('nope'))).toBeNull();
    });
  });
}
