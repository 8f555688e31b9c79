import type { AppDeps } from '@/api/deps';
import type { Ctx } from '@/api/services/context';
import { makeCtx } from '@/api/services/context';
import { deliverMail, MAIL_FAILED_QUEUE, MAIL_QUEUE, markMailFailed } from '@/api/services/mail';
import { sweepBreachReminders } from '@/api/services/breaches';
import { anchorChains } from '@/api/services/ledger-chain';
import { pruneSessions } from '@/api/services/session';
import { ACCESS_END_QUEUE, ACCESS_SHRED_QUEUE, endGrantJob, shredJob, sweepLapsed } from '@/api/services/support-access';
import {
  CONNECTOR_FAILED_QUEUE,
  CONNECTOR_QUEUE,
  connectorJobFailed,
  runConnectorTask,
  sweepBackupRollOffs,
} from '@/api/services/deletion-connectors';
import { deliverWebhook, markWebhookFailed, WEBHOOK_FAILED_QUEUE, WEBHOOK_QUEUE } from '@/api/services/webhooks';
import { DIGEST_QUEUE, sendDigests } from '@/api/services/mail-digest';
import type { Job, JobQueue, QueuePolicy } from './queue';

/** One queue of the app: its policy, what a job of it does, and (for time-driven work) its cron. */
export type JobDefinition = {
  name: string;
  policy: QueuePolicy;
  run(ctx: Ctx, job: Job): Promise<void>;
  /** Sends a job on this schedule (UTC, minute precision), once across all instances. */
  cron?: string;
};

/**
 * Time-driven work: each area's sweep acts on what is due by the app's clock (a grant past its end, a
 * backup past its roll-off date), idempotently and each item in its own transaction, so any number of
 * instances may run it and a sweep that runs late catches up.
 */
const sweeps: readonly ((ctx: Ctx) => Promise<void>)[] = [sweepLapsed, pruneSessions, sweepBreachReminders, sweepBackupRollOffs];

export async function runSweeps(ctx: Ctx): Promise<void> {
  for (const sweep of sweeps) await sweep(ctx);
}

/** Every queue of the app. A dead-letter queue comes before the queues that name it. */
export const jobDefinitions: readonly JobDefinition[] = [
  {
    name: MAIL_FAILED_QUEUE,
    policy: { retryLimit: 3, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 300 },
    run: (ctx, job) => markMailFailed(ctx, String(job.data.messageId)),
  },
  {
    name: MAIL_QUEUE,
    // About a day of retries (30 s doubling, 12 times), then the message is marked failed.
    policy: { retryLimit: 12, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 300, deadLetter: MAIL_FAILED_QUEUE },
    run: (ctx, job) => deliverMail(ctx, String(job.data.messageId)),
  },
  {
    name: WEBHOOK_FAILED_QUEUE,
    policy: { retryLimit: 3, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 300 },
    run: (ctx, job) => markWebhookFailed(ctx, String(job.data.deliveryId)),
  },
  {
    name: WEBHOOK_QUEUE,
    // About four hours of retries (30 s doubling, 9 times), then the delivery is marked failed.
    policy: { retryLimit: 9, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 120, deadLetter: WEBHOOK_FAILED_QUEUE },
    run: (ctx, job) => deliverWebhook(ctx, String(job.data.deliveryId)),
  },
  {
    name: ACCESS_END_QUEUE,
    policy: { retryLimit: 10, retryDelaySeconds: 5, retryBackoff: true, expireInSeconds: 120 },
    run: (ctx, job) => endGrantJob(ctx, String(job.data.requestId)),
  },
  {
    name: ACCESS_SHRED_QUEUE,
    policy: { retryLimit: 10, retryDelaySeconds: 10, retryBackoff: true, expireInSeconds: 300 },
    run: (ctx) => shredJob(ctx),
  },
  {
    name: 'sweep',
    policy: { retryLimit: 2, retryDelaySeconds: 10, retryBackoff: true, expireInSeconds: 300 },
    cron: '* * * * *',
    run: (ctx) => runSweeps(ctx),
  },
  {
    name: CONNECTOR_FAILED_QUEUE,
    policy: { retryLimit: 3, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 300 },
    run: (ctx, job) => connectorJobFailed(ctx, String(job.data.requestId), String(job.data.taskId)),
  },
  {
    // A deletion task's connector (issue 15). The vendor's answers (429, 5xx) are retried by the job itself,
    // at the time the vendor names; these retries are for a job that crashed or timed out.
    name: CONNECTOR_QUEUE,
    policy: { retryLimit: 3, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 600, deadLetter: CONNECTOR_FAILED_QUEUE },
    run: (ctx, job) => runConnectorTask(ctx, String(job.data.requestId), String(job.data.taskId)),
  },
  {
    // Daily at 05:00 UTC (06:00 or 07:00 in the company's zone): at most one digest per officer per day.
    name: DIGEST_QUEUE,
    policy: { retryLimit: 3, retryDelaySeconds: 60, retryBackoff: true, expireInSeconds: 300 },
    cron: '0 5 * * *',
    run: async (ctx) => {
      await sendDigests(ctx);
    },
  },
  {
    // Daily, the hash chains' heads into the database and the server's log (issue 17, finding 12).
    name: 'chain-anchor',
    policy: { retryLimit: 3, retryDelaySeconds: 60, retryBackoff: true, expireInSeconds: 300 },
    cron: '5 0 * * *',
    run: (ctx) => anchorChains(ctx),
  },
];

/** Defines every queue, registers its handler (each job gets a context at its own time) and its schedule. */
export async function startJobs(queue: JobQueue, deps: AppDeps, definitions: readonly JobDefinition[] = jobDefinitions): Promise<void> {
  for (const definition of definitions) await queue.define(definition.name, definition.policy);
  for (const definition of definitions) await queue.work(definition.name, (job) => definition.run(makeCtx(deps), job));
  for (const definition of definitions) if (definition.cron) await queue.schedule(definition.name, definition.cron);
}
