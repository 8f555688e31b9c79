import { z } from 'zod';
import { cursorParam, id, instant, limitParam } from './common';

/** Why a message was sent; each area that mails names its own. */
export const mailPurposes = ['test', 'access_consent_link', 'access_awaiting_approval', 'digest', 'breach_reminder'] as const;
export const mailPurpose = z.enum(mailPurposes);
export type MailPurpose = z.infer<typeof mailPurpose>;

export const mailStatuses = ['queued', 'sent', 'failed'] as const;
export const mailStatus = z.enum(mailStatuses);

/** One message of the outbox: what the console sent (or will send), to whom, and how it went. */
export const outboxMessage = z.object({
  id,
  to: z.string(),
  subject: z.string(),
  /** The text as sent; null once removed after delivery, for a message that carried a secret (a consent link). */
  text: z.string().nullable(),
  purpose: mailPurpose,
  status: mailStatus,
  attempts: z.number().int().nonnegative(),
  /** The mail server's last refusal, while it retries or once it gave up. */
  lastError: z.string().nullable(),
  createdAt: instant,
  sentAt: instant.nullable(),
});
export type OutboxMessage = z.infer<typeof outboxMessage>;

export const outboxQuery = z.object({
  status: mailStatus.optional(),
  cursor: cursorParam,
  limit: limitParam,
});
export type OutboxQuery = z.infer<typeof outboxQuery>;
