import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailInput } from '@/api/services/mail';
import { queueMail } from '@/api/services/mail';
import { makeCtx } from '@/api/services/context';
import type { Harness, StoreFactory } from '@/testing/harness';
import { captureMailer, makeHarness } from '@/testing/harness';

const DAY = 86_400;

/** The outbox and its delivery job, on a store's own job queue. */
export function describeMail(name: string, makeStore: StoreFactory): void {
  describe(`mail on ${name}`, () => {
    let h: Harness;
    const mailer = captureMailer();
    let n = 0;
    const input = (overrides: Partial<MailInput> = {}): MailInput => ({
      dedupeKey: `test:${++n}`,
      to: 'owner@customer.test',
      subject: 'A request for your consent',
      text: 'Open https://console.test/consent/secret-token to decide.',
      purpose: 'test',
      ...overrides,
    });
    const queue = (mail: MailInput) => h.store.transaction((tx) => queueMail(tx, makeCtx(h.deps), mail));
    const stored = (id: string) => h.store.transaction((tx) => tx.mail.get(id));

    beforeAll(async () => {
      h = await makeHarness(makeStore, 'server', { mailer });
    });
    afterAll(async () => {
      await h.close();
    });

    it('sends one message per dedupe key, once, after the transaction that queued it commits', async () => {
      const mail = input();
      const first = await queue(mail);
      const again = await queue({ ...mail, subject: 'Something else' });
      expect(again.id).toBe(first.id);
      await expect(
        h.store.transaction(async (tx) => {
          await queueMail(tx, makeCtx(h.deps), input({ dedupeKey: 'rolled-back' }));
          throw new Error('the change that asked for it failed');
        }),
      ).rejects.toThrow('failed');
      await h.runJobs();
      await h.runJobs();
      expect(mailer.delivered.filter((m) => m.id === first.id)).toEqual([
        { id: first.id, to: mail.to, subject: mail.subject, text: mail.text },
      ]);
      expect(mailer.delivered.some((m) => m.subject === 'Something else')).toBe(false);
      expect(await h.store.transaction(async (tx) => (await tx.mail.list({ limit: 200 })).items.map((m) => m.dedupeKey))).not.toContain(
        'rolled-back',
      );
      const sent = await stored(first.id);
      expect(sent).toMatchObject({ status: 'sent', attempts: 1, sentAt: h.clock.now.toISOString(), text: mail.text });
    });

    it('keeps only a digest of a message that carried a secret, once delivered', async () => {
      const message = await queue(input({ sensitive: true }));
      await h.runJobs();
      const sent = await stored(message.id);
      expect(sent?.status).toBe('sent');
      expect(sent?.text).toBeNull();
      expect(sent?.textDigest).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(sent)).not.toContain('secret-token');
      const listed = await h.ok('officer', 'listOutbox', { query: { limit: 200 } });
      expect(listed.items.find((m) => m.id === message.id)?.text).toBeNull();
    });

    it('retries a message the mail server refuses, records why, and sends it once it is accepted', async () => {
      mailer.refuse = 2;
      const message = await queue(input());
      await h.runJobs();
      expect(await stored(message.id)).toMatchObject({ status: 'queued', attempts: 1, lastError: '421 Service not available' });
      // The queue's backoff: 30 s doubling (pg-boss adds up to as much again as jitter).
      await h.advance(61);
      expect((await stored(message.id))?.attempts).toBe(2);
      await h.advance(121);
      expect(await stored(message.id)).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
      expect(mailer.delivered.filter((m) => m.id === message.id)).toHaveLength(1);
    });

    it('marks a message failed once its retries are spent, and shows it in the outbox', async () => {
      mailer.refuse = 1000;
      const message = await queue(input());
      await h.runJobs();
      for (let day = 0; day < 4 && (await stored(message.id))?.status === 'queued'; day++) {
        for (let step = 0; step < 24; step++) await h.advance(DAY / 24);
      }
      mailer.refuse = 0;
      const failed = await stored(message.id);
      expect(failed?.status).toBe('failed');
      expect(failed?.attempts).toBe(13);
      const listed = await h.ok('auditor', 'listOutbox', { query: { status: 'failed' } });
      expect(listed.items.map((m) => m.id)).toContain(message.id);
    }, 60_000);
  });
}
