import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailPreferencesView } from '@/api/contract/mail-preferences';
import { makeCtx } from '@/api/services/context';
import { sendDigests } from '@/api/services/mail-digest';
import type { Harness, StoreFactory } from '@/testing/harness';
import { makeHarness, memoryStore } from '@/testing/harness';
import { expectError } from '@/testing/api-suite/helpers';
import { createSmtpMailer } from './smtp-mailer';
import { makePgliteStore } from './test-support';

type Received = { to: string; text: string };

/** A real SMTP server on a free local port that keeps what it receives, envelope recipient and message. */
async function startSmtp() {
  const received: Received[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address).join(',');
        received.push({ to, text: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  return { received, port, close: () => new Promise<void>((resolve) => smtp.close(() => resolve())) };
}

/** The daily digest and the mail preferences, through the outbox, the job queue and a real SMTP server. */
function digestTests(name: string, makeStore: StoreFactory): void {
  describe(`mail digest on ${name}`, () => {
    let h: Harness;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let mailer: ReturnType<typeof createSmtpMailer>;
    beforeAll(async () => {
      smtp = await startSmtp();
      mailer = createSmtpMailer({ url: `smtp://127.0.0.1:${smtp.port}`, from: 'Privacy Console <privacy@example.test>' });
      h = await makeHarness(makeStore, 'server', { mailer });
    });
    afterAll(async () => {
      await h.close();
      mailer.close();
      await smtp.close();
    });
    const digestsTo = (email: string) => smtp.received.filter((m) => m.to === email && m.text.includes('what needs you on'));

    it('lets each user choose their mail (audited, versioned); the API checks the body and the version', async () => {
      const first = mailPreferencesView.parse((await h.call('officer2', 'GET', '/api/me/mail-preferences')).json);
      expect(first).toEqual({ digest: true, accessAwaitingApproval: true, version: 0 });
      const saved = await h.call('officer2', 'PATCH', '/api/me/mail-preferences', {
        body: { digest: false, accessAwaitingApproval: true },
        version: 0,
      });
      expect(saved.status, JSON.stringify(saved.json)).toBe(200);
      expect(saved.json).toEqual({ digest: false, accessAwaitingApproval: true, version: 1 });
      expectError(
        await h.call('officer2', 'PATCH', '/api/me/mail-preferences', { body: { digest: true, accessAwaitingApproval: true }, version: 0 }),
        412,
      );
      expectError(await h.call('officer2', 'PATCH', '/api/me/mail-preferences', { body: { digest: 'yes' }, version: 1 }), 422, 'digest');
      expectError(await h.call('nobody', 'GET', '/api/me/mail-preferences'), 401);
      // One's own only: another user's choice is untouched.
      expect((await h.call('officer', 'GET', '/api/me/mail-preferences')).json.digest).toBe(true);
      const audited = await h.call('officer', 'GET', '/api/audit-events?action=user.mail_preferences');
      expect(audited.json.items[0]).toMatchObject({
        actorName: expect.any(String),
        changes: [{ field: 'digest', before: true, after: false }],
      });
    });

    it('sends each officer who wants it one digest a day of what needs them, received by the SMTP server', async () => {
      await sendDigests(makeCtx(h.deps));
      await h.runJobs();
      const [digest] = digestsTo('officer@demo.test');
      expect(digest).toBeDefined();
      // The seed has overdue deletions, requests waiting and an open breach.
      expect(digest!.text).toMatch(/overdue/);
      expect(digest!.text).toMatch(/open breach/);
      expect(digestsTo('officer2@demo.test')).toEqual([]);
      expect(digestsTo('support@demo.test')).toEqual([]);
      expect(digestsTo('auditor@demo.test')).toEqual([]);
      // Again the same day, as a second instance's job would: nothing more.
      await sendDigests(makeCtx(h.deps));
      await h.runJobs();
      expect(digestsTo('officer@demo.test')).toHaveLength(1);
      // The next day: the next digest.
      await h.advance(86_400);
      await sendDigests(makeCtx(h.deps));
      await h.runJobs();
      expect(digestsTo('officer@demo.test')).toHaveLength(2);
    });
  });
}

digestTests('MemoryStore', memoryStore);
digestTests('PGlite', makePgliteStore);
