/**
 * Page load in headless Chromium at 4x CPU slowdown: first contentful paint, largest contentful paint,
 * total blocking time and the time until the first rows of the page's list are visible, for the dashboard
 * and each area, the median of several cold loads (a fresh browser context each: empty HTTP cache).
 */
import type { Browser, Page, Request } from '@playwright/test';
import { chromium } from '@playwright/test';
import { seedCached } from '../e2e/demo-seed-cache';
import { existsSync } from 'node:fs';
import { get } from 'node:http';
import { gzipSync } from 'node:zlib';

export const pages = [
  { name: 'dashboard', path: '/' },
  { name: 'processors', path: '/processors' },
  { name: 'consents', path: '/consents' },
  { name: 'support access', path: '/support-access' },
  { name: 'deletions', path: '/deletions' },
  { name: 'audit log', path: '/audit' },
] as const;

export type PageLoadRow = {
  target: string;
  page: string;
  runs: number;
  fcp: number;
  lcp: number;
  tbt: number;
  firstRows: number;
  /**
   * When the page answers input: for a page the server drew, when React has taken it over (its `#root` is no
   * longer inert); else when its first rows show (React drew them). Blocking time is counted up to this.
   */
  interactive: number;
  /** Script bytes on the wire (as the server chose to send them, brotli where it can), in KB. */
  jsTransferredKB: number;
  /** The same scripts as gzip (asked for with Accept-Encoding: gzip alone), in KB. */
  jsGzipKB: number;
  /**
   * With a floor to load beside (`floorURL`): the floor page loaded just before each of this page's loads, so the
   * two share the machine's state of that moment. `besideFloor` is the median of those floor loads' first rows;
   * `pairedRatio` the median of each load's first rows over its own floor load's.
   */
  besideFloor?: number;
  pairedRatio?: number;
};

/**
 * The bytes of one file as gzip: as a server sends it to a client that accepts gzip alone, or, when it answers
 * without gzip (vite preview, for the demo), the body gzipped here at level 9 (as vite.config.ts's precompress
 * writes it), so the column never counts an uncompressed body.
 */
function gzipBytes(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve(/\bgzip\b/.test(String(res.headers['content-encoding'] ?? '')) ? body.length : gzipSync(body, { level: 9 }).length);
      });
    }).on('error', reject);
  });
}

type Scripts = { transferred: number; gzip: number };

/** Records the scripts a page fetches; `total()` answers their bytes as transferred and as gzip. */
function recordScripts(page: Page): { total(): Promise<Scripts> } {
  const scripts: Promise<{ url: string; bytes: number }>[] = [];
  const onFinished = (request: Request) => {
    if (request.resourceType() === 'script') {
      scripts.push(request.sizes().then((sizes) => ({ url: request.url(), bytes: sizes.responseBodySize })));
    }
  };
  page.on('requestfinished', onFinished);
  return {
    async total() {
      page.off('requestfinished', onFinished);
      const loaded = await Promise.all(scripts);
      const gzip = await Promise.all(loaded.map((s) => gzipBytes(s.url)));
      return { transferred: loaded.reduce((sum, s) => sum + s.bytes, 0), gzip: gzip.reduce((sum, b) => sum + b, 0) };
    },
  };
}

/**
 * Runs in the page before any of its scripts: records long tasks and LCP candidates, and the first frame
 * in which the page's content shows rows (a table row or list item in <main>, nothing still busy).
 */
const probe = `
(() => {
  const w = window;
  w.__bench = { longTasks: [], lcp: 0, firstRows: null, interactive: null };
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) w.__bench.longTasks.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((l) => { for (const e of l.getEntries()) w.__bench.lcp = e.startTime; })
      .observe({ type: 'largest-contentful-paint', buffered: true });
  } catch {}
  const check = () => {
    const main = document.querySelector('main#main') || document.querySelector('main');
    const rows = main && main.querySelector('tbody tr, ul > li, ol > li');
    const busy = main && (main.getAttribute('aria-busy') === 'true' || main.querySelector('[aria-busy="true"]'));
    if (rows && !busy && w.__bench.firstRows === null) w.__bench.firstRows = performance.now();
    // A page the server drew (src/app/start-console.tsx) answers input once React has taken it over.
    const root = document.getElementById('root');
    if (w.__bench.firstRows !== null && !(root && root.hasAttribute('inert'))) { w.__bench.interactive = performance.now(); return; }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();
`;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function chromiumPath(): string | undefined {
  return process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * How long a fresh browser is left alone before the measured load (BENCH_SETTLE_MS). Its start-up work (the
 * GPU and network processes, the profile) otherwise overlaps the load on this 2-core machine: measured on the
 * floor page, 10 loads each, the median fell from 344 to 164 ms and the spread from 284-384 to 144-200 ms.
 */
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 1000);

/** A new page on about:blank, once the browser has finished starting. */
async function settled(page: Page): Promise<void> {
  await page.goto('about:blank');
  await page.waitForTimeout(SETTLE_MS);
}

/** Signs in through the sign-in page as the privacy officer and answers the browser state to reuse. */
export async function signedInState(browser: Browser, baseURL: string) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill('officer@demo.test');
  await page.getByLabel('Password').fill('demo-password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: 60_000 });
  const state = await context.storageState({ indexedDB: true });
  await context.close();
  // Without the demo's seed cache (src/demo/seed-cache.ts): a cold load generates the seed, as after a first
  // visit; measureDemoReload measures the cached start.
  type Origin = (typeof state.origins)[number] & { indexedDB?: { name: string }[] };
  const origins = state.origins.map((o: Origin) => ({
    ...o,
    indexedDB: o.indexedDB?.filter((db) => db.name !== 'privacy-console-demo-seed'),
  }));
  return { ...state, origins };
}

type State = Awaited<ReturnType<typeof signedInState>>;

/** One cold load in a browser of its own (a crashed or hung load cannot take the others with it); one retry. */
async function loadOnce(baseURL: string, state: State | undefined, path: string, cpuSlowdown: number) {
  for (let attempt = 1; ; attempt++) {
    const browser = await launch();
    try {
      return await loadIn(browser, baseURL, state, path, cpuSlowdown);
    } catch (error) {
      if (attempt >= 2) throw error;
      console.warn(`page load of ${path} failed (${String(error).split('\n')[0]}); retrying`);
    } finally {
      await browser.close().catch(() => undefined);
    }
  }
}

async function loadIn(browser: Browser, baseURL: string, state: State | undefined, path: string, cpuSlowdown: number) {
  const context = await browser.newContext({ baseURL, storageState: state });
  try {
    const page = await context.newPage();
    await settled(page);
    const scripts = recordScripts(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
    await page.addInitScript(probe);
    await page.goto(path, { waitUntil: 'load' });
    await firstRowsShown(page);
    const js = await scripts.total();
    const timings = await timingsOf(page);
    return { ...timings, jsTransferred: js.transferred, jsGzip: js.gzip };
  } finally {
    await context.close();
  }
}

export async function measurePageLoads(
  label: string,
  baseURL: string,
  options: {
    runs: number;
    cpuSlowdown: number;
    only?: readonly string[];
    /** Other pages than the console's areas (the floor, the sign-in page). */
    pages?: readonly { name: string; path: string }[];
    /** false: cold loads without a session (the floor, the sign-in page). */
    signedIn?: boolean;
    /** The floor page's server: loaded once before each of the page's loads (`besideFloor`, `pairedRatio`). */
    floorURL?: string;
  },
): Promise<PageLoadRow[]> {
  let state: State | undefined;
  if (options.signedIn !== false) {
    const browser = await launch();
    try {
      state = await signedInState(browser, baseURL);
    } finally {
      await browser.close();
    }
  }
  const rows: PageLoadRow[] = [];
  for (const p of (options.pages ?? pages).filter((x) => options.pages || !options.only?.length || options.only.includes(x.path))) {
    const samples: Awaited<ReturnType<typeof loadOnce>>[] = [];
    const pairs: Pair[] = [];
    for (let i = 0; i < options.runs; i++) {
      const floor = options.floorURL === undefined ? undefined : await floorLoad(options.floorURL, options.cpuSlowdown);
      // A load that fails twice (the browser crashed or was closed under us) is left out and counted.
      const sample = await loadOnce(baseURL, state, p.path, options.cpuSlowdown).catch((error: unknown) => {
        console.warn(`${label} ${p.path}: a load failed twice: ${String(error).split('\n')[0]}`);
        return null;
      });
      if (sample) samples.push(sample);
      if (sample && floor) pairs.push({ floor, page: sample.firstRows });
    }
    const m = (k: 'fcp' | 'lcp' | 'tbt' | 'firstRows' | 'interactive' | 'jsTransferred' | 'jsGzip') =>
      samples.length ? Math.round(median(samples.map((s) => s[k]))) : NaN;
    rows.push({
      target: label,
      page: p.name,
      runs: samples.length,
      fcp: m('fcp'),
      lcp: m('lcp'),
      tbt: m('tbt'),
      firstRows: m('firstRows'),
      interactive: m('interactive'),
      jsTransferredKB: Math.round(m('jsTransferred') / 100) / 10,
      jsGzipKB: Math.round(m('jsGzip') / 100) / 10,
      ...paired(pairs),
    });
    console.info(`${label} ${p.name}: ${JSON.stringify(rows.at(-1))}`);
  }
  return rows;
}

/** A page's load's first rows beside the floor's load just before it. */
type Pair = { floor: number; page: number };

/** One cold load of the floor page (no session), for its first rows; NaN when it fails twice. */
async function floorLoad(floorURL: string, cpuSlowdown: number): Promise<number> {
  const sample = await loadOnce(floorURL, undefined, '/', cpuSlowdown).catch(() => null);
  return sample?.firstRows ?? NaN;
}

/** The floor beside a page, and the page's ratio to it, from the loads where both succeeded. */
function paired(pairs: Pair[]): Pick<PageLoadRow, 'besideFloor' | 'pairedRatio'> {
  const both = pairs.filter((x) => x.floor > 0 && Number.isFinite(x.page));
  if (both.length === 0) return {};
  return {
    besideFloor: Math.round(median(both.map((x) => x.floor))),
    pairedRatio: +median(both.map((x) => x.page / x.floor)).toFixed(2),
  };
}

/** Waits until the page shows its first rows, then a moment more for the last long tasks to be reported. */
async function firstRowsShown(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { __bench: { interactive: number | null } }).__bench.interactive !== null, null, {
    timeout: 90_000,
  });
  // Let the last LCP candidate and long tasks be reported.
  await page.waitForTimeout(300);
}

function timingsOf(page: Page) {
  return page.evaluate(() => {
    const b = (window as unknown as { __bench: { longTasks: [number, number][]; lcp: number; firstRows: number; interactive: number } })
      .__bench;
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
    // Total blocking time: each long task's time over 50 ms, from first paint until the page answers input.
    const tbt = b.longTasks
      .filter(([start]) => start >= fcp && start <= b.interactive)
      .reduce((sum, [, d]) => sum + Math.max(0, d - 50), 0);
    // Where the demo's data came from on this load (src/demo/start-worker.ts marks it).
    const source = performance
      .getEntriesByType('mark')
      .map((m) => m.name)
      .find((name) => name.startsWith('demo-data:'));
    // Rows in the page before its first paint (its styles still loading) show with that paint, not before.
    const firstRows = Math.max(b.firstRows, fcp);
    return { fcp, lcp: b.lcp, tbt, firstRows, interactive: Math.max(b.interactive, firstRows), source: source ?? '' };
  });
}

const jsOf = (scripts: Scripts) => ({ jsTransferred: scripts.transferred, jsGzip: scripts.gzip });

/**
 * The demo's dashboard loaded cold (signed in, no seed cached: the seed is generated), then reloaded once its
 * seed is cached (the store is made from the cache): the median of `runs` of each, in one browser per run.
 * A load whose data did not come from where it should is an error, not a figure.
 */
export async function measureDemoReload(
  baseURL: string,
  options: { runs: number; cpuSlowdown: number; floorURL?: string },
): Promise<PageLoadRow[]> {
  const browser0 = await launch();
  const state = await signedInState(browser0, baseURL).finally(() => browser0.close());
  type Sample = Awaited<ReturnType<typeof timingsOf>> & { jsTransferred: number; jsGzip: number };
  const cold: Sample[] = [];
  const reload: Sample[] = [];
  const floors: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    floors.push(options.floorURL === undefined ? NaN : await floorLoad(options.floorURL, options.cpuSlowdown));
    const browser = await launch();
    try {
      const context = await browser.newContext({ baseURL, storageState: state });
      const page = await context.newPage();
      await settled(page);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: options.cpuSlowdown });
      await page.addInitScript(probe);
      const coldScripts = recordScripts(page);
      await page.goto('/', { waitUntil: 'load' });
      await firstRowsShown(page);
      cold.push({ ...(await timingsOf(page)), ...jsOf(await coldScripts.total()) });
      const waitedSince = Date.now();
      while (!(await seedCached(page))) {
        if (Date.now() - waitedSince > 120_000) throw new Error('The demo never cached its seed');
        await page.waitForTimeout(250);
      }
      // The reload's own scripts: those the browser fetched again (its HTTP cache serves the rest unrecorded).
      const reloadScripts = recordScripts(page);
      await page.reload({ waitUntil: 'load' });
      await firstRowsShown(page);
      reload.push({ ...(await timingsOf(page)), ...jsOf(await reloadScripts.total()) });
    } finally {
      await browser.close().catch(() => undefined);
    }
    const [c, r] = [cold.at(-1), reload.at(-1)];
    if (c?.source !== 'demo-data:generated' || r?.source !== 'demo-data:cache') {
      throw new Error(`Demo loads came from ${c?.source} and ${r?.source}, not generated and then cached`);
    }
  }
  // A run whose cold load or reload failed has no samples past it: its floor pairs with nothing.
  const pairsOf = (samples: typeof cold) => samples.map((s, i) => ({ floor: floors[i] ?? NaN, page: s.firstRows }));
  const row = (page: string, samples: typeof cold): PageLoadRow => {
    const m = (k: 'fcp' | 'lcp' | 'tbt' | 'firstRows' | 'interactive' | 'jsTransferred' | 'jsGzip') =>
      Math.round(median(samples.map((s) => s[k])));
    return {
      target: 'demo',
      page,
      runs: samples.length,
      fcp: m('fcp'),
      lcp: m('lcp'),
      tbt: m('tbt'),
      firstRows: m('firstRows'),
      interactive: m('interactive'),
      jsTransferredKB: Math.round(m('jsTransferred') / 100) / 10,
      jsGzipKB: Math.round(m('jsGzip') / 100) / 10,
      ...paired(pairsOf(samples)),
    };
  };
  const rows = [row('dashboard, seed generated', cold), row('dashboard, reload (seed cached)', reload)];
  for (const r of rows) console.info(`demo ${r.page}: ${JSON.stringify(r)}`);
  return rows;
}
