import { z } from 'zod';
import { mailStatus } from '@/api/contract/mail';

/** The outbox's filter, as it stands in the URL. */
export const outboxSearch = z.object({ status: mailStatus.optional().catch(undefined) });
export type OutboxSearch = z.infer<typeof outboxSearch>;
