import type { Page } from '@/api/contract/common';
import type { MailPurpose, OutboxMessage, OutboxQuery } from '@/api/contract/mail';
import { maskAddress } from '@/api/mail/mailer';
import { isUniqueViolation } from '@/api/store/errors';
import type { MailMessageRecord } from '@/api/store/schemas';
import type { Tx } from '@/api/store/store';
import type { Ctx } from './context';
import { sha256Hex } from './crypto';

export type MailInput = {
  /**
   * What makes this message one of a kind: the same key (e.g. `access-consent-link:<request id>`) never
   * sends a second message, however often the code that asks for it runs.
   */
  dedupeKey: string;
  to: string;
  subject: string;
  text: string;
  purpose: MailPurpose;
  /** The text carries a secret (a consent link): once delivered, only its digest is kept. */
  sensitive?: boolean;
};

export const MAIL_QUEUE = 'mail.deliver';
export const MAIL_FAILED_QUEUE = 'mail.failed';

/** The text of a delivered message that carried a secret, as the outbox shows it afterwards. */
const REMOVED = null;

/**
 * Queues a message in the caller's transaction: the outbox record and its delivery job commit with the
 * change that caused them, or neither exists. Answers the message (the one queued before, for a key seen).
 */
export async function queueMail(tx: Tx, ctx: Ctx, input: MailInput): Promise<MailMessageRecord> {
  const id = `mail_${(await sha256Hex(input.dedupeKey)).slice(0, 24)}`;
  const existing = await tx.mail.get(id);
  if (existing) return existing;
  const message: MailMessageRecord = {
    id,
    version: 1,
    dedupeKey: input.dedupeKey,
    to: input.to,
    subject: input.subject,
    text: input.text,
    purpose: input.purpose,
    status: 'queued',
    attempts: 0,
    lastError: null,
    createdAt: ctx.now.toISOString(),
    sentAt: null,
    sensitive: input.sensitive ?? false,
    textDigest: null,
    transportId: null,
  };
  try {
    await tx.mail.insert(message);
  } catch (error) {
    // Queued at the same moment by another transaction: that one stands.
    if (isUniqueViolation(error, 'key')) return (await tx.mail.get(id)) ?? message;
    throw error;
  }
  await tx.jobs.send(MAIL_QUEUE, { messageId: id }, { singletonKey: id });
  return message;
}

/**
 * The delivery job: hands the message to the mailer once. A message already sent is left alone (a retried
 * job never sends twice once the send is recorded); a refusal is recorded and thrown, so the queue retries.
 */
export async function deliverMail(ctx: Ctx, messageId: string): Promise<void> {
  const { mailer, store } = ctx.deps;
  const message = await store.transaction((tx) => tx.mail.get(messageId));
  if (!message || message.status !== 'queued' || message.text === null) return;
  if (!mailer) throw new Error('No mailer is configured');
  try {
    const delivery = await mailer.deliver({ id: message.id, to: message.to, subject: message.subject, text: message.text });
    // Only a message that really left (over SMTP) drops its secret: without a mail server (the demo, or a
    // server without SMTP_URL) the Outbox page is where the message is read, so it keeps the text.
    const strip = message.sensitive && mailer.kind === 'smtp';
    await store.transaction(async (tx) => {
      const current = await tx.mail.get(messageId);
      if (!current || current.status !== 'queued') return;
      await tx.mail.update(
        {
          ...current,
          version: current.version + 1,
          status: 'sent',
          attempts: current.attempts + 1,
          lastError: null,
          sentAt: ctx.now.toISOString(),
          transportId: delivery.messageId,
          ...(strip ? { text: REMOVED, textDigest: await sha256Hex(current.text ?? '') } : {}),
        },
        current.version,
      );
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await store.transaction(async (tx) => {
      const current = await tx.mail.get(messageId);
      if (!current || current.status !== 'queued') return;
      await tx.mail.update(
        { ...current, version: current.version + 1, attempts: current.attempts + 1, lastError: reason },
        current.version,
      );
    });
    // Only the id and a masked address go to the log (through the queue's error): never the text.
    throw new Error(`Mail ${messageId} to ${maskAddress(message.to)} was not accepted: ${reason}`, { cause: error });
  }
}

/** The dead-letter job: the retries are spent, the message is marked failed (the outbox and the dashboard show it). */
export async function markMailFailed(ctx: Ctx, messageId: string): Promise<void> {
  await ctx.deps.store.transaction(async (tx) => {
    const current = await tx.mail.get(messageId);
    if (!current || current.status !== 'queued') return;
    await tx.mail.update({ ...current, version: current.version + 1, status: 'failed' }, current.version);
  });
}

function toOutboxMessage(m: MailMessageRecord): OutboxMessage {
  return {
    id: m.id,
    to: m.to,
    subject: m.subject,
    text: m.text,
    purpose: m.purpose,
    status: m.status,
    attempts: m.attempts,
    lastError: m.lastError,
    createdAt: m.createdAt,
    sentAt: m.sentAt,
  };
}

export async function listOutbox(ctx: Ctx, query: OutboxQuery): Promise<Page<OutboxMessage>> {
  const page = await ctx.deps.store.transaction((tx) => tx.mail.list(query));
  return { ...page, items: page.items.map(toOutboxMessage) };
}
