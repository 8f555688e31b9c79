import { expect, it } from 'vitest';
import { describeJobQueue } from '@/testing/job-queue-suite';
import { MemoryJobQueue } from './memory-queue';

describeJobQueue(
  'in-page',
  async () => {
    let now = Date.now();
    const queue = new MemoryJobQueue({ now: () => new Date(now) });
    return {
      queue,
      async inTransaction(work) {
        const tx = queue.transaction();
        try {
          await work(tx.sender);
          tx.commit();
        } catch (error) {
          tx.rollback();
          throw error;
        }
      },
      async pass(seconds) {
        now += seconds * 1000;
        await queue.runDue();
      },
      close: async () => {},
    };
  },
  { settleSeconds: 0 },
);

it('sends a scheduled job once for each minute its cron names, by the clock it is given', async () => {
  let now = Date.parse('2026-12-01T10:00:30Z');
  const queue = new MemoryJobQueue({ now: () => new Date(now) });
  await queue.define('sweep', { retryLimit: 0, retryDelaySeconds: 1, retryBackoff: false, expireInSeconds: 60 });
  const runs: string[] = [];
  await queue.work('sweep', async () => {
    runs.push(new Date(now).toISOString());
  });
  await queue.schedule('sweep', '*/5 * * * *');
  await queue.runDue();
  expect(runs).toEqual([]);
  now = Date.parse('2026-12-01T10:04:59Z');
  await queue.runDue();
  expect(runs).toEqual([]);
  now = Date.parse('2026-12-01T10:05:01Z');
  await queue.runDue();
  // A clock that jumps an hour sends one job, not twelve.
  now = Date.parse('2026-12-01T11:05:01Z');
  await queue.runDue();
  expect(runs).toEqual(['2026-12-01T10:05:01.000Z', '2026-12-01T11:05:01.000Z']);
});

it('runs the jobs a handler sends when they are due, in the same run', async () => {
  const queue = new MemoryJobQueue();
  await queue.define('chain', { retryLimit: 0, retryDelaySeconds: 1, retryBackoff: false, expireInSeconds: 60 });
  const seen: unknown[] = [];
  await queue.work('chain', async (job) => {
    seen.push(job.data.n);
    if (Number(job.data.n) < 3) await queue.send('chain', { n: Number(job.data.n) + 1 });
  });
  await queue.send('chain', { n: 1 });
  expect(await queue.runDue()).toBe(3);
  expect(seen).toEqual([1, 2, 3]);
});

it('refuses a queue it does not know and a dead-letter queue not yet defined', async () => {
  const queue = new MemoryJobQueue();
  await expect(queue.send('nowhere', {})).rejects.toThrow('not defined');
  await expect(
    queue.define('main', { retryLimit: 0, retryDelaySeconds: 1, retryBackoff: false, expireInSeconds: 60, deadLetter: 'graveyard' }),
  ).rejects.toThrow('dead-letter');
  await expect(queue.define('Bad Name', { retryLimit: 0, retryDelaySeconds: 1, retryBackoff: false, expireInSeconds: 60 })).rejects.toThrow(
    'Not a queue name',
  );
});
