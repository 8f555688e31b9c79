/** One email as the console sends it: plain text first (every client reads it), HTML optional. */
export type MailMessage = {
  /** Our id of the message: becomes its Message-ID, so a receiving system can tell a retried send from a new one. */
  id: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
};

export type Delivery = { messageId: string; accepted: boolean; response: string };

/** Hands a message to whoever carries mail: an SMTP server (server/smtp-mailer.ts), the server log, or the demo's outbox. */
export interface Mailer {
  readonly kind: 'smtp' | 'log' | 'outbox';
  deliver(message: MailMessage): Promise<Delivery>;
}

/** Shows who a message went to without writing the address in a log: "o***@example.com". */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${address[0]}***${address.slice(at)}`;
}
