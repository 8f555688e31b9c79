import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
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

/** Runs server/main.ts to its end (for the ones that must refuse to start). */
function runServer(environment: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: root, env: environment });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
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
      // No demo data here (SEED=none), so the sign-in page offers no demo users.
      expect(await health.json()).toEqual({ status: 'ok', database: 'reachable', writes: 'ok', mode: 'server', demo: null, sso: null });

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
      // The audit log's origin is the socket's peer, whatever X-Forwarded-For says (no TRUSTED_PROXIES).
      await fetch(url('/api/session'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.77' },
        body: JSON.stringify({ email: 'ann@example.com', password }),
      });
      const events = await fetch(url('/api/audit-events?action=session.sign_in'), { headers: { cookie: cookie.split(';')[0] ?? '' } });
      const origins = ((await events.json()) as { items: { origin: string | null }[] }).items.map((e) => e.origin);
      expect(origins).toEqual(['127.0.0.1', '127.0.0.1']);

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

  it('refuses to start in one line, before touching the database: a port in use, an open DATA_DIR, no HOST in production', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const fresh = join(base, 'never-opened');
      const run = await runServer(env(fresh, distDir, { PORT: String(port) }));
      expect(run.code).toBe(1);
      expect(run.stderr.trim()).toBe(
        `Cannot start: port ${port} on 127.0.0.1 is already in use (another server?): stop it, or set PORT to another port`,
      );
      // Bound before anything else: no database opened, no demo data loaded.
      expect(run.stdout).not.toMatch(/Opening|demo data/);
      expect(existsSync(fresh)).toBe(false);
    } finally {
      taken.close();
    }

    const open = join(base, 'open-data');
    mkdirSync(open);
    chmodSync(open, 0o777);
    const refused = await runServer(env(open, distDir, { PORT: '0' }));
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toMatch(new RegExp(`^Cannot start: ${open} is writable by every user \\(mode 777\\)[^\\n]*$`));

    const production = await runServer(env(join(base, 'prod'), distDir, { NODE_ENV: 'production', PORT: '0' }));
    expect(production.code).toBe(1);
    expect(production.stderr.trim()).toMatch(/^Cannot start: HOST is required in production[^\n]*$/);
  }, 90_000);

  it('refuses, in one line, a credentials key other than the one the database was first started with', async () => {
    // Kept beside the data directory, never inside it (config.ts credentialsKeyFile).
    const keyFile = `${dataDir}-credentials.key`;
    const original = readFileSync(keyFile, 'utf8');
    writeFileSync(keyFile, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    try {
      const run = await runServer(env(dataDir, distDir, { PORT: '0', SEED: 'none' }));
      expect(run.code).toBe(1);
      // The warning that names the key file, then the refusal: one line, no stack.
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.stderr.trim().split('\n').at(-1)).toMatch(
        /^Cannot start: The credentials key \(.*credentials\.key\) is not the one this database was first started with on \d{4}-\d{2}-\d{2}[^\n]*$/,
      );
    } finally {
      writeFileSync(keyFile, original, { mode: 0o600 });
    }
  }, 90_000);
});
