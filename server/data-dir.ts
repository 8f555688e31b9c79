import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The data directory cannot be used as it is; the message is one line for the operator. */
export class DataDirPermissionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataDirPermissionError';
  }
}

const octal = (mode: number) => (mode & 0o777).toString(8).padStart(3, '0');

/**
 * Makes `dir` (and missing parents) for the server's own files, mode 700: the embedded database holds
 * password hashes and customers' emails, and the key file the key to their login details. A directory that
 * every user may write to is refused (anyone could swap the database or the key); one that others may read
 * is closed to them, saying so.
 */
export function ensurePrivateDir(dir: string, warn: (message: string) => void = () => undefined): void {
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
    return;
  }
  const stat = statSync(dir);
  if (!stat.isDirectory()) throw new DataDirPermissionError(`${dir} is not a directory`);
  if (stat.mode & 0o002) {
    throw new DataDirPermissionError(
      `${dir} is writable by every user (mode ${octal(stat.mode)}): give the server a directory of its own (chmod 700 ${dir}) or set DATA_DIR`,
    );
  }
  if (stat.mode & 0o077) {
    chmodSync(dir, 0o700);
    warn(`${dir} was open to other users (mode ${octal(stat.mode)}): changed it to 700`);
  }
}

/**
 * Closes everything under `dir` to other users: directories 700, files 600. PGlite creates its files with
 * mode 666 whatever the umask, so this runs once it has opened them; files it adds later sit inside
 * directories no one else may enter.
 */
export function closeTree(dir: string): void {
  const stat = lstatSync(dir);
  if (stat.isSymbolicLink()) return;
  if (stat.isDirectory()) {
    if ((stat.mode & 0o777) !== 0o700) chmodSync(dir, 0o700);
    for (const entry of readdirSync(dir)) closeTree(join(dir, entry));
  } else if ((stat.mode & 0o777) !== 0o600) {
    chmodSync(dir, 0o600);
  }
}
