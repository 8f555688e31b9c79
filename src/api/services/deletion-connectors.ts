import type { ErasureOutcome } from '@/api/connectors/connector';
import { connectorCatalogue } from '@/api/contract/connectors';
import type { EvidenceCall } from '@/api/contract/connectors';
import type { ConnectorRun, DeletionRequest, DeletionTask } from '@/api/contract/deletions';
import type { Processor } from '@/api/contract/processors';
import type { Tx } from '@/api/store/store';
import type { Ctx } from './context';
import { dateInWords, localDate } from '@/api/rules/time';
import { audit } from './context';
import { connectorRuntime } from './processor-connectors';
import { peopleErasedBy } from './erasure';

/**
 * A deletion task at a processor with a configured connector runs as a job (issue 15): it finds the
 * account's people at the vendor by email, deletes their records, reads again to verify they are gone and
 * stores the evidence on the task. The vendor is called outside any transaction; each confirmed deletion is
 * written at once, so a retry (after a rate limit, a 5xx or a crash) never deletes a record twice. A retry
 * waits as long as the vendor asked (Retry-After) or the connector's backoff; after MAX_ATTEMPTS, or on an
 * answer waiting will not change, the task needs attention and an officer retries it or resolves it by hand.
 */
export const CONNECTOR_QUEUE = 'deletion-connector';
/** Where a job goes when the queue's own retries (for crashes, not vendor answers) are spent. */
export const CONNECTOR_FAILED_QUEUE = 'deletion-connector-failed';
/** Attempts at the vendor before the task needs attention. */
export const MAX_CONNECTOR_ATTEMPTS = 5;

const vendorLabel = (run: ConnectorRun) => connectorCatalogue[run.vendor].label;

/** The run a task starts with on approval when its processor has a connector, or null. */
export function connectorRunFor(processor: Processor | undefined, at: string): ConnectorRun | null {
  if (!processor?.connector) return null;
  return {
    vendor: processor.connector.vendor,
    state: 'queued',
    attempts: 0,
    nextAttemptAt: null,
    lastAnswer: null,
    lastStatus: null,
    deletedIds: {},
    calls: [],
    evidence: null,
    updatedAt: at,
  };
}

/** Queues the task's job in `tx`: it exists only if the transaction commits, and waits at most once per task. */
export async function enqueueConnectorTask(tx: Tx, requestId: string, taskId: string, startAfter?: Date): Promise<void> {
  await tx.jobs.send(CONNECTOR_QUEUE, { requestId, taskId }, { singletonKey: taskId, ...(startAfter ? { startAfter } : {}) });
}

type Found = { request: DeletionRequest; task: DeletionTask & { connector: ConnectorRun } };

/** The request and the task as stored now, when the task is still the connector's to run. */
async function runnable(tx: Tx, requestId: string, taskId: string): Promise<Found | null> {
  const request = await tx.deletions.get(requestId);
  if (!request || (request.status !== 'approved' && request.status !== 'in_progress')) return null;
  const task = request.tasks.find((t) => t.id === taskId);
  if (!task || task.outcome || !task.connector) return null;
  if (task.connector.state === 'done' || task.connector.state === 'needs_attention') return null;
  return { request, task: { ...task, connector: task.connector } };
}

/** Writes the task's new state (and whatever else `change` sets on it) with the request's next version. */
async function saveTask(
  tx: Tx,
  found: Found,
  change: Partial<DeletionTask>,
  extra: Partial<DeletionRequest> = {},
): Promise<DeletionRequest> {
  const next: DeletionRequest = {
    ...found.request,
    ...extra,
    version: found.request.version + 1,
    tasks: found.request.tasks.map((t) => (t.id === found.task.id ? { ...t, ...change } : t)),
  };
  await tx.deletions.update(next, found.request.version);
  return next;
}

function systemEntry(ctx: Ctx, action: string, note: string | null = null) {
  return { at: ctx.now.toISOString(), actorId: null, actorName: 'Connector job', action, note };
}

/** One attempt of a task's job. Safe to run again at any point: it reads where the task stands first. */
export async function runConnectorTask(ctx: Ctx, requestId: string, taskId: string): Promise<void> {
  const now = () => (ctx.deps.now ? ctx.deps.now() : new Date());
  const started = await ctx.deps.store.transaction(async (tx) => {
    const found = await runnable(tx, requestId, taskId);
    if (!found) return null;
    const run = found.task.connector;
    const at = ctx.now.toISOString();
    const runtime = await connectorRuntime(tx, ctx.deps, found.task.systemId);
    if ('unavailable' in runtime) {
      await needsAttention(tx, ctx, found, runtime.unavailable, null, []);
      return null;
    }
    const people = (await peopleErasedBy(tx, found.request)).flatMap((p) => (p.email ? [{ id: p.id, email: p.email }] : []));
    const attempt = run.attempts + 1;
    await saveTask(tx, found, { connector: { ...run, state: 'running', attempts: attempt, nextAttemptAt: null, updatedAt: at } });
    await audit(tx, ctx, null, {
      action: 'deletion.connector_run',
      recordType: 'deletion_request',
      recordId: requestId,
      summary: `The ${vendorLabel(run)} connector started attempt ${attempt} at ${found.task.systemName}`,
      changes: [{ field: `tasks.${taskId}.connector.state`, before: run.state, after: 'running' }],
    });
    return { runtime: runtime.runtime, people, attempt, deletedIds: run.deletedIds };
  });
  if (!started) return;

  // The vendor's calls, outside any transaction: a slow vendor holds no lock.
  const { runtime, people, attempt } = started;
  const deletedIds: Record<string, string[]> = structuredClone(started.deletedIds);
  const calls: EvidenceCall[] = [];
  const evidence: NonNullable<ConnectorRun['evidence']> = [];
  let stop: Extract<ErasureOutcome, { outcome: 'retry' | 'failed' }> | null = null;
  for (const person of people) {
    const outcome = await runtime.connector.erase(
      { email: person.email },
      {
        ...runtime.connection,
        now,
        attempt,
        alreadyDeleted: deletedIds[person.id] ?? [],
        recordDeleted: async (vendorId, call) => {
          deletedIds[person.id] = [...(deletedIds[person.id] ?? []), vendorId];
          // At once, in its own transaction: a crash after this point cannot make a retry delete it again.
          await ctx.deps.store.transaction(async (tx) => {
            const found = await runnable(tx, requestId, taskId);
            if (!found) return;
            const run = found.task.connector;
            await saveTask(tx, found, {
              connector: {
                ...run,
                deletedIds: { ...run.deletedIds, [person.id]: [...new Set([...(run.deletedIds[person.id] ?? []), vendorId])] },
                updatedAt: call.at,
              },
            });
          });
        },
      },
    );
    calls.push(...outcome.calls);
    if (outcome.outcome !== 'erased') {
      stop = outcome;
      break;
    }
    evidence.push({
      subjectId: person.id,
      found: outcome.found,
      deletedIds: outcome.deletedIds,
      alreadyGoneIds: outcome.alreadyGoneIds,
      verification: outcome.verification,
    });
  }

  await ctx.deps.store.transaction(async (tx) => {
    const found = await runnable(tx, requestId, taskId);
    // Resolved by hand meanwhile, or the request closed: the officer's word stands.
    if (!found) return;
    const run: ConnectorRun = {
      ...found.task.connector,
      calls: [...found.task.connector.calls, ...calls],
      deletedIds: mergeIds(found.task.connector.deletedIds, deletedIds),
    };
    const at = ctx.now.toISOString();
    if (!stop) {
      const deleted = evidence.reduce((n, e) => n + e.deletedIds.length, 0);
      const requestIds = calls.flatMap((c) => (c.requestId && c.method === 'DELETE' ? [c.requestId] : []));
      const verified = evidence.map((e) => e.verification.method);
      const reference = [
        `${vendorLabel(run)}: ${deleted} record(s) of ${people.length} person(s) deleted`,
        `verified (${[...new Set(verified)].join(', ') || 'nobody to erase'}) at ${evidence.at(-1)?.verification.at ?? at}`,
        ...(requestIds.length > 0 ? [`request ids ${requestIds.join(', ')}`] : []),
      ].join('; ');
      await saveTask(
        tx,
        found,
        {
          outcome: 'deleted',
          resolvedBy: null,
          resolvedAt: at,
          reference,
          notifiedAt: at,
          connector: { ...run, state: 'done', lastAnswer: null, lastStatus: null, evidence, updatedAt: at },
        },
        {
          status: 'in_progress',
          timeline: [
            ...found.request.timeline,
            systemEntry(ctx, `${found.task.systemName}: deleted and verified through its API`, reference),
          ],
        },
      );
      await audit(tx, ctx, null, {
        action: 'deletion.connector_done',
        recordType: 'deletion_request',
        recordId: requestId,
        summary: `The ${vendorLabel(run)} connector deleted and verified at ${found.task.systemName} (attempt ${run.attempts})`,
        changes: [
          { field: `tasks.${taskId}.connector.state`, before: 'running', after: 'done' },
          { field: `tasks.${taskId}.outcome`, before: null, after: 'deleted' },
        ],
      });
      return;
    }
    if (stop.outcome === 'failed' || run.attempts >= MAX_CONNECTOR_ATTEMPTS) {
      const reason = stop.outcome === 'failed' ? stop.reason : `${stop.reason} (after ${run.attempts} attempts)`;
      await needsAttention(
        tx,
        ctx,
        { ...found, task: { ...found.task, connector: run } },
        reason,
        stop.outcome === 'failed' ? stop.status : null,
        [],
      );
      return;
    }
    const after = stop.after > ctx.now ? stop.after : new Date(ctx.now.getTime() + 1000);
    const seconds = Math.round((after.getTime() - ctx.now.getTime()) / 1000);
    await saveTask(tx, found, {
      connector: {
        ...run,
        state: 'retrying',
        nextAttemptAt: after.toISOString(),
        lastAnswer: stop.reason,
        lastStatus: null,
        updatedAt: at,
      },
    });
    await enqueueConnectorTask(tx, requestId, taskId, after);
    await audit(tx, ctx, null, {
      action: 'deletion.connector_retry',
      recordType: 'deletion_request',
      recordId: requestId,
      summary: `The ${vendorLabel(run)} connector at ${found.task.systemName} retries in ${seconds} s: ${stop.reason}`,
      changes: [{ field: `tasks.${taskId}.connector.state`, before: 'running', after: 'retrying' }],
    });
  });
}

function mergeIds(a: Record<string, string[]>, b: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = { ...a };
  for (const [k, ids] of Object.entries(b)) out[k] = [...new Set([...(out[k] ?? []), ...ids])];
  return out;
}

async function needsAttention(tx: Tx, ctx: Ctx, found: Found, reason: string, status: number | null, calls: EvidenceCall[]): Promise<void> {
  const run = found.task.connector;
  const at = ctx.now.toISOString();
  await saveTask(
    tx,
    found,
    {
      connector: {
        ...run,
        state: 'needs_attention',
        nextAttemptAt: null,
        lastAnswer: reason,
        lastStatus: status,
        calls: [...run.calls, ...calls],
        updatedAt: at,
      },
    },
    { timeline: [...found.request.timeline, systemEntry(ctx, `${found.task.systemName}: the connector needs attention`, reason)] },
  );
  await audit(tx, ctx, null, {
    action: 'deletion.connector_failed',
    recordType: 'deletion_request',
    recordId: found.request.id,
    summary: `The ${vendorLabel(run)} connector at ${found.task.systemName} needs attention: ${reason}`,
    changes: [{ field: `tasks.${found.task.id}.connector.state`, before: run.state, after: 'needs_attention' }],
  });
}

/** A job whose queue retries are spent (it crashed each time): the task needs attention, saying so. */
export async function connectorJobFailed(ctx: Ctx, requestId: string, taskId: string): Promise<void> {
  await ctx.deps.store.transaction(async (tx) => {
    const found = await runnable(tx, requestId, taskId);
    if (found) await needsAttention(tx, ctx, found, 'The job failed repeatedly inside the console; see the server log', null, []);
  });
}

/**
 * The offsite backup's task resolves itself on its roll-off date (the sweep, each minute): the backup that
 * still held the account's data has rolled off. Idempotent, each request in its own transaction.
 */
export async function sweepBackupRollOffs(ctx: Ctx): Promise<void> {
  const today = localDate(ctx.now, ctx.timeZone);
  const due: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await ctx.deps.store.transaction((tx) =>
      tx.deletions.list({ status: ['approved', 'in_progress'], limit: 200, ...(cursor ? { cursor } : {}) }),
    );
    for (const r of page.items) {
      if (r.tasks.some((t) => t.kind === 'backup' && !t.outcome && t.rollOffOn && t.rollOffOn <= today)) due.push(r.id);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  for (const id of due) {
    await ctx.deps.store.transaction(async (tx) => {
      const request = await tx.deletions.get(id);
      if (!request || (request.status !== 'approved' && request.status !== 'in_progress')) return;
      const rolled = request.tasks.filter((t) => t.kind === 'backup' && !t.outcome && t.rollOffOn && t.rollOffOn <= today);
      if (rolled.length === 0) return;
      const at = ctx.now.toISOString();
      const next: DeletionRequest = {
        ...request,
        version: request.version + 1,
        status: 'in_progress',
        tasks: request.tasks.map((t) =>
          rolled.includes(t)
            ? {
                ...t,
                outcome: 'deleted',
                resolvedBy: null,
                resolvedAt: at,
                reference: `Rolled off on ${dateInWords(t.rollOffOn ?? today)} (backup retention)`,
              }
            : t,
        ),
        timeline: [
          ...request.timeline,
          ...rolled.map((t) => ({
            ...systemEntry(ctx, `${t.systemName}: the backup holding the data rolled off on ${dateInWords(t.rollOffOn ?? today)}`),
            actorName: 'Scheduled roll-off',
          })),
        ],
      };
      await tx.deletions.update(next, request.version);
      for (const t of rolled) {
        await audit(tx, ctx, null, {
          action: 'deletion.backup_rolled_off',
          recordType: 'deletion_request',
          recordId: id,
          summary: `${t.systemName}: the backup holding the data rolled off on ${dateInWords(t.rollOffOn ?? today)}`,
          changes: [{ field: `tasks.${t.id}.outcome`, before: null, after: 'deleted' }],
        });
      }
    });
  }
}
