/**
 * `npm run bench`: bundle sizes of fresh production and demo builds (in tmp/bench), page loads in headless
 * Chromium at 4x CPU slowdown (median of BENCH_PAGE_RUNS, default 5; 0 skips; each in a fresh browser left
 * BENCH_SETTLE_MS, default 1000, to finish starting) in demo mode and against the Node server (ports 4191 and
 * 8190), each after a load of the floor page, seed generation time, API latency at scale and requests per second for
 * the dashboard summary (8 clients, 10 s) on PGlite (and on PostgreSQL when BENCH_DATABASE_URL is set), and the
 * consent ledger's first filtered page in a demo build with BENCH_DEMO_EVENTS (default 100,000) consent events.
 * Prints a table and writes bench/results/latest.json.
 *
 * Sizes: BENCH_EVENTS (consent events, default 200,000), BENCH_ACCOUNTS (default 20,000),
 * BENCH_REQUESTS (support-access and deletion requests each, default 5,000). BENCH_SCALE=full sets the
 * issue's sizes: 1,000,000 events, 100,000 accounts, 20,000 of each request (loading that into PGlite
 * takes several minutes).
 *
 * BENCH_ONLY=person-search measures only issue 18's person search at BENCH_PEOPLE people (default 100,000) on
 * the MemoryStore, PGlite and PostgreSQL, as p95 ratios to an exact email lookup (bench/person-search.ts).
 */
import { randomBytes } from 'node:crypto';
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createApp } from '@/api/app';
import type { Store } from '@/api/store/store';
import { generateSeed } from '@/demo/seed';
import { demoPassword } from '@/demo/seed-data';
import type { Db } from '../server/db';
import { openPglite, openPostgres } from '../server/db';
import { migrate } from '../server/migrate';
import { createScryptHasher } from '../server/passwords';
import { loadSeed } from '../server/seed-loader';
import { SqlStore } from '../server/sql-store/sql-store';
import { initialAssets } from './initial-assets';
import { measureFilterRenders } from './filter-render';
import { startFloor } from './floor';
import type { PageLoadRow } from './page-load';
import { measureDemoReload, measurePageLoads } from './page-load';
import { startDemoPreview, startServer } from './servers';
import { measureChainedWrites, measureExportLoad } from './hardening';
import { measurePersonSearch } from './person-search';
import { MemoryStore } from '@/api/store/memory/memory-store';
import { seedSnapshot } from '@/demo/load-seed';

const full = process.env.BENCH_SCALE === 'full';
const sizes = {
  consentEvents: Number(process.env.BENCH_EVENTS ?? (full ? 1_000_000 : 200_000)),
  accounts: Number(process.env.BENCH_ACCOUNTS ?? (full ? 100_000 : 20_000)),
  requests: Number(process.env.BENCH_REQUESTS ?? (full ? 20_000 : 5_000)),
};
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 40);
/** Page loads per page and target (the median is reported); BENCH_PAGE_RUNS=0 skips the browser. */
const PAGE_RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 5);
const CPU_SLOWDOWN = 4;
/** BENCH_PAGES=/,/processors measures only those paths. */
const ONLY_PAGES = (process.env.BENCH_PAGES ?? '').split(',').filter(Boolean);
const THROUGHPUT = { clients: 8, seconds: Number(process.env.BENCH_THROUGHPUT_SECONDS ?? 10) };
/** Fresh builds of the current sources, where nothing else serves from (dist/ may be in use or stale). */
const BUILD_DIR = 'tmp/bench';
const PROD_DIR = `${BUILD_DIR}/dist`;
const DEMO_DIR = `${BUILD_DIR}/dist-demo`;
/** A demo build whose seed has DEMO_LEDGER_EVENTS consent events, for the ledger's filtered first page (BENCH_DEMO_EVENTS=0 skips it). */
const DEMO_LEDGER_DIR = `${BUILD_DIR}/dist-demo-ledger`;
const DEMO_LEDGER_EVENTS = Number(process.env.BENCH_DEMO_EVENTS ?? 100_000);
// Not 4190: browsers and fetch refuse it (the "sieve" port is on the Fetch standard's bad-port list).
const PORTS = { demo: 4191, server: 8190, floor: 4192 };

type Row = Record<string, string | number>;
const results: {
  bundles: Row[];
  pageLoads: Row[];
  demoLedger: Row[];
  seed: Row[];
  api: Row[];
  throughput: Row[];
  chainedWrites: Row[];
  exportsUnderLoad: Row[];
  personSearch: Row[];
} = {
  bundles: [],
  pageLoads: [],
  demoLedger: [],
  seed: [],
  api: [],
  throughput: [],
  chainedWrites: [],
  exportsUnderLoad: [],
  personSearch: [],
};
/** BENCH_ONLY=hardening: only issue 17's figures (chained writes, latency under exports), no builds or browser. */
const HARDENING_ONLY = process.env.BENCH_ONLY === 'hardening';
/** BENCH_ONLY=pages: only the builds and the page loads (issue 21's table), no stores. */
const PAGES_ONLY = process.env.BENCH_ONLY === 'pages';
const CHAIN_SECONDS = Number(process.env.BENCH_CHAIN_SECONDS ?? 6);
const EXPORT_SECONDS = Number(process.env.BENCH_EXPORT_SECONDS ?? 8);

function bundle(dir: string, label: string): void {
  const sizes = initialAssets(dir);
  for (const kind of ['js', 'css'] as const) results.bundles.push({ build: label, kind: `initial ${kind}`, ...sizes[kind] });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function measureApi(label: string, store: Store): Promise<void> {
  const app = createApp({ store, mode: 'server', passwords: createScryptHasher(), credentialsKey: randomBytes(32).toString('base64') });
  const signIn = await app.request('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'officer@demo.test', password: demoPassword }),
  });
  const cookie = /pc_session=[^;]+/.exec(signIn.headers.get('set-cookie') ?? '')?.[0] ?? '';
  const get = async (path: string) => {
    const res = await app.request(path, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    return (await res.json()) as { items?: { subjectId?: string; email?: string }[] };
  };
  const someone = (await get('/api/consent-events?limit=1')).items?.[0]?.subjectId ?? 'sub_1';
  const paths: [string, string][] = [
    ['consent events, first page', '/api/consent-events'],
    ['consent events, purpose+action', '/api/consent-events?purpose=marketing_emails&action=withdrawn'],
    ['consent events, channel+date range', '/api/consent-events?channel=cookie_banner&from=2026-01-01&to=2026-06-30'],
    ['consent events, notice version', '/api/consent-events?noticeVersion=v1&purpose=analytics_cookies'],
    ['consent events, purpose', '/api/consent-events?purpose=customer_story'],
    ['consent events, action', '/api/consent-events?action=withdrawn'],
    ['consent events, channel', '/api/consent-events?channel=call'],
    ['consent events, notice version only', '/api/consent-events?noticeVersion=v2'],
    ['consent events, date range', '/api/consent-events?from=2026-03-01&to=2026-03-31'],
    ['consent events, notice version+channel', '/api/consent-events?noticeVersion=v2&channel=sales'],
    ['consent events, purpose+channel+action', '/api/consent-events?purpose=analytics_cookies&channel=cookie_banner&action=withdrawn'],
    ['consent events, purpose+notice+channel', '/api/consent-events?purpose=customer_story&noticeVersion=v3&channel=call'],
    ['consent events, purpose+notice+action', '/api/consent-events?noticeVersion=v1&purpose=analytics_cookies&action=withdrawn'],
    ['consent events, channel+year', '/api/consent-events?channel=call&from=2024-01-01&to=2024-12-31'],
    ['consent events, notice version+year', '/api/consent-events?noticeVersion=v1&from=2026-01-01&to=2026-11-29'],
    ['consent events, purpose+notice+dates', '/api/consent-events?purpose=call_recording&noticeVersion=v1&from=2023-01-01&to=2026-12-31'],
    ['consent events, one subject', `/api/consent-events?subjectId=${someone}`],
    ['subject page', `/api/subjects/${someone}`],
    ['consent review queue', '/api/consent-reviews'],
    ['consent review queue, harder withdrawal', '/api/consent-reviews?reason=harder_withdrawal'],
    ['consent review queue, outdated notice', '/api/consent-reviews?reason=outdated_notice'],
    ['consent review queue, no evidence', '/api/consent-reviews?reason=no_evidence'],
    ['consent review queue, stale marketing', '/api/consent-reviews?reason=stale_marketing'],
    ['consent trends, 12 months', '/api/consent-stats/monthly'],
    ['dashboard summary', '/api/dashboard'],
    ['quick find', '/api/search?q=son'],
    ['processors', '/api/processors'],
    ['processors, needs attention', '/api/processors?attention=1'],
    ['support access, first page', '/api/support-access-requests'],
    ['support access, pending oldest', '/api/support-access-requests?status=pending&sort=oldest'],
    ['deletions, first page', '/api/deletion-requests'],
    ['deletions, overdue', '/api/deletion-requests?overdue=1'],
    ['audit log, first page', '/api/audit-events'],
    ['accounts, search', '/api/accounts?q=son'],
  ];
  for (const [name, path] of paths) {
    await get(path);
    const times: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const t = performance.now();
      await get(path);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    results.api.push({
      store: label,
      endpoint: name,
      p50: +percentile(times, 50).toFixed(1),
      p95: +percentile(times, 95).toFixed(1),
      p99: +percentile(times, 99).toFixed(1),
    });
  }

  // Requests per second for the dashboard summary, THROUGHPUT.clients at once (each sends its next request
  // when its last one is answered), for THROUGHPUT.seconds.
  let path = '/api/dashboard';
  if ((await app.request(path, { headers: { cookie } })).status === 404) path = '/api/deletion-requests?overdue=true';
  await get(path);
  const latencies: number[] = [];
  const until = performance.now() + THROUGHPUT.seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: THROUGHPUT.clients }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        await get(path);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  results.throughput.push({
    store: label,
    endpoint: `GET ${path}`,
    clients: THROUGHPUT.clients,
    seconds: +elapsed.toFixed(1),
    requests: latencies.length,
    rps: +(latencies.length / elapsed).toFixed(1),
    p50: +percentile(latencies, 50).toFixed(1),
    p95: +percentile(latencies, 95).toFixed(1),
  });
}

async function onDb(label: string, db: Db, seed: Awaited<ReturnType<typeof generateSeed>>): Promise<void> {
  await migrate(db);
  const t = performance.now();
  await loadSeed(db, seed, createScryptHasher(), randomBytes(32).toString('base64'));
  results.seed.push({ step: `load into ${label}`, seconds: +((performance.now() - t) / 1000).toFixed(1) });
  console.log(`${label}: seed loaded in ${results.seed.at(-1)?.seconds} s`);
  const store = new SqlStore(db, { ownsDb: false });
  if (!HARDENING_ONLY) await measureApi(label, store);
  if (!HARDENING_ONLY) {
    // Issue 18 at this seed's size (BENCH_ONLY=person-search measures it alone at BENCH_PEOPLE people).
    const people = seed.subjects.filter((s) => s.kind === 'person');
    results.personSearch.push(
      ...(await measurePersonSearch(`${label} (${people.length} people)`, store, people, Math.max(ITERATIONS, 200))),
    );
  }
  console.log(`${label}: latency while 8 exports stream ...`);
  // Issue 17: latency while 8 exports stream (on both homes; the finding was PGlite's), then chained writes.
  results.exportsUnderLoad.push(...(await measureExportLoad(label, store, EXPORT_SECONDS)));
  console.log(`${label}: chained writes ...`);
  results.chainedWrites.push(await measureChainedWrites(label, db, store, CHAIN_SECONDS));
  await db.close();
  console.table(results.throughput.filter((r) => r.store === label));
  console.table(results.exportsUnderLoad.filter((r) => r.store === label));
  console.table(results.chainedWrites.filter((r) => r.store === label));
}

/** BENCH_ONLY=person-search: only issue 18's person search at BENCH_PEOPLE people (default 100,000). */
const PERSON_SEARCH_ONLY = process.env.BENCH_ONLY === 'person-search';
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);

async function main(): Promise<void> {
  if (PERSON_SEARCH_ONLY) return measurePeopleSearch();
  if (!HARDENING_ONLY) await measureBuildsAndPages();
  if (PAGES_ONLY) {
    writeResults();
    return;
  }
  await measureStores();
}

/** A seed with PEOPLE people (2.5 per account on average) and few events: person search reads only subjects. */
async function measurePeopleSearch(): Promise<void> {
  const seed = await generateSeed({
    now: new Date(),
    consentEvents: 20_000,
    accounts: Math.ceil(PEOPLE / 2.5),
    supportAccessRequests: 100,
    deletionRequests: 100,
  });
  const people = seed.subjects.filter((s) => s.kind === 'person');
  console.log(`person search: ${people.length} people`);
  const iterations = Math.max(ITERATIONS, 200);
  const memory = MemoryStore.fromSnapshot(seedSnapshot(seed, new Map(seed.users.map((u) => [u.id, 'hash'])), []));
  results.personSearch.push(...(await measurePersonSearch(`MemoryStore (${people.length} people)`, memory, people, iterations)));
  const onSql = async (label: string, db: Db) => {
    await migrate(db);
    await loadSeed(db, seed, createScryptHasher(), randomBytes(32).toString('base64'));
    await db.exec('ANALYZE subjects');
    const store = new SqlStore(db, { ownsDb: false });
    results.personSearch.push(...(await measurePersonSearch(`${label} (${people.length} people)`, store, people, iterations)));
    await db.close();
  };
  await onSql('PGlite', await openPglite());
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (url) {
    const admin = openPostgres(url, { max: 1 });
    const name = `privacy_console_bench_${randomBytes(4).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    try {
      await onSql('PostgreSQL', openPostgres(target.toString(), { max: 8 }));
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    }
  }
  console.table(results.personSearch);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    'bench/results/person-search.json',
    JSON.stringify({ at: new Date().toISOString(), people: people.length, iterations, personSearch: results.personSearch }, null, 2),
  );
  console.log('\nWritten to bench/results/person-search.json');
}

/** The floor measured at the start and at the end of the page loads: each figure the mean of the two medians. */
function meanFloor(first: PageLoadRow | undefined, last: PageLoadRow | undefined): PageLoadRow {
  if (!first || !last) throw new Error('The floor page did not load');
  const mean = (k: 'fcp' | 'lcp' | 'tbt' | 'firstRows' | 'interactive') => Math.round((first[k] + last[k]) / 2);
  console.info(`floor: first rows ${first.firstRows} ms at the start, ${last.firstRows} ms at the end`);
  return {
    ...first,
    page: `static 50-row table (floor; ${first.firstRows} ms at the start, ${last.firstRows} at the end)`,
    runs: first.runs + last.runs,
    fcp: mean('fcp'),
    lcp: mean('lcp'),
    tbt: mean('tbt'),
    firstRows: mean('firstRows'),
    interactive: mean('interactive'),
  };
}

/**
 * Each time figure also as a ratio to the floor's (the static 50-row table measured in the same run); first rows
 * to the floor loaded beside the page where there is one (`pairedRatio`).
 */
function withRatios(rows: PageLoadRow[]): Row[] {
  const floor = rows.find((r) => r.target === 'floor');
  const ratio = (value: number, base: number | undefined) => (base && base > 0 ? +(value / base).toFixed(2) : '');
  return rows.map(({ besideFloor, pairedRatio, ...r }) => ({
    ...r,
    besideFloor: besideFloor ?? '',
    firstRowsRatio: pairedRatio ?? ratio(r.firstRows, floor?.firstRows),
    fcpRatio: ratio(r.fcp, floor?.fcp),
    lcpRatio: ratio(r.lcp, floor?.lcp),
  }));
}

/** The issue's table, in Markdown, for the README. */
function pageLoadTable(rows: Row[]): string {
  const lines = [
    '| page | first rows ms | floor beside ms | ratio to floor | FCP ms (ratio) | interactive ms | total blocking ms | JS KB transferred | JS KB gzip |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.target === 'floor' ? r.page : `${r.target}, ${r.page}`} | ${r.firstRows} | ${r.besideFloor || '-'} | ${r.firstRowsRatio || '1.00'} | ${r.fcp} (${r.fcpRatio || '1.00'}) | ${r.interactive} | ${r.tbt} | ${r.jsTransferredKB} | ${r.jsGzipKB} |`,
    ),
  ];
  return lines.join('\n');
}

async function measureBuildsAndPages(): Promise<void> {
  execSync(`npx vite build --outDir ${PROD_DIR} --emptyOutDir --logLevel warn`, { stdio: 'inherit' });
  bundle(PROD_DIR, 'production');
  execSync(`npx vite build --mode demo --outDir ${DEMO_DIR} --emptyOutDir --logLevel warn`, { stdio: 'inherit' });
  bundle(DEMO_DIR, 'demo');

  if (PAGE_RUNS > 0) {
    const loads: PageLoadRow[] = [];
    const options = { runs: PAGE_RUNS, cpuSlowdown: CPU_SLOWDOWN, only: ONLY_PAGES };
    // The floor first and again last, in the same run and on the same machine as everything it is the reference
    // for: the machine drifts over the run's minutes (two runs minutes apart gave floors of 180 and 220 ms), so the
    // mean of the two is printed; and a floor load goes before each page's load, so each page's ratio is the median
    // of its loads' ratios to the floor load just before them (loads minutes apart differ by a quarter).
    const floor = await startFloor(PORTS.floor);
    try {
      const floorPage = { name: 'static 50-row table (floor)', path: '/' };
      const measureFloor = () => measurePageLoads('floor', floor.url, { ...options, pages: [floorPage], signedIn: false });
      const floorFirst = await measureFloor();
      // Every page's load also follows a floor load of its own: its ratio is to the floor of that moment.
      const beside = { ...options, floorURL: floor.url };
      const demo = await startDemoPreview(DEMO_DIR, PORTS.demo);
      try {
        loads.push(...(await measurePageLoads('demo', demo.url, beside)));
        // Issue 21: the dashboard with the seed generated, then reloaded from the seed cache.
        loads.push(...(await measureDemoReload(demo.url, beside)));
      } finally {
        await demo.stop();
      }
      const server = await startServer(PROD_DIR, PORTS.server);
      try {
        const signIn = { name: 'sign-in page', path: '/sign-in' };
        loads.push(...(await measurePageLoads('server', server.url, { ...beside, pages: [signIn], signedIn: false })));
        loads.push(...(await measurePageLoads('server', server.url, beside)));
      } finally {
        await server.stop();
      }
      loads.unshift(meanFloor(floorFirst[0], (await measureFloor())[0]));
    } finally {
      await floor.stop();
    }
    results.pageLoads.push(...withRatios(loads));
    console.table(results.pageLoads);
    console.log(`\n${pageLoadTable(results.pageLoads)}\n`);
  }

  if (DEMO_LEDGER_EVENTS > 0 && !PAGES_ONLY) {
    // Issue 5: the ledger's first filtered page in the demo at 100,000 events, at full speed and at 4x CPU.
    execSync(`npx vite build --mode demo --outDir ${DEMO_LEDGER_DIR} --emptyOutDir --logLevel warn`, {
      stdio: 'inherit',
      env: { ...process.env, VITE_DEMO_CONSENT_EVENTS: String(DEMO_LEDGER_EVENTS) },
    });
    const ledgerDemo = await startDemoPreview(DEMO_LEDGER_DIR, PORTS.demo);
    try {
      results.demoLedger.push(...(await measureFilterRenders(`demo, ${DEMO_LEDGER_EVENTS} events`, ledgerDemo.url, [1, CPU_SLOWDOWN])));
    } finally {
      await ledgerDemo.stop();
    }
    console.table(results.demoLedger);
  }
}

async function measureStores(): Promise<void> {
  const t = performance.now();
  const seed = await generateSeed({
    now: new Date(),
    consentEvents: sizes.consentEvents,
    accounts: sizes.accounts,
    supportAccessRequests: sizes.requests,
    deletionRequests: sizes.requests,
  });
  results.seed.push({
    step: `generate ${sizes.consentEvents} events, ${sizes.accounts} accounts`,
    seconds: +((performance.now() - t) / 1000).toFixed(1),
  });

  await onDb('PGlite', await openPglite(), seed);
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (url) {
    const admin = openPostgres(url, { max: 1 });
    const name = `privacy_console_bench_${randomBytes(4).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    try {
      await onDb('PostgreSQL', openPostgres(target.toString(), { max: 8 }), seed);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    }
  }

  writeResults();
}

function writeResults(): void {
  for (const [title, rows] of Object.entries(results)) {
    console.log(`\n${title}`);
    console.table(rows);
  }
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    'bench/results/latest.json',
    JSON.stringify(
      {
        at: new Date().toISOString(),
        sizes,
        iterations: ITERATIONS,
        pageRuns: PAGE_RUNS,
        cpuSlowdown: CPU_SLOWDOWN,
        throughputLoad: THROUGHPUT,
        ...results,
      },
      null,
      2,
    ),
  );
  console.log('\nWritten to bench/results/latest.json');
}

await main();
