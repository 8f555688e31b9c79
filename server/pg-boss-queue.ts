import PgBoss from 'pg-boss';
import type { JobData, JobHandler, JobInfo, JobQueue, JobSender, QueuePolicy, SendOptions } from '@/api/jobs/queue';
import { checkQueueName } from '@/api/jobs/queue';
import type { Db, Queryable } from './db';
import { sqlState, useSchemaStatement } from './db';

export type PgBossQueueOptions = {
  /** The schema pg-boss keeps its tables in; tests give each store its own. */
  schema?: string;
  /** How often an idle worker asks for a job (pg-boss's minimum is 0.5 s). */
  pollingIntervalSeconds?: number;
  /**
   * Whether `work` starts pg-boss's polling workers (a server) or only registers the handler for `runDue`
   * (tests, which run jobs when they choose). Defaults to true.
   */
  poll?: boolean;
  /** Whether this instance takes part in maintenance (expiry, archiving) and cron scheduling. Defaults to `poll`. */
  supervise?: boolean;
  /** The app's clock: a start time is sent as a delay from it, so a test clock and the database's agree. */
  now?: () => Date;
};

/** pg-boss's statements through our connection: one pool or PGlite's one connection, shared with the store. */
function executor(q: Queryable) {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      try {
        return await q.query(text, values);
      } catch (error) {
        // PGlite runs several statements (pg-boss's schema plans) only through exec; PostgreSQL's simple
        // protocol takes them through query and never gets here.
        if (values.length === 0 && sqlState(error) === '42601' && /multiple commands/i.test(String(error))) {
          await q.exec(text);
          return { rows: [], rowCount: 0 };
        }
        throw error;
      }
    },
  };
}

/** The kept job queue of real mode: pg-boss 10 in the same database as the store. */
export class PgBossQueue implements JobQueue {
  private readonly boss: PgBoss;
  private readonly db: Db;
  private readonly schema: string;
  private readonly pollingIntervalSeconds: number;
  private readonly poll: boolean;
  private readonly now: () => Date;
  private readonly handlers = new Map<string, JobHandler>();

  constructor(db: Db, options: PgBossQueueOptions = {}) {
    this.db = db;
    this.schema = options.schema ?? 'pgboss';
    this.poll = options.poll ?? true;
    this.now = options.now ?? (() => new Date());
    const supervise = options.supervise ?? this.poll;
    this.pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
    this.boss = new PgBoss({ db: executor(db), schema: this.schema, migrate: true, supervise, schedule: supervise });
    // A failed poll or maintenance run is reported and retried by pg-boss; it must not end the process.
    this.boss.on('error', (error: Error) => console.error(`Job queue: ${error.message}`));
  }

  /** A sender that writes in the transaction `q` belongs to: the job exists only if that transaction commits. */
  sender(q: Queryable): JobSender {
    const db = executor(q) as PgBoss.Db;
    return { send: (name, data, options) => this.sendWith(name, data, options, db) };
  }

  async define(name: string, policy: QueuePolicy): Promise<void> {
    checkQueueName(name);
    const queue = {
      name,
      policy: 'stately' as const,
      retryLimit: policy.retryLimit,
      retryDelay: policy.retryDelaySeconds,
      retryBackoff: policy.retryBackoff,
      expireInSeconds: policy.expireInSeconds,
      ...(policy.deadLetter ? { deadLetter: policy.deadLetter } : {}),
    };
    if (await this.boss.getQueue(name)) await this.boss.updateQueue(name, queue);
    else await this.boss.createQueue(name, queue);
  }

  send(name: string, data: JobData, options?: SendOptions): Promise<string | null> {
    return this.sendWith(name, data, options);
  }

  async work(name: string, handler: JobHandler): Promise<void> {
    this.handlers.set(name, handler);
    if (!this.poll) return;
    const options = { pollingIntervalSeconds: this.pollingIntervalSeconds, batchSize: 1, includeMetadata: true as const };
    await this.boss.work<JobData>(name, options, async (jobs) => {
      for (const job of jobs) await handler({ id: job.id, name: job.name, data: job.data, retryCount: job.retryCount });
    });
  }

  async schedule(name: string, cron: string, data: JobData = {}): Promise<void> {
    await this.boss.schedule(name, cron, data, { tz: 'UTC' });
  }

  async get(name: string, id: string): Promise<JobInfo | null> {
    const job = await this.boss.getJobById<JobData>(name, id);
    if (!job) return null;
    return {
      id: job.id,
      name: job.name,
      data: job.data,
      retryCount: job.retryCount,
      state: job.state,
      startAfter: new Date(job.startAfter).toISOString(),
      output: job.output ?? null,
    };
  }

  async runDue(): Promise<number> {
    let ran = 0;
    for (let round = 0; round < 1000; round++) {
      let ranThisRound = 0;
      for (const [name, handler] of this.handlers) {
        const [job] = await this.boss.fetch<JobData>(name, { batchSize: 1, includeMetadata: true });
        if (!job) continue;
        ranThisRound++;
        try {
          await handler({ id: job.id, name: job.name, data: job.data, retryCount: job.retryCount });
          await this.boss.complete(name, job.id);
        } catch (error) {
          await this.boss.fail(name, job.id, { message: error instanceof Error ? error.message : String(error) });
        }
      }
      if (ranThisRound === 0) break;
      ran += ranThisRound;
    }
    return ran;
  }

  /**
   * Tests only: lets `seconds` pass for the jobs that wait (their start times move that much closer), as
   * the test's clock moves, since pg-boss compares start times with the database's clock.
   */
  async advance(seconds: number): Promise<void> {
    await this.db.transaction(async (q) => {
      await q.query(useSchemaStatement(this.schema));
      await q.query(`UPDATE job SET start_after = start_after - make_interval(secs => $1) WHERE state IN ('created', 'retry')`, [seconds]);
    });
  }

  async start(): Promise<void> {
    await this.boss.start();
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, close: false });
  }

  private async sendWith(name: string, data: JobData, options: SendOptions = {}, db?: PgBoss.Db): Promise<string | null> {
    const delaySeconds = options.startAfter ? Math.ceil((options.startAfter.getTime() - this.now().getTime()) / 1000) : 0;
    return this.boss.send(name, data, {
      ...(delaySeconds > 0 ? { startAfter: delaySeconds } : {}),
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      ...(db ? { db } : {}),
    });
  }
}
