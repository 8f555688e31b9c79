/**
 * Work that happens later or elsewhere (a connector's call, a grant's end, an email) runs as a job on a kept
 * queue: pg-boss on PostgreSQL or PGlite in real mode (server/pg-boss-queue.ts), so jobs survive restarts and
 * run once across many instances, and an in-page queue with the same semantics in the demo and in fast tests
 * (memory-queue.ts). The services and job handlers know only these types.
 */

/** Job data is JSON: what a job needs to find its record again, never a copy of personal data. */
export type JobData = Record<string, string | number | boolean | null>;

export type SendOptions = {
  /** Not before this instant. */
  startAfter?: Date;
  /**
   * At most one job with this key waits and one runs at a time in its queue (pg-boss's "stately" policy):
   * a second send while one waits answers null, so a task is never queued twice.
   */
  singletonKey?: string;
};

/** How a queue retries a job whose handler throws, and where a job goes when its retries are spent. */
export type QueuePolicy = {
  /** Retries after the first attempt. */
  retryLimit: number;
  retryDelaySeconds: number;
  /** Doubles the delay on each retry (pg-boss adds jitter). */
  retryBackoff: boolean;
  /** A running job that takes longer than this is taken as crashed and retried. */
  expireInSeconds: number;
  /** The queue that receives a job once its retries are spent, with the same data. */
  deadLetter?: string;
};

export type Job = { id: string; name: string; data: JobData; retryCount: number };
export type JobHandler = (job: Job) => Promise<void>;

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';
export type JobInfo = Job & { state: JobState; startAfter: string; output: unknown };

/** Sends jobs. The store's transaction gives one that writes with the transaction, so a job exists only if it commits. */
export interface JobSender {
  send(name: string, data: JobData, options?: SendOptions): Promise<string | null>;
}

export interface JobQueue extends JobSender {
  /** Declares a queue and its policy; safe to call again (the policy is updated). Dead-letter queues first. */
  define(name: string, policy: QueuePolicy): Promise<void>;
  /** Runs `handler` for each job of the queue, one job at a time per worker. */
  work(name: string, handler: JobHandler): Promise<void>;
  /** Sends a job to `name` on a cron schedule (minute precision), once across all instances. */
  schedule(name: string, cron: string, data?: JobData): Promise<void>;
  get(name: string, id: string): Promise<JobInfo | null>;
  /**
   * Runs, in this process and one at a time, every job that is due now, including those that become due
   * meanwhile; answers how many ran. Tests call it after moving the clock; a server's workers poll instead.
   */
  runDue(): Promise<number>;
  start(): Promise<void>;
  /** Stops taking jobs and waits for those running. */
  stop(): Promise<void>;
}

/** A queue name is lower-case words joined by dots or dashes (pg-boss allows these and we keep to them). */
export function checkQueueName(name: string): void {
  if (!/^[a-z][a-z0-9]*([.-][a-z0-9]+)*$/.test(name)) throw new Error(`Not a queue name: ${name}`);
}
