import type { Job, JobData, JobHandler, JobInfo, JobQueue, JobSender, JobState, QueuePolicy, SendOptions } from './queue';
import { checkQueueName } from './queue';

type StoredJob = JobInfo & { createdOrder: number; singletonKey: string | null };
type Schedule = { name: string; fields: CronField[]; data: JobData; lastMinute: number };
type CronField = (value: number) => boolean;

const MINUTE = 60_000;
/** A handler that keeps sending due jobs to itself must not hold the page forever. */
const MAX_JOBS_PER_RUN = 10_000;

/**
 * The queue of the demo and of fast tests, with pg-boss's semantics as the services rely on them: a job
 * sent in a transaction exists once it commits, a singleton key lets one job wait and one run, a throwing
 * handler is retried after its delay (doubled with backoff, without pg-boss's jitter) and, retries spent,
 * fails and moves to the dead-letter queue. Time is the app's clock, so a test that moves the clock and
 * calls `runDue()` sees what a server would see later.
 */
export class MemoryJobQueue implements JobQueue {
  private readonly jobs = new Map<string, StoredJob>();
  private readonly policies = new Map<string, QueuePolicy>();
  private readonly handlers = new Map<string, JobHandler>();
  private readonly schedules: Schedule[] = [];
  private readonly now: () => Date;
  private readonly pollIntervalMs: number | undefined;
  private order = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<number> | null = null;

  /** Without `pollIntervalMs`, jobs run only when `runDue()` is called (tests); with it, `start()` polls (the demo). */
  constructor(options: { now?: () => Date; pollIntervalMs?: number } = {}) {
    this.now = options.now ?? (() => new Date());
    this.pollIntervalMs = options.pollIntervalMs;
  }

  async define(name: string, policy: QueuePolicy): Promise<void> {
    checkQueueName(name);
    if (policy.deadLetter !== undefined && !this.policies.has(policy.deadLetter)) {
      throw new Error(`Define the dead-letter queue ${policy.deadLetter} before ${name}`);
    }
    this.policies.set(name, policy);
  }

  async send(name: string, data: JobData, options: SendOptions = {}): Promise<string | null> {
    const job = this.prepare(name, data, options);
    if (!job) return null;
    this.jobs.set(job.id, job);
    return job.id;
  }

  /**
   * A sender for one store transaction: its jobs join the queue when `commit()` is called and vanish on
   * `rollback()`. Singleton keys are checked against the queue and the transaction's own jobs.
   */
  transaction(): { sender: JobSender; commit(): void; rollback(): void } {
    const pending: StoredJob[] = [];
    return {
      sender: {
        send: async (name, data, options = {}) => {
          const job = this.prepare(name, data, options, pending);
          if (!job) return null;
          pending.push(job);
          return job.id;
        },
      },
      commit: () => {
        for (const job of pending.splice(0)) this.jobs.set(job.id, job);
      },
      rollback: () => {
        pending.length = 0;
      },
    };
  }

  async work(name: string, handler: JobHandler): Promise<void> {
    if (!this.policies.has(name)) throw new Error(`Queue ${name} is not defined`);
    this.handlers.set(name, handler);
  }

  async schedule(name: string, cron: string, data: JobData = {}): Promise<void> {
    if (!this.policies.has(name)) throw new Error(`Queue ${name} is not defined`);
    const existing = this.schedules.findIndex((s) => s.name === name);
    const schedule = { name, fields: parseCron(cron), data, lastMinute: Math.floor(this.now().getTime() / MINUTE) };
    if (existing >= 0) this.schedules[existing] = schedule;
    else this.schedules.push(schedule);
  }

  async get(name: string, id: string): Promise<JobInfo | null> {
    const job = this.jobs.get(id);
    if (!job || job.name !== name) return null;
    const { createdOrder: _order, singletonKey: _key, ...info } = job;
    return structuredClone(info);
  }

  async start(): Promise<void> {
    if (this.timer || this.pollIntervalMs === undefined) return;
    this.timer = setInterval(() => {
      this.runDue().catch((error: unknown) => console.error('In-page job queue:', error));
    }, this.pollIntervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /**
   * Runs every job that is due by the clock, one at a time, including jobs that become due while it runs
   * (a retry with no delay, a job a handler sends). Answers how many ran. Calls overlap into one run.
   */
  runDue(): Promise<number> {
    this.running ??= this.drain().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Jobs of a queue in a state, oldest first: what a test or the demo's status page inspects. */
  list(name: string, states?: readonly JobState[]): JobInfo[] {
    return [...this.jobs.values()]
      .filter((j) => j.name === name && (!states || states.includes(j.state)))
      .sort((a, b) => a.createdOrder - b.createdOrder)
      .map(({ createdOrder: _order, singletonKey: _key, ...info }) => structuredClone(info));
  }

  private prepare(name: string, data: JobData, options: SendOptions, pending: readonly StoredJob[] = []): StoredJob | null {
    if (!this.policies.has(name)) throw new Error(`Queue ${name} is not defined`);
    const key = options.singletonKey ?? null;
    if (key !== null) {
      const waiting = (j: StoredJob) => j.name === name && j.singletonKey === key && (j.state === 'created' || j.state === 'retry');
      if ([...this.jobs.values()].some(waiting) || pending.some(waiting)) return null;
    }
    const now = this.now();
    return {
      id: crypto.randomUUID(),
      name,
      data: structuredClone(data),
      retryCount: 0,
      state: 'created',
      startAfter: (options.startAfter && options.startAfter > now ? options.startAfter : now).toISOString(),
      output: null,
      createdOrder: this.order++,
      singletonKey: key,
    };
  }

  private fireSchedules(): void {
    const minute = Math.floor(this.now().getTime() / MINUTE);
    for (const schedule of this.schedules) {
      // Each whole minute passed since the last look that the cron names sends one job (at most one per look).
      let due = false;
      for (let m = schedule.lastMinute + 1; m <= minute && !due; m++) due = cronMatches(schedule.fields, new Date(m * MINUTE));
      schedule.lastMinute = minute;
      if (due) void this.send(schedule.name, schedule.data, { singletonKey: `schedule:${schedule.name}` });
    }
  }

  private nextDue(): StoredJob | undefined {
    const now = this.now().toISOString();
    let next: StoredJob | undefined;
    for (const job of this.jobs.values()) {
      if ((job.state !== 'created' && job.state !== 'retry') || job.startAfter > now || !this.handlers.has(job.name)) continue;
      // A singleton runs one at a time: its next job waits while another with its key is active.
      if (
        job.singletonKey !== null &&
        [...this.jobs.values()].some((j) => j.state === 'active' && j.name === job.name && j.singletonKey === job.singletonKey)
      ) {
        continue;
      }
      if (!next || job.startAfter < next.startAfter || (job.startAfter === next.startAfter && job.createdOrder < next.createdOrder))
        next = job;
    }
    return next;
  }

  private async drain(): Promise<number> {
    this.fireSchedules();
    let ran = 0;
    for (let job = this.nextDue(); job && ran < MAX_JOBS_PER_RUN; job = this.nextDue()) {
      ran++;
      const handler = this.handlers.get(job.name);
      const policy = this.policies.get(job.name);
      if (!handler || !policy) break;
      // As pg-boss does, a retry counts when it is taken, not when the attempt before it fails.
      if (job.state === 'retry') job.retryCount += 1;
      job.state = 'active';
      const { id, name, data, retryCount } = job;
      const input: Job = { id, name, data: structuredClone(data), retryCount };
      try {
        await handler(input);
        job.state = 'completed';
      } catch (error) {
        job.output = { message: error instanceof Error ? error.message : String(error) };
        if (job.retryCount < policy.retryLimit) {
          const delay = policy.retryDelaySeconds * (policy.retryBackoff ? 2 ** job.retryCount : 1);
          job.state = 'retry';
          job.startAfter = new Date(this.now().getTime() + delay * 1000).toISOString();
        } else {
          job.state = 'failed';
          if (policy.deadLetter) await this.send(policy.deadLetter, job.data);
        }
      }
    }
    return ran;
  }
}

/** Five cron fields (minute hour day-of-month month day-of-week) in UTC, each `*`, `*\/n`, a number or a list. */
function parseCron(cron: string): CronField[] {
  const parts = cron.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error(`A cron has five fields: ${cron}`);
  return parts.map((part) => {
    if (part === '*') return () => true;
    const step = /^\*\/(\d+)$/.exec(part);
    if (step) {
      const n = Number(step[1]);
      return (value: number) => value % n === 0;
    }
    if (/^\d+(,\d+)*$/.test(part)) {
      const values = new Set(part.split(',').map(Number));
      return (value: number) => values.has(value);
    }
    throw new Error(`Unsupported cron field "${part}" in ${cron}`);
  });
}

function cronMatches(fields: CronField[], at: Date): boolean {
  const values = [at.getUTCMinutes(), at.getUTCHours(), at.getUTCDate(), at.getUTCMonth() + 1, at.getUTCDay()];
  return fields.every((matches, i) => matches(values[i] ?? -1));
}
