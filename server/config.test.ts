import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONTROLLER } from '@/api/rules/controller';
import { ConfigError, readConfig, resolveCredentialsKey } from './config';

const key = Buffer.alloc(32, 7).toString('base64');

describe('server configuration', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'pc-config-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('defaults to port 8080, ./data with PGlite, and the demo seed in development', () => {
    const config = readConfig({}, '/srv/app');
    expect(config).toMatchObject({
      port: 8080,
      dataDir: '/srv/app/data',
      pgliteDir: '/srv/app/data/pglite',
      databaseUrl: undefined,
      seed: 'demo',
      production: false,
      secureCookies: false,
      distDir: '/srv/app/dist',
      host: '127.0.0.1',
      sessionIdleMinutes: 30,
    });
  });

  it('listens on this machine only in development, and wants HOST named in production', () => {
    expect(readConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(() => readConfig({ NODE_ENV: 'production' })).toThrow(/HOST is required in production/);
    expect(readConfig({ NODE_ENV: 'production', HOST: '10.0.0.5' }).host).toBe('10.0.0.5');
  });

  it('reads SESSION_IDLE_MINUTES, refusing anything but 1 to 1440 whole minutes', () => {
    expect(readConfig({ SESSION_IDLE_MINUTES: '15' }).sessionIdleMinutes).toBe(15);
    for (const bad of ['0', '1441', '2.5', 'soon']) expect(() => readConfig({ SESSION_IDLE_MINUTES: bad })).toThrow(/SESSION_IDLE_MINUTES/);
  });

  it('keeps its files to itself: DATA_DIR made 700, a world-writable one refused, an open key file closed', () => {
    const parent = tempDir();
    const dataDir = join(parent, 'data');
    resolveCredentialsKey(readConfig({ DATA_DIR: dataDir }), () => {});
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(`${dataDir}-credentials.key`).mode & 0o777).toBe(0o600);

    chmodSync(`${dataDir}-credentials.key`, 0o644);
    const warnings: string[] = [];
    resolveCredentialsKey(readConfig({ DATA_DIR: dataDir }), (m) => warnings.push(m));
    expect(statSync(`${dataDir}-credentials.key`).mode & 0o777).toBe(0o600);
    chmodSync(`${dataDir}-credentials.key`, 0o666);
    expect(() => resolveCredentialsKey(readConfig({ DATA_DIR: dataDir }), () => {})).toThrow(/may be changed by other users/);

    chmodSync(dataDir, 0o777);
    expect(() => resolveCredentialsKey(readConfig({ DATA_DIR: dataDir }), () => {})).toThrow(
      new RegExp(`^${dataDir}.* is writable by every user \\(mode 777\\)[^\\n]*$`),
    );
    chmodSync(dataDir, 0o755);
    chmodSync(`${dataDir}-credentials.key`, 0o600);
    resolveCredentialsKey(readConfig({ DATA_DIR: dataDir }), (m) => warnings.push(m));
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(warnings.some((w) => /was open to other users \(mode 755\): changed it to 700/.test(w))).toBe(true);
  });

  it('never seeds demo users in production unless SEED=demo', () => {
    expect(readConfig({ NODE_ENV: 'production', HOST: '0.0.0.0' }).seed).toBe('none');
    expect(readConfig({ NODE_ENV: 'production', HOST: '0.0.0.0', SEED: 'demo' }).seed).toBe('demo');
    expect(readConfig({ SEED: 'none' }).seed).toBe('none');
    expect(() => readConfig({ SEED: 'lots' })).toThrow(ConfigError);
  });

  it('reads SEED_CONSENT_EVENTS for a smaller (or larger) demo seed, refusing what is not a count', () => {
    expect(readConfig({}).seedConsentEvents).toBeUndefined();
    expect(readConfig({ SEED_CONSENT_EVENTS: '8000' }).seedConsentEvents).toBe(8000);
    for (const bad of ['-1', '2.5', 'many', '1000001'])
      expect(() => readConfig({ SEED_CONSENT_EVENTS: bad })).toThrow(/SEED_CONSENT_EVENTS/);
  });

  it('refuses to start in production on PostgreSQL without CREDENTIALS_KEY', () => {
    const env = { NODE_ENV: 'production', HOST: '0.0.0.0', DATABASE_URL: 'postgres://db/app' };
    expect(() => readConfig(env)).toThrow(/CREDENTIALS_KEY is required/);
    expect(readConfig({ ...env, CREDENTIALS_KEY: key }).credentialsKey).toBe(key);
  });

  it('refuses a key that is not 32 bytes of base64, and a bad port', () => {
    expect(() => readConfig({ CREDENTIALS_KEY: 'c2hvcnQ=' })).toThrow(/32 random bytes/);
    expect(() => readConfig({ CREDENTIALS_KEY: '!'.repeat(44) })).toThrow(/32 random bytes/);
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('generates a key beside DATA_DIR, never inside it, once, with a warning, and reuses it', () => {
    const dataDir = join(tempDir(), 'data');
    const config = readConfig({ DATA_DIR: dataDir });
    const warnings: string[] = [];
    const first = resolveCredentialsKey(config, (message) => warnings.push(message));
    expect(Buffer.from(first, 'base64')).toHaveLength(32);
    const file = `${dataDir}-credentials.key`;
    expect(existsSync(join(dataDir, 'credentials.key'))).toBe(false);
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(warnings[0]).toMatch(/generated one/);
    expect(resolveCredentialsKey(config, (message) => warnings.push(message))).toBe(first);
    expect(warnings).toHaveLength(2);
  });

  it('prefers CREDENTIALS_KEY and then writes no file', () => {
    const dataDir = join(tempDir(), 'data');
    const config = readConfig({ DATA_DIR: dataDir, CREDENTIALS_KEY: key });
    expect(resolveCredentialsKey(config, () => {})).toBe(key);
    expect(existsSync(join(dataDir, 'credentials.key'))).toBe(false);
  });

  it('takes CREDENTIALS_KEY_FILE outside DATA_DIR only, and reads an older key left inside with a warning to move it', () => {
    const parent = tempDir();
    const dataDir = join(parent, 'data');
    expect(() => readConfig({ DATA_DIR: dataDir, CREDENTIALS_KEY_FILE: join(dataDir, 'k.key') })).toThrow(/outside DATA_DIR/);
    const elsewhere = join(parent, 'keys', 'console.key');
    const made = resolveCredentialsKey(readConfig({ DATA_DIR: dataDir, CREDENTIALS_KEY_FILE: elsewhere }), () => {});
    expect(readFileSync(elsewhere, 'utf8').trim()).toBe(made);
    expect(statSync(elsewhere).mode & 0o777).toBe(0o600);
    const old = join(parent, 'old');
    resolveCredentialsKey(readConfig({ DATA_DIR: old, CREDENTIALS_KEY_FILE: join(parent, 'x.key') }), () => {});
    writeFileSync(join(old, 'credentials.key'), `${key}\n`, { mode: 0o600 });
    rmSync(join(parent, 'x.key'));
    const warnings: string[] = [];
    expect(resolveCredentialsKey(readConfig({ DATA_DIR: old, CREDENTIALS_KEY_FILE: join(parent, 'x.key') }), (m) => warnings.push(m))).toBe(
      key,
    );
    expect(warnings[0]).toMatch(/inside the data directory.*move it/);
  });

  it('refuses a damaged key file', () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'credentials.key'), 'garbage\n');
    expect(() => resolveCredentialsKey(readConfig({ DATA_DIR: dataDir }), () => {})).toThrow(/does not hold a valid key/);
  });
});

describe('single sign-on and two-factor configuration (issue 20)', () => {
  const sso = { OIDC_ISSUER: 'https://id.example.com/realms/staff', OIDC_CLIENT_ID: 'console', OIDC_CLIENT_SECRET: 's3cret' };

  it('names the controller receipts carry from CONTROLLER_*, over the default, and refuses a bad address or link', () => {
    expect(readConfig({}, '/srv/app').controller).toEqual(DEFAULT_CONTROLLER);
    const config = readConfig(
      { CONTROLLER_NAME: ' Acme d.o.o. ', CONTROLLER_EMAIL: 'dpo@acme.example', CONTROLLER_ADDRESS: 'Bulevar 1, Beograd' },
      '/srv/app',
    );
    expect(config.controller).toEqual({
      ...DEFAULT_CONTROLLER,
      name: 'Acme d.o.o.',
      email: 'dpo@acme.example',
      address: 'Bulevar 1, Beograd',
    });
    expect(() => readConfig({ CONTROLLER_EMAIL: 'dpo at acme' })).toThrow(
      new ConfigError('CONTROLLER_EMAIL must be an email address, not "dpo at acme"'),
    );
    expect(() => readConfig({ CONTROLLER_POLICY_URL: 'acme.example/privacy' })).toThrow(
      /^CONTROLLER_POLICY_URL must be an https:\/\/ or http:\/\/ address/,
    );
  });

  it('has neither unless asked: REQUIRE_MFA off, no single sign-on', () => {
    expect(readConfig({}, '/srv/app')).toMatchObject({ requireMfa: 'off', oidc: null });
  });

  it('reads the three OIDC settings together, with the button name and the new-user role', () => {
    const config = readConfig({ ...sso, OIDC_NAME: 'Okta', OIDC_CREATE_USERS: 'auditor', REQUIRE_MFA: 'Officers' }, '/srv/app');
    expect(config.requireMfa).toBe('officers');
    expect(config.oidc).toMatchObject({
      issuer: sso.OIDC_ISSUER,
      clientId: 'console',
      name: 'Okta',
      createRole: 'auditor',
      allowHttp: false,
    });
    expect(readConfig(sso, '/srv/app').oidc).toMatchObject({ name: 'id.example.com', createRole: null });
  });

  it('refuses to start on a partial, insecure or unclear configuration, saying what to fix', () => {
    expect(() => readConfig({ OIDC_ISSUER: sso.OIDC_ISSUER })).toThrow(
      new ConfigError(
        'Single sign-on needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together: OIDC_CLIENT_ID and OIDC_CLIENT_SECRET missing',
      ),
    );
    expect(() => readConfig({ ...sso, OIDC_ISSUER: 'id.example.com' })).toThrow(/OIDC_ISSUER must be the provider's issuer URL/);
    expect(() => readConfig({ ...sso, OIDC_ISSUER: 'http://id.example.com' })).toThrow(/must be an https:\/\/ URL/);
    expect(() => readConfig({ ...sso, OIDC_ISSUER: 'http://localhost:9000', NODE_ENV: 'production', HOST: '0.0.0.0' })).toThrow(
      /must be an https:\/\/ URL/,
    );
    expect(readConfig({ ...sso, OIDC_ISSUER: 'http://localhost:9000' }).oidc?.allowHttp).toBe(true);
    expect(() => readConfig({ ...sso, OIDC_CREATE_USERS: 'admin' })).toThrow(/OIDC_CREATE_USERS must be "off" or the role/);
    expect(() => readConfig({ OIDC_CREATE_USERS: 'auditor' })).toThrow(/need single sign-on configured/);
    expect(() => readConfig({ REQUIRE_MFA: 'yes' })).toThrow(new ConfigError('REQUIRE_MFA must be "officers", "all" or "off", not "yes"'));
  });
});
