import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { MfaPolicy } from '@/api/contract/mfa';
import { mfaPolicies } from '@/api/contract/mfa';
import type { Role } from '@/api/contract/roles';
import { roles } from '@/api/contract/roles';
import type { ControllerDetails } from '@/api/contract/settings';
import { controllerDetails } from '@/api/contract/settings';
import { DEFAULT_CONTROLLER } from '@/api/rules/controller';
import { parseTrustedProxies } from './client-address';
import type { OidcSettings } from './oidc';
import { DataDirPermissionError, ensurePrivateDir } from './data-dir';

export type SeedMode = 'demo' | 'none';

/** Everything the server reads from its environment, checked once at start. */
export type ServerConfig = {
  port: number;
  /** Where to listen: 127.0.0.1 in development unless HOST says otherwise; required in production. */
  host: string;
  /** Minutes of no use after which a session ends. */
  sessionIdleMinutes: number;
  /** Email reveals one user may make in an hour (REVEALS_PER_HOUR, default 20). */
  revealsPerHour: number;
  dataDir: string;
  /** Where PGlite keeps its files, unless `databaseUrl` is set. */
  pgliteDir: string;
  databaseUrl: string | undefined;
  production: boolean;
  /** What to load into an empty database on start: the demo seed, or nothing. */
  seed: SeedMode;
  /** SEED_CONSENT_EVENTS: how many consent events the demo seed makes (default 50,000; the browser tests use fewer). */
  seedConsentEvents: number | undefined;
  credentialsKey: string | undefined;
  /**
   * CREDENTIALS_KEY_FILE: where the key is kept when CREDENTIALS_KEY is not set. Never inside DATA_DIR, so a
   * copy of the data directory (a backup, a stolen disk image of it) does not carry the key that opens it.
   * Defaults to `<DATA_DIR>-credentials.key` beside the directory.
   */
  credentialsKeyFile: string;
  secureCookies: boolean;
  distDir: string;
  /** SMTP_URL: where mail goes (nodemailer's smtp:// or smtps:// URL); without it, mail is written to the log. */
  smtpUrl: string | undefined;
  /** MAIL_FROM: the From of every message. */
  mailFrom: string;
  /** TRUSTED_PROXIES: the proxies whose X-Forwarded-For names the client (addresses and CIDR ranges). */
  trustedProxies: string | undefined;
  /** REQUIRE_MFA: who must use two-factor sign-in with a password (officers, all, off; default off). */
  requireMfa: MfaPolicy;
  /** Single sign-on (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_NAME, OIDC_CREATE_USERS), or none. */
  oidc: OidcSettings | null;
  /**
   * The controller receipts name (CONTROLLER_NAME, _ADDRESS, _EMAIL, _CONTACT, _PHONE, _URL, _POLICY_URL,
   * _JURISDICTION); each one not set keeps the default's (the privacy policy's company).
   */
  controller: ControllerDetails;
  /** TEST_CLOCK=1: an app clock the e2e tests move forward through POST /api/test/clock. Never in production. */
  testClock: boolean;
};

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export function readConfig(env: Env, cwd = process.cwd()): ServerConfig {
  const production = env.NODE_ENV === 'production';
  const port = Number(env.PORT ?? '8080');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, not "${env.PORT}"`);
  const seed = env.SEED?.trim().toLowerCase();
  if (seed !== undefined && seed !== '' && seed !== 'demo' && seed !== 'none') {
    throw new ConfigError(`SEED must be "demo" or "none", not "${env.SEED}"`);
  }
  const events = env.SEED_CONSENT_EVENTS?.trim();
  const seedConsentEvents = events ? Number(events) : undefined;
  if (seedConsentEvents !== undefined && (!Number.isInteger(seedConsentEvents) || seedConsentEvents < 0 || seedConsentEvents > 1_000_000)) {
    throw new ConfigError(`SEED_CONSENT_EVENTS must be a whole number from 0 to 1000000, not "${env.SEED_CONSENT_EVENTS}"`);
  }
  const dataDir = resolve(cwd, env.DATA_DIR || 'data');
  const databaseUrl = env.DATABASE_URL || undefined;
  const credentialsKey = env.CREDENTIALS_KEY?.trim() || undefined;
  const credentialsKeyFile = env.CREDENTIALS_KEY_FILE?.trim()
    ? resolve(cwd, env.CREDENTIALS_KEY_FILE.trim())
    : join(dirname(dataDir), `${basename(dataDir)}-credentials.key`);
  const inside = relative(dataDir, credentialsKeyFile);
  if (!inside.startsWith('..') && !inside.startsWith('/')) {
    throw new ConfigError(`CREDENTIALS_KEY_FILE must be outside DATA_DIR (${dataDir}): a copy of the data would carry its key`);
  }
  if (credentialsKey !== undefined) checkKey(credentialsKey);
  if (!credentialsKey && databaseUrl && production) {
    throw new ConfigError(
      'CREDENTIALS_KEY is required in production with DATABASE_URL: every instance must encrypt customers’ login ' +
        'details with the same key. Generate one with: node -e "console.log(crypto.randomBytes(32).toString(\'base64\'))"',
    );
  }
  const smtpUrl = env.SMTP_URL?.trim() || undefined;
  if (smtpUrl !== undefined && !/^smtps?:\/\/[^/]/.test(smtpUrl)) throw new ConfigError('SMTP_URL must be an smtp:// or smtps:// URL');
  const trustedProxies = env.TRUSTED_PROXIES?.trim() || undefined;
  try {
    parseTrustedProxies(trustedProxies);
  } catch (error) {
    throw new ConfigError(`TRUSTED_PROXIES: ${error instanceof Error ? error.message : String(error)}`);
  }
  const host = env.HOST?.trim();
  if (production && !host) {
    throw new ConfigError(
      'HOST is required in production: the address to listen on, such as HOST=127.0.0.1 behind a proxy on this machine, or HOST=0.0.0.0 for every interface',
    );
  }
  const idle = env.SESSION_IDLE_MINUTES?.trim();
  const sessionIdleMinutes = idle ? Number(idle) : 30;
  if (!Number.isInteger(sessionIdleMinutes) || sessionIdleMinutes < 1 || sessionIdleMinutes > 24 * 60) {
    throw new ConfigError(`SESSION_IDLE_MINUTES must be a whole number of minutes from 1 to 1440, not "${env.SESSION_IDLE_MINUTES}"`);
  }
  const reveals = env.REVEALS_PER_HOUR?.trim();
  const revealsPerHour = reveals ? Number(reveals) : 20;
  if (!Number.isInteger(revealsPerHour) || revealsPerHour < 1 || revealsPerHour > 10_000) {
    throw new ConfigError(`REVEALS_PER_HOUR must be a whole number from 1 to 10000, not "${env.REVEALS_PER_HOUR}"`);
  }
  const requireMfa = (env.REQUIRE_MFA?.trim().toLowerCase() || 'off') as MfaPolicy;
  if (!mfaPolicies.includes(requireMfa)) {
    throw new ConfigError(`REQUIRE_MFA must be "officers", "all" or "off", not "${env.REQUIRE_MFA}"`);
  }
  const oidc = readOidc(env, production);
  const testClock = env.TEST_CLOCK === '1' || env.TEST_CLOCK === 'true';
  if (testClock && production) throw new ConfigError('TEST_CLOCK moves the clock every deadline reads: it is refused in production');
  return {
    port,
    // Development listens on this machine only: a demo database with published passwords is not for the network.
    host: host || '127.0.0.1',
    sessionIdleMinutes,
    revealsPerHour,
    dataDir,
    pgliteDir: join(dataDir, 'pglite'),
    databaseUrl,
    production,
    // Demo users have a published password: a production server gets them only when asked by name.
    seed: seed === 'demo' || seed === 'none' ? seed : production ? 'none' : 'demo',
    seedConsentEvents,
    credentialsKey,
    credentialsKeyFile,
    secureCookies: env.SECURE_COOKIES === 'true' || env.SECURE_COOKIES === '1',
    distDir: resolve(cwd, env.DIST_DIR || 'dist'),
    trustedProxies,
    testClock,
    requireMfa,
    oidc,
    smtpUrl,
    mailFrom: env.MAIL_FROM?.trim() || 'Privacy Console <privacy-console@localhost>',
    controller: readController(env),
  };
}

const controllerVariables: Record<keyof ControllerDetails, string> = {
  name: 'CONTROLLER_NAME',
  address: 'CONTROLLER_ADDRESS',
  email: 'CONTROLLER_EMAIL',
  contact: 'CONTROLLER_CONTACT',
  phone: 'CONTROLLER_PHONE',
  url: 'CONTROLLER_URL',
  policyUrl: 'CONTROLLER_POLICY_URL',
  jurisdiction: 'CONTROLLER_JURISDICTION',
};

/** The controller from CONTROLLER_*, over the default; an address or link that is not one stops the start. */
function readController(env: Env): ControllerDetails {
  const fields = Object.entries(controllerVariables).map(([field, variable]) => [
    field,
    env[variable]?.trim() || DEFAULT_CONTROLLER[field as keyof ControllerDetails],
  ]);
  const parsed = controllerDetails.safeParse(Object.fromEntries(fields));
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0]) as keyof ControllerDetails;
    const kind = field === 'email' ? 'an email address' : 'an https:// or http:// address';
    throw new ConfigError(`${controllerVariables[field]} must be ${kind}, not "${env[controllerVariables[field]]}"`);
  }
  return parsed.data;
}

/** Single sign-on's settings: all three of issuer, client id and secret, or none of them. */
function readOidc(env: Env, production: boolean): OidcSettings | null {
  const issuer = env.OIDC_ISSUER?.trim() || undefined;
  const clientId = env.OIDC_CLIENT_ID?.trim() || undefined;
  const clientSecret = env.OIDC_CLIENT_SECRET?.trim() || undefined;
  const create = env.OIDC_CREATE_USERS?.trim().toLowerCase() || 'off';
  if (!issuer && !clientId && !clientSecret) {
    if (env.OIDC_CREATE_USERS?.trim() || env.OIDC_NAME?.trim()) {
      throw new ConfigError(
        'OIDC_NAME and OIDC_CREATE_USERS need single sign-on configured: set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET',
      );
    }
    return null;
  }
  const missing = [
    ['OIDC_ISSUER', issuer],
    ['OIDC_CLIENT_ID', clientId],
    ['OIDC_CLIENT_SECRET', clientSecret],
  ].flatMap(([name, value]) => (value ? [] : [name]));
  if (missing.length > 0 || !issuer || !clientId || !clientSecret) {
    throw new ConfigError(
      `Single sign-on needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together: ${missing.join(' and ')} missing`,
    );
  }
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new ConfigError(`OIDC_ISSUER must be the provider's issuer URL (https://...), not "${issuer}"`);
  }
  if (
    url.protocol !== 'https:' &&
    !(url.protocol === 'http:' && !production && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname))
  ) {
    throw new ConfigError('OIDC_ISSUER must be an https:// URL (plain http only for a provider on localhost, outside production)');
  }
  if (create !== 'off' && !(roles as readonly string[]).includes(create)) {
    throw new ConfigError(
      `OIDC_CREATE_USERS must be "off" or the role new users get until an officer confirms them (${roles.join(', ')}), not "${env.OIDC_CREATE_USERS}"`,
    );
  }
  return {
    issuer,
    clientId,
    clientSecret,
    name: env.OIDC_NAME?.trim().slice(0, 60) || url.hostname,
    createRole: create === 'off' ? null : (create as Role),
    allowHttp: url.protocol === 'http:',
  };
}

function checkKey(key: string): void {
  const bytes = /^[A-Za-z0-9+/]+={0,2}$/.test(key) ? Buffer.from(key, 'base64') : Buffer.alloc(0);
  if (bytes.length !== 32) throw new ConfigError('CREDENTIALS_KEY must be 32 random bytes in base64 (44 characters)');
}

/**
 * The key from CREDENTIALS_KEY, or else the one kept in CREDENTIALS_KEY_FILE (made on first use, mode 600),
 * outside the data directory. A key left in DATA_DIR/credentials.key by an older version is still read,
 * with a warning to move it out. Losing the file makes stored login details unreadable, hence the warning.
 */
export function resolveCredentialsKey(config: ServerConfig, warn: (message: string) => void): string {
  if (config.credentialsKey) return config.credentialsKey;
  ensurePrivateDir(config.dataDir, warn);
  const legacy = join(config.dataDir, 'credentials.key');
  const file = existsSync(legacy) && !existsSync(config.credentialsKeyFile) ? legacy : config.credentialsKeyFile;
  if (file === legacy) {
    warn(
      `The credentials key is kept inside the data directory (${legacy}): move it to ${config.credentialsKeyFile}, or set CREDENTIALS_KEY.`,
    );
  }
  if (existsSync(file)) {
    const mode = statSync(file).mode;
    if (mode & 0o022) {
      throw new DataDirPermissionError(`${file} may be changed by other users (mode ${(mode & 0o777).toString(8)}): chmod 600 it`);
    }
    if (mode & 0o044) chmodSync(file, 0o600);
    const key = readFileSync(file, 'utf8').trim();
    try {
      checkKey(key);
    } catch {
      throw new ConfigError(`${file} does not hold a valid key (32 bytes in base64)`);
    }
    warn(`Using the credentials key kept in ${file}. Set CREDENTIALS_KEY to manage it yourself.`);
    return key;
  }
  const key = randomBytes(32).toString('base64');
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  warn(
    `No CREDENTIALS_KEY set: generated one and kept it in ${file}. Keep it safe, apart from database backups: ` +
      'without it, stored customer login details cannot be decrypted.',
  );
  return key;
}
