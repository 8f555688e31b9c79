import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const password = 'correct horse battery';

type Run = { code: number | null; stdout: string; stderr: string };

/** The server's own environment for these tests, without anything the machine may have set. */
function env(dataDir: string, distDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { DATABASE_URL: _url, CREDENTIALS_KEY: _key, SEED: _seed, NODE_ENV: _mode, ...rest } = process.env;
  return { ...rest, DATA_DIR: dataDir, DIST_DIR: distDir, ...extra };
}

function runCli(args: string[], input: string, environment: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', 'user', ...args], { cwd: root, env: environment });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** Starts server/main.ts and answers once it listens, with the port it chose. */
function startServer(
  environment: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; port: number; output: () => string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: root, env: environment });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(output);
      if (match) resolve({ child, port: Number(match[1]), output: () => output, exited });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => reject(new Error(`the server exited (${code}) before listening:\n${output}`)));
  });
}

describe('the Node server and the user CLI, as processes', () => {
  let base: string;
  let dataDir: string;
  let distDir: string;

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'pc-server-'));
    dataDir = join(base, 'data');
    distDir = join(base, 'dist');
    mkdirSync(distDir);
    writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>Privacy Console</title><div id="root"></div>');
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('creates a user from a piped password and refuses the same email again', async () => {
    const environment = env(dataDir, distDir);
    const created = await runCli(
      ['create', '--email', 'Ann@Example.com', '--name', 'Ann Admin', '--role', 'privacy_officer'],
      `${password}\n`,
      environment,
    );
    expect(created.stderr).not.toMatch(/Error/);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/Created ann@example\.com \(privacy_officer\)/);

    const again = await runCli(
      ['create', '--email', 'ann@example.com', '--name', 'Ann Again', '--role', 'auditor'],
      `${password}\n`,
      environment,
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);

    const short = await runCli(['create', '--email', 'bo@example.com', '--name', 'Bo', '--role', 'auditor'], 'short\n', environment);
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/At least 12 characters/);
  }, 90_000);

  it('serves health, deep links and API 404s, signs in, refuses a second process on its data, and stops on SIGTERM', async () => {
    const server = await startServer(env(dataDir, distDir, { PORT: '0', SEED: 'none' }));
    const url = (path: string) => `http://127.0.0.1:${server.port}${path}`;
    try {
      const health = await fetch(url('/api/health'));
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', database: 'reachable', mode: 'server' });

      const deep = await fetch(url('/deletions/del_00001?tab=tasks'));
      expect(deep.status).toBe(200);
      expect(await deep.text()).toContain('<div id="root">');
      expect(deep.headers.get('content-security-policy')).toMatch(/script-src 'self';.*frame-ancestors 'none'/);
      expect(deep.headers.get('x-content-type-options')).toBe('nosniff');
      expect(deep.headers.get('x-frame-options')).toBe('DENY');
      expect(deep.headers.get('referrer-policy')).toBe('same-origin');

      const nope = await fetch(url('/api/nope'));
      expect(nope.status).toBe(404);
      expect(nope.headers.get('content-type')).toContain('application/json');
      expect(await nope.json()).toMatchObject({ error: { code: 'not_found' } });

      const signIn = await fetch(url('/api/session'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'ann@example.com', password }),
      });
      expect(signIn.status).toBe(201);
      const cookie = signIn.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Strict/i);
      const session = await fetch(url('/api/session'), { headers: { cookie: cookie.split(';')[0] ?? '' } });
      expect(await session.json()).toMatchObject({ user: { email: 'ann@example.com', role: 'privacy_officer' } });

      // The embedded database takes one process: the CLI must refuse while the server holds it.
      const blocked = await runCli(
        ['create', '--email', 'cy@example.com', '--name', 'Cy', '--role', 'auditor'],
        `${password}\n`,
        env(dataDir, distDir),
      );
      expect(blocked.code).toBe(1);
      expect(blocked.stderr).toMatch(/in use by process/);

      // SIGTERM while a request is half sent: the server stops accepting, finishes that one, then exits.
      const body = JSON.stringify({ email: 'ann@example.com', password });
      const inFlight = new Promise<number | undefined>((resolve, reject) => {
        const req = request(url('/api/session'), {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
        });
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode);
        });
        req.on('error', reject);
        req.write(body.slice(0, 10));
        setTimeout(() => {
          server.child.kill('SIGTERM');
          setTimeout(() => req.end(body.slice(10)), 500);
        }, 300);
      });
      expect(await inFlight).toBe(201);
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
    expect(server.output()).toMatch(/Stopped\./);
    expect(existsSync(join(dataDir, 'pglite.lock'))).toBe(false);
  }, 90_000);
});
