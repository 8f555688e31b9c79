import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { expect, it } from 'vitest';
import { queueMail } from '@/api/services/mail';
import { makeCtx } from '@/api/services/context';
import type { StoreFactory } from '@/testing/harness';
import { makeHarness } from '@/testing/harness';
import { describeMail } from '@/testing/mail-suite';
import { createSmtpMailer } from './smtp-mailer';
import { makePgliteStore, makePostgresStore, testDatabaseUrl } from './test-support';

describeMail('PGlite', makePgliteStore);

if (testDatabaseUrl()) {
  const postgres: StoreFactory = async (options) => {
    const made = await makePostgresStore(options);
    if (!made) throw new Error('TEST_DATABASE_URL is set but no store was made');
    return made;
  };
  describeMail('PostgreSQL', postgres);
}

it('delivers the outbox to a real SMTP server through the job queue on PGlite', async () => {
  const received: string[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push(Buffer.concat(chunks).toString('utf8'));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  const mailer = createSmtpMailer({ url: `smtp://127.0.0.1:${port}`, from: 'Privacy Console <privacy@example.test>' });
  const h = await makeHarness(makePgliteStore, 'server', { mailer });
  try {
    const message = await h.store.transaction((tx) =>
      queueMail(tx, makeCtx(h.deps), {
        dedupeKey: 'smtp-test',
        to: 'owner@customer.test',
        subject: 'Support asks to enter your instance',
        text: 'Decide here: https://console.test/consent/abc',
        purpose: 'test',
      }),
    );
    await h.runJobs();
    // The seed's open breach is past its 48-hour reminder, which the same run delivers to the officers.
    const ours = received.filter((m) => m.includes(`Message-ID: <${message.id}@example.test>`));
    expect(ours).toHaveLength(1);
    expect(ours[0]).toContain('Subject: Support asks to enter your instance');
    expect((await h.store.transaction((tx) => tx.mail.get(message.id)))?.status).toBe('sent');
  } finally {
    await h.close();
    mailer.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  }
});
