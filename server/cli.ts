import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { PasswordHasher } from '@/api/deps';
import { createUser } from '@/api/contract/users';
import { ApiError } from '@/api/errors';
import type { CreateUser } from '@/api/contract/users';
import type { Store } from '@/api/store/store';
import { ConfigError, readConfig } from './config';
import { DataDirInUseError, openDb } from './db';
import { migrate } from './migrate';
import { passwordProblems } from './password-policy';
import { createScryptHasher } from './passwords';
import { SqlStore } from './sql-store/sql-store';

const usage = `Usage: npm run user -- create --email EMAIL --name "FULL NAME" --role ROLE
  ROLE is privacy_officer, support_agent or auditor.
  The password is read from standard input, one line: at least 12 characters, not a common password,
  not the email or its part before the @, not a repeated run or a sequence (NIST SP 800-63B):
    echo 'a long passphrase' | npm run user -- create --email ...
  The database is the server's: DATA_DIR (embedded, ./data) or DATABASE_URL.`;

/** A refusal to show the operator as it is, with exit code 1 (2 for a usage error). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export type CreatedUser = { id: string; email: string; role: string };

/** Validates, hashes and inserts a user, with its audit event in the same transaction. */
export async function createUserRecord(
  store: Store,
  passwords: PasswordHasher,
  input: Record<keyof CreateUser, unknown>,
  now = new Date(),
): Promise<CreatedUser> {
  const parsed = createUser.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const field = issue.path.join('.');
      return `  ${field === 'password' ? 'the password (standard input)' : `--${field}`}: ${issue.message}`;
    });
    throw new CliError(`The user was not created:\n${problems.join('\n')}`);
  }
  const { email, name, role, password } = parsed.data;
  const weak = passwordProblems(password, email);
  if (weak.length > 0) {
    throw new CliError(`The user was not created:\n${weak.map((problem) => `  the password (standard input): ${problem}`).join('\n')}`);
  }
  const normalizedEmail = email.toLowerCase();
  const passwordHash = await passwords.hash(password);
  const id = `usr_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  const at = now.toISOString();
  return store.transaction(async (tx) => {
    if (await tx.users.getByEmail(normalizedEmail)) {
      throw new CliError(`A user with the email address ${normalizedEmail} already exists; nothing was changed.`);
    }
    await tx.users.insert({ id, email: normalizedEmail, name, role, passwordHash, createdAt: at });
    await tx.audit.insert({
      id: `aud_${randomUUID().replace(/-/g, '').slice(0, 20)}`,
      at,
      actorId: null,
      actorName: 'Command line',
      actorRole: null,
      action: 'user.create',
      recordType: 'user',
      recordId: id,
      summary: `Created the user ${name} <${normalizedEmail}> as ${role.replace('_', ' ')}`,
      changes: [
        { field: 'email', before: null, after: normalizedEmail },
        { field: 'name', before: null, after: name },
        { field: 'role', before: null, after: role },
      ],
      origin: 'cli',
    });
    return { id, email: normalizedEmail, role };
  });
}

/** The first line of standard input; on a terminal, typed without echo. */
async function readPassword(): Promise<string> {
  const stdin = process.stdin;
  if (stdin.isTTY) return readHidden();
  let text = '';
  stdin.setEncoding('utf8');
  for await (const chunk of stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

function readHidden(): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write('Password (at least 12 characters, not a common one; not shown): ');
  return new Promise((resolve, reject) => {
    let typed = '';
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.resume();
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return done();
        if (char === '\u0003') return done(new CliError('Cancelled.'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    stdin.on('data', onData);
  });
}

export async function runCli(argv: string[]): Promise<void> {
  // `npm run user -- create ...` arrives as `user create ...`.
  const args = argv[0] === 'user' ? argv.slice(1) : argv;
  const [command, ...rest] = args;
  if (command !== 'create') throw new CliError(command ? `Unknown command "${command}".\n${usage}` : usage, 2);
  let values: { email?: string; name?: string; role?: string };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    throw new CliError(`${error instanceof Error ? error.message : String(error)}\n${usage}`, 2);
  }
  const missing = (['email', 'name', 'role'] as const).filter((key) => values[key] === undefined);
  if (missing.length) throw new CliError(`Missing ${missing.map((m) => `--${m}`).join(', ')}.\n${usage}`, 2);

  const password = await readPassword();
  const config = readConfig(process.env);
  const db = await openDb(config);
  const store = new SqlStore(db);
  try {
    await migrate(db);
    const created = await createUserRecord(store, createScryptHasher(), {
      email: values.email,
      name: values.name,
      role: values.role,
      password,
    });
    console.log(`Created ${created.email} (${created.role}) with id ${created.id}.`);
  } finally {
    await store.close();
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isMain) {
  runCli(process.argv.slice(2)).then(
    () => process.exit(0),
    (error: unknown) => {
      const known =
        error instanceof CliError || error instanceof ConfigError || error instanceof DataDirInUseError || error instanceof ApiError;
      console.error(known ? error.message : error);
      process.exit(error instanceof CliError ? error.exitCode : 1);
    },
  );
}
