import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startupProblem } from './startup-errors';

const context = { port: 8080, host: '127.0.0.1', dataDir: '/srv/pc/data' };

function thrown(work: () => void): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected it to throw');
}

describe('start-up failures, each said in one line', () => {
  it('a full disk: Node’s ENOSPC (a real one, from /dev/full), PGlite’s and PostgreSQL’s', () => {
    const enospc = thrown(() => writeFileSync('/dev/full', 'x'));
    expect(startupProblem(enospc, context)).toBe(
      "the disk is full (DATA_DIR /srv/pc/data, or the database server's): free some space and start again",
    );
    // What PGlite throws when its directory's disk is full (seen on a 1 MiB tmpfs): no message, no stack.
    expect(startupProblem({ name: 'ErrnoError', errno: 51 }, context)).toMatch(/^the disk is full/);
    expect(startupProblem(Object.assign(new Error('could not extend file'), { code: '53100' }), context)).toMatch(/^the disk is full/);
  });

  it('a port already in use (a real second listen)', async () => {
    const first = createServer();
    await new Promise<void>((resolve) => first.listen(0, '127.0.0.1', resolve));
    const { port } = first.address() as AddressInfo;
    const second = createServer();
    const error = await new Promise<unknown>((resolve) => {
      second.once('error', resolve);
      second.listen(port, '127.0.0.1');
    });
    first.close();
    expect(startupProblem(error, { ...context, port })).toBe(
      `port ${port} on 127.0.0.1 is already in use (another server?): stop it, or set PORT to another port`,
    );
  });

  it('leaves anything else (a bug) to its stack trace', () => {
    expect(startupProblem(new TypeError('x is undefined'), context)).toBeNull();
    expect(startupProblem('a string', context)).toBeNull();
  });
});
