/**
 * Issue 17's two figures for `npm run bench`:
 * - chained audit events written per second with 8 writers (each event one transaction, linked into the hash
 *   chain at commit), beside the same inserts without the chain in the same run, and their ratio;
 * - /api/health and a list's p95 latency while 8 suppression exports stream at once, as ratios to the idle
 *   figures (finding 10: the exports used to hold PGlite's one connection for their whole length).
 */
import { randomBytes } from 'node:crypto';
import { createApp } from '@/api/app';
import { newAuditEvent } from '@/api/records';
import { demoPassword } from '@/demo/seed-data';
import type { Db } from '../server/db';
import { createScryptHasher } from '../server/passwords';
import type { SqlStore } from '../server/sql-store/sql-store';
import { auditTable, insertStatement } from '../server/tables';

type Row = Record<string, string | number>;
const WRITERS = 8;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

let serial = 0;
const event = () =>
  newAuditEvent({
    id: `aud_bench_${process.pid}_${serial++}`,
    at: new Date().toISOString(),
    action: 'bench.write',
    recordType: 'demo',
    recordId: 'bench',
    summary: 'A benchmark write',
  });

async function writers(seconds: number, write: () => Promise<void>): Promise<number> {
  let written = 0;
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (performance.now() < until) {
        await write();
        written += 1;
      }
    }),
  );
  return written / ((performance.now() - started) / 1000);
}

/** Chained against unchained audit inserts, 8 writers each, `seconds` each (unchained first, then chained, then unchained again). */
export async function measureChainedWrites(label: string, db: Db, store: SqlStore, seconds: number): Promise<Row> {
  const plain = () =>
    db.transaction(async (q) => {
      const { sql, params } = insertStatement(auditTable, event());
      await q.query(sql, params);
    });
  const chained = () => store.transaction((tx) => tx.audit.insert(event()));
  await plain();
  await chained();
  const before = await writers(seconds / 2, plain);
  const withChain = await writers(seconds, chained);
  const after = await writers(seconds / 2, plain);
  const unchained = (before + after) / 2;
  return {
    store: label,
    writers: WRITERS,
    'unchained events/s': +unchained.toFixed(0),
    'chained events/s': +withChain.toFixed(0),
    'chained / unchained': +(withChain / unchained).toFixed(2),
  };
}

/** Health and lists, p95 over `seconds` idle and `seconds` while 8 suppression exports stream (each started again when it ends). */
export async function measureExportLoad(label: string, store: SqlStore, seconds: number): Promise<Row[]> {
  const app = createApp({ store, mode: 'server', passwords: createScryptHasher(), credentialsKey: randomBytes(32).toString('base64') });
  const signIn = await app.request('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'officer@demo.test', password: demoPassword }),
  });
  const cookie = /pc_session=[^;]+/.exec(signIn.headers.get('set-cookie') ?? '')?.[0] ?? '';
  const timed = async (path: string) => {
    const t = performance.now();
    const res = await app.request(path, { headers: { cookie } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    return performance.now() - t;
  };
  const probes: [string, string][] = [
    ['GET /api/health', '/api/health'],
    ['GET /api/processors (list)', '/api/processors'],
    ['GET /api/deletion-requests (list)', '/api/deletion-requests'],
  ];
  const sample = async () => {
    const out = new Map<string, number[]>(probes.map(([name]) => [name, []]));
    for (const until = performance.now() + seconds * 1000; performance.now() < until;) {
      for (const [name, path] of probes) out.get(name)!.push(await timed(path));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return out;
  };
  const idle = await sample();
  let running = true;
  let exports = 0;
  let exportMs = 0;
  const exporters = Array.from({ length: 8 }, async () => {
    while (running) {
      const ms = await timed('/api/exports/consent-suppression.csv');
      exportMs += ms;
      exports += 1;
    }
  });
  await new Promise((resolve) => setTimeout(resolve, 200));
  const loaded = await sample();
  running = false;
  await Promise.all(exporters);
  return probes.map(([name]) => {
    const p95 = (m: Map<string, number[]>) =>
      percentile(
        [...m.get(name)!].sort((a, b) => a - b),
        95,
      );
    return {
      store: label,
      endpoint: name,
      'idle p95 ms': +p95(idle).toFixed(1),
      'p95 ms with 8 exports': +p95(loaded).toFixed(1),
      ratio: +(p95(loaded) / p95(idle)).toFixed(1),
      samples: idle.get(name)!.length + loaded.get(name)!.length,
      'exports done': exports,
      'mean export s': +(exportMs / Math.max(1, exports) / 1000).toFixed(1),
    };
  });
}
