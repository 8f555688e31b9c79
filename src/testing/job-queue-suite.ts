import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Job, JobQueue, JobSender, QueuePolicy } from '@/api/jobs/queue';

/** One queue under test, with the means to see time pass on it. */
export type QueueUnderTest = {
  queue: JobQueue;
  /** Runs `work` in a store transaction with a sender of that transaction; a throw rolls it back. */
  inTransaction(work: (sender: JobSender) => Promise<void>): Promise<void>;
  /** Lets `seconds` pass (a fake clock moves, or the test waits) and lets due jobs run. */
  pass(seconds: number): Promise<void>;
  close(): Promise<void>;
};

const policy: QueuePolicy = { retryLimit: 2, retryDelaySeconds: 1, retryBackoff: false, expireInSeconds: 60 };

/**
 * What the services rely on from a job queue, specified once and run on every queue: the in-page one and
 * pg-boss on PGlite and PostgreSQL.
 */
export function describeJobQueue(name: string, make: () => Promise<QueueUnderTest>, options: { settleSeconds: number }): void {
  describe(`job queue: ${name}`, () => {
    let q: QueueUnderTest;
    let queueNo = 0;
    const fresh = () => `test-${++queueNo}-${Math.random().toString(36).slice(2, 8)}`;
    const settle = () => q.pass(options.settleSeconds);

    beforeEach(async () => {
      q = await make();
      await q.queue.start();
    });
    afterEach(async () => {
      await q.queue.stop();
      await q.close();
    });

    it('runs a job once with its data', async () => {
      const name = fresh();
      await q.queue.define(name, policy);
      const seen: Job[] = [];
      await q.queue.work(name, async (job) => {
        seen.push(job);
      });
      const id = await q.queue.send(name, { taskId: 't1', attempt: 1 });
      expect(id).toEqual(expect.any(String));
      await settle();
      expect(seen.map((j) => j.data)).toEqual([{ taskId: 't1', attempt: 1 }]);
      expect((await q.queue.get(name, id!))?.state).toBe('completed');
    });

    it('keeps a job sent in a transaction only if the transaction commits', async () => {
      const name = fresh();
      await q.queue.define(name, policy);
      const seen: unknown[] = [];
      await q.queue.work(name, async (job) => {
        seen.push(job.data.n);
      });
      await expect(
        q.inTransaction(async (sender) => {
          await sender.send(name, { n: 1 });
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      await q.inTransaction(async (sender) => {
        await sender.send(name, { n: 2 });
      });
      await settle();
      expect(seen).toEqual([2]);
    });

    it('lets one job per singleton key wait, and takes a new one once it has run', async () => {
      const name = fresh();
      await q.queue.define(name, policy);
      const seen: unknown[] = [];
      await q.queue.work(name, async (job) => {
        seen.push(job.data.n);
      });
      const later = new Date(Date.now() + 3_600_000);
      // Both wait an hour, so the second finds the first still waiting, in a transaction or not.
      expect(await q.queue.send(name, { n: 1 }, { singletonKey: 'task-1', startAfter: later })).toEqual(expect.any(String));
      expect(await q.queue.send(name, { n: 2 }, { singletonKey: 'task-1' })).toBeNull();
      let inTx: string | null = 'unset';
      await q.inTransaction(async (sender) => {
        inTx = await sender.send(name, { n: 3 }, { singletonKey: 'task-1' });
      });
      expect(inTx).toBeNull();
      expect(await q.queue.send(name, { n: 4 }, { singletonKey: 'task-2' })).toEqual(expect.any(String));
      await settle();
      expect(seen).toEqual([4]);
    });

    it('does not run a job before its start time', async () => {
      const name = fresh();
      await q.queue.define(name, policy);
      const seen: unknown[] = [];
      await q.queue.work(name, async (job) => {
        seen.push(job.data.n);
      });
      const id = await q.queue.send(name, { n: 1 }, { startAfter: new Date(Date.now() + 3_600_000) });
      await settle();
      expect(seen).toEqual([]);
      expect((await q.queue.get(name, id!))?.state).toBe('created');
    });

    it('retries a failing job after its delay and counts the retries', async () => {
      const name = fresh();
      await q.queue.define(name, policy);
      const attempts: number[] = [];
      await q.queue.work(name, async (job) => {
        attempts.push(job.retryCount);
        if (attempts.length === 1) throw new Error('vendor answered 503');
      });
      const id = await q.queue.send(name, { n: 1 });
      await settle();
      expect(attempts).toEqual([0]);
      expect((await q.queue.get(name, id!))?.state).toBe('retry');
      await q.pass(policy.retryDelaySeconds + options.settleSeconds);
      expect(attempts).toEqual([0, 1]);
      expect((await q.queue.get(name, id!))?.state).toBe('completed');
    });

    it('fails a job whose retries are spent and hands it to the dead-letter queue', async () => {
      const dead = fresh();
      const name = fresh();
      await q.queue.define(dead, policy);
      await q.queue.define(name, { ...policy, retryLimit: 1, deadLetter: dead });
      let attempts = 0;
      await q.queue.work(name, async () => {
        attempts++;
        throw new Error('vendor answered 500');
      });
      const buried: unknown[] = [];
      await q.queue.work(dead, async (job) => {
        buried.push(job.data);
      });
      const id = await q.queue.send(name, { taskId: 't9' });
      await settle();
      await q.pass(policy.retryDelaySeconds + options.settleSeconds);
      await settle();
      expect(attempts).toBe(2);
      const failed = await q.queue.get(name, id!);
      expect(failed?.state).toBe('failed');
      expect(JSON.stringify(failed?.output)).toContain('vendor answered 500');
      expect(buried).toEqual([{ taskId: 't9' }]);
    });
  });
}
