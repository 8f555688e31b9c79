import nodemailer from 'nodemailer';
import type { Delivery, MailMessage, Mailer } from '@/api/mail/mailer';
import { maskAddress } from '@/api/mail/mailer';

export type SmtpConfig = {
  /** smtp://user:pass@host:port or smtps://... (nodemailer's connection URL). */
  url: string;
  /** The From address, e.g. "Privacy Console <privacy@example.com>". */
  from: string;
  /** The host part of Message-IDs; defaults to the From address's domain. */
  messageIdDomain?: string;
};

/** Mail over SMTP with nodemailer. A refusal by the server throws, so the job that sends it is retried. */
export function createSmtpMailer(config: SmtpConfig): Mailer & { close(): void } {
  const transport = nodemailer.createTransport(config.url);
  const domain = config.messageIdDomain ?? /@([^>\s]+)/.exec(config.from)?.[1] ?? 'privacy-console.invalid';
  return {
    kind: 'smtp',
    async deliver(message: MailMessage): Promise<Delivery> {
      const info = await transport.sendMail({
        from: config.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        messageId: `<${message.id}@${domain}>`,
      });
      const accepted = info.accepted.length > 0 && info.rejected.length === 0;
      if (!accepted) throw new Error(`The mail server refused the message for ${maskAddress(message.to)}: ${info.response}`);
      return { messageId: info.messageId, accepted, response: info.response };
    },
    close: () => transport.close(),
  };
}

/**
 * Without SMTP_URL: nothing is sent, and the message waits on the Outbox page. The log says only that, by
 * id and masked address: a message's text carries names and links, which no log may hold.
 */
export function createLogMailer(log: (line: string) => void = console.log): Mailer {
  return {
    kind: 'log',
    async deliver(message: MailMessage): Promise<Delivery> {
      log(`Mail ${message.id} to ${maskAddress(message.to)} not sent (SMTP_URL is not set): read it on the Outbox page`);
      return { messageId: message.id, accepted: true, response: 'kept in the outbox (no SMTP_URL)' };
    },
  };
}
