import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, expect, it } from 'vitest';
import { createLogMailer, createSmtpMailer } from './smtp-mailer';

type Received = { from: string; to: string[]; raw: string };

/** A real SMTP server on a free port that keeps what it receives, refusing recipients at `refuse.test`. */
async function startSmtp(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, callback) {
      if (address.address.endsWith('@refuse.test')) callback(new Error('550 No such mailbox'));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

it('delivers a message to a real SMTP server with our Message-ID', async () => {
  const smtp = await startSmtp();
  cleanups.push(smtp.close);
  const mailer = createSmtpMailer({ url: smtp.url, from: 'Privacy Console <privacy@example.test>' });
  cleanups.push(() => mailer.close());
  const delivery = await mailer.deliver({
    id: 'msg_123',
    to: 'owner@customer.test',
    subject: 'Consent asked',
    text: 'Please decide: https://x.test/c/abc',
  });
  expect(delivery.accepted).toBe(true);
  expect(smtp.received).toHaveLength(1);
  const [mail] = smtp.received;
  expect(mail?.from).toBe('privacy@example.test');
  expect(mail?.to).toEqual(['owner@customer.test']);
  expect(mail?.raw).toContain('Message-ID: <msg_123@example.test>');
  expect(mail?.raw).toContain('Subject: Consent asked');
  expect(mail?.raw).toContain('https://x.test/c/abc');
});

it('throws when the server refuses the recipient, so the sending job is retried', async () => {
  const smtp = await startSmtp();
  cleanups.push(smtp.close);
  const mailer = createSmtpMailer({ url: smtp.url, from: 'privacy@example.test' });
  cleanups.push(() => mailer.close());
  await expect(mailer.deliver({ id: 'msg_9', to: 'nobody@refuse.test', subject: 's', text: 't' })).rejects.toThrow(
    /550|refused|No such mailbox/,
  );
  expect(smtp.received).toHaveLength(0);
});

it('throws when no server answers', async () => {
  const smtp = await startSmtp();
  await smtp.close();
  const mailer = createSmtpMailer({ url: smtp.url, from: 'privacy@example.test' });
  cleanups.push(() => mailer.close());
  await expect(mailer.deliver({ id: 'msg_1', to: 'a@b.test', subject: 's', text: 't' })).rejects.toThrow();
});

it('logs only the id and the masked address when no SMTP server is configured, never the text', async () => {
  const lines: string[] = [];
  const mailer = createLogMailer((line) => lines.push(line));
  await mailer.deliver({ id: 'msg_2', to: 'owner@customer.test', subject: 'Hello Ana Owner', text: 'Body with https://x.test/c/secret' });
  const logged = lines.join('\n');
  expect(logged).toContain('msg_2');
  expect(logged).toContain('o***@customer.test');
  for (const secret of ['owner@customer.test', 'Ana Owner', 'secret']) expect(logged).not.toContain(secret);
});
