/**
 * A start-up failure the operator can act on, as one line instead of a stack trace; null for anything
 * else (a bug, which keeps its stack).
 */
export function startupProblem(error: unknown, context: { port: number; host: string; dataDir: string }): string | null {
  // PGlite's file-system errors are plain objects ({ name: 'ErrnoError', errno }), not Errors.
  if (typeof error !== 'object' || error === null) return null;
  const fields = error as Record<string, unknown>;
  const code = typeof fields.code === 'string' ? fields.code : undefined;
  const message = typeof fields.message === 'string' ? fields.message : '';
  // Node's ENOSPC, PostgreSQL's disk_full, and PGlite's own (Emscripten's file system: errno 51 is ENOSPC).
  if (
    code === 'ENOSPC' ||
    code === '53100' ||
    (fields.name === 'ErrnoError' && fields.errno === 51) ||
    /No space left on device/i.test(message)
  ) {
    return `the disk is full (DATA_DIR ${context.dataDir}, or the database server's): free some space and start again`;
  }
  if (code === 'EADDRINUSE') {
    return `port ${context.port} on ${context.host} is already in use (another server?): stop it, or set PORT to another port`;
  }
  if (code === 'EACCES' && fields.syscall === 'listen') {
    return `not allowed to listen on port ${context.port} on ${context.host}: use a port above 1023, or set PORT`;
  }
  if (code === 'EADDRNOTAVAIL') return `HOST ${context.host} is not an address of this machine`;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND') return `the database server at DATABASE_URL cannot be reached (${code})`;
  if (code === '28P01' || code === '28000') return 'the database server refused the user or password in DATABASE_URL';
  if (code === '3D000') return 'the database named in DATABASE_URL does not exist: create it first (createdb)';
  return null;
}
