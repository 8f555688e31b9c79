import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Running = { url: string; stop(): Promise<void> };

async function waitFor(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

function stopper(child: ChildProcess, after?: () => void): () => Promise<void> {
  // Whatever way the bench ends, it leaves no server behind.
  process.once('exit', () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    after?.();
  });
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) {
        after?.();
        resolve();
        return;
      }
      child.once('exit', () => {
        after?.();
        resolve();
      });
      child.kill('SIGTERM');
      setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 10_000).unref();
    });
}

/** `vite preview` of a demo build (the API runs inside the page). */
export async function startDemoPreview(outDir: string, port: number): Promise<Running> {
  const child = spawn(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'preview', '--mode', 'demo', '--outDir', outDir, '--port', String(port), '--strictPort'],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://localhost:${port}`;
  const stop = stopper(child);
  await waitFor(url, child, 60_000).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { url, stop };
}

/**
 * How long the server may take to answer health: it loads the demo seed into a fresh PGlite first, which on a
 * busy 2-core machine has taken over 4 minutes (BENCH_SERVER_START_SECONDS to change it). A server that exits
 * fails at once, whatever the wait.
 */
const SERVER_START_MS = Number(process.env.BENCH_SERVER_START_SECONDS ?? 900) * 1000;

/** The Node server (as `npm start` runs it) over the production build, on PGlite in a fresh data folder with the demo seed. */
export async function startServer(distDir: string, port: number): Promise<Running> {
  const dataDir = mkdtempSync(join(tmpdir(), 'privacy-console-bench-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DIST_DIR: distDir, SEED: 'demo', NODE_ENV: 'development' },
  });
  const url = `http://localhost:${port}`;
  const stop = stopper(child, () => rmSync(dataDir, { recursive: true, force: true }));
  await waitFor(`${url}/api/health`, child, SERVER_START_MS).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { url, stop };
}
