import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from './db';
import { migrate } from './migrate';

/** Every file and directory under `dir` with its mode, as `path: 700`. */
function modes(dir: string, out: Record<string, string> = {}): Record<string, string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    out[path] = (statSync(path).mode & 0o777).toString(8);
    if (entry.isDirectory()) modes(path, out);
  }
  return out;
}

describe('the embedded database’s files', () => {
  const base = mkdtempSync(join(tmpdir(), 'pc-modes-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('are made 700 (directories) and 600 (files), the WAL included, and closed again on every open', async () => {
    const dataDir = join(base, 'data');
    const pgliteDir = join(dataDir, 'pglite');
    const db = await openPglite(pgliteDir);
    await migrate(db);
    await db.query(`INSERT INTO users (id, email, name, role, created_at, doc) VALUES ('u', 'a@b.test', 'A', 'auditor', now(), '{}')`);
    expect((statSync(dataDir).mode & 0o777).toString(8)).toBe('700');
    expect((statSync(`${pgliteDir}.lock`).mode & 0o777).toString(8)).toBe('600');
    await db.close();

    // Whatever PGlite wrote while open (it makes files 666) sits inside a directory only we may enter...
    expect((statSync(pgliteDir).mode & 0o777).toString(8)).toBe('700');
    const db2 = await openPglite(pgliteDir);
    await db2.close();
    // ...and the next open closes the files themselves too.
    const all = modes(pgliteDir);
    expect(Object.keys(all).some((p) => p.includes('pg_wal'))).toBe(true);
    const open = Object.entries(all).filter(([, mode]) => mode !== '700' && mode !== '600');
    expect(open).toEqual([]);
  });

  it('refuses a world-writable data directory, in one line', async () => {
    const dataDir = join(base, 'shared');
    const first = await openPglite(join(dataDir, 'pglite'));
    await first.close();
    chmodSync(dataDir, 0o777);
    const refused = await openPglite(join(dataDir, 'pglite')).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error).message).toMatch(/shared is writable by every user \(mode 777\): give the server a directory of its own/);
    expect((refused as Error).message).not.toContain('\n');
  });
});
