import { Secret, TOTP } from 'otpauth';
import { beforeAll, describe, expect, it } from 'vitest';
import { mfaEnrolment, mfaStatus, recoveryCodes, userAccountList } from '@/api/contract/mfa';
import { session } from '@/api/contract/users';
import type { Role } from '@/api/contract/roles';
import { accountRule } from '@/api/rules/sign-in';
import { decryptSecret } from '@/api/services/crypto';
import type { Harness } from '@/testing/harness';
import { TEST_KEY, testPasswords } from '@/testing/harness';
import type { Suite } from './api-suite';
import { expectError } from './helpers';

const PASSWORD = 'correct horse battery staple';

/** Two-factor sign-in (issue 20): enrolment, sign-in with a code, replay, recovery codes, REQUIRE_MFA, resets. */
export function mfaTests(suite: Suite): void {
  let h: Harness;
  const { mode } = suite;
  let serial = 0;
  beforeAll(() => {
    h = suite.harness();
  });

  /** A user of our own (not a demo user, whom the other areas sign in as with a password only). */
  async function newUser(role: Role = 'support_agent') {
    serial += 1;
    const user = { id: `usr_mfa${serial}`, email: `mfa${serial}@test.example`, name: `Mfa User ${serial}`, role };
    const passwordHash = await testPasswords.hash(PASSWORD);
    await h.store.transaction((tx) => tx.users.insert({ ...user, passwordHash, createdAt: h.clock.now.toISOString() }));
    return user;
  }
  const address = () => `203.0.113.${100 + serial}`;
  const signIn = (email: string, code?: string, from = address()) =>
    h.call('nobody', 'POST', '/api/session', {
      body: { email, password: PASSWORD, ...(code === undefined ? {} : { code }) },
      address: from,
    });
  const tokenOf = (res: { json: { token?: string }; headers: Headers }): string =>
    mode === 'server' ? (/pc_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1] ?? '') : (res.json.token ?? '');
  const auth = (token: string): Record<string, string> =>
    mode === 'server' ? { cookie: `pc_session=${token}` } : { authorization: `Bearer ${token}` };
  const as = (token: string, method: string, path: string, body?: unknown) =>
    h.call('nobody', method, path, { headers: auth(token), ...(body === undefined ? {} : { body }) });
  const codeAt = (secret: string, at = h.clock.now) =>
    new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: at.getTime() });
  const nextStep = () => {
    h.clock.now = new Date(h.clock.now.getTime() + 30_000);
  };

  /** A user with two-factor set up: its secret and recovery codes, and a token signed in before. */
  async function enrolled(role: Role = 'support_agent') {
    const user = await newUser(role);
    const first = await signIn(user.email);
    expect(first.status).toBe(201);
    const token = tokenOf(first);
    const enrolment = mfaEnrolment.parse((await as(token, 'POST', '/api/me/mfa/enrolment', {})).json);
    const confirmed = await as(token, 'POST', '/api/me/mfa', { code: codeAt(enrolment.secret) });
    expect(confirmed.status).toBe(201);
    return { user, token, secret: enrolment.secret, codes: recoveryCodes.parse(confirmed.json).recoveryCodes };
  }

  describe('two-factor enrolment', () => {
    it('offers a secret as a QR code and as text, in force only once a first code confirms it', async () => {
      const user = await newUser();
      const token = tokenOf(await signIn(user.email));
      expect(mfaStatus.parse((await as(token, 'GET', '/api/me/mfa')).json)).toMatchObject({ enrolled: false, recoveryCodesLeft: 0 });
      const started = await as(token, 'POST', '/api/me/mfa/enrolment', {});
      expect(started.status).toBe(201);
      const enrolment = mfaEnrolment.parse(started.json);
      expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(enrolment.uri).toMatch(/^otpauth:\/\/totp\/Privacy%20Console:.+secret=/);
      expect(enrolment.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
      expect(atob(enrolment.qrCode.split(',')[1] ?? '')).toContain('<svg');
      // Not in force yet: a password alone still signs in.
      expect((await signIn(user.email)).status).toBe(201);

      expectError(
        await as(token, 'POST', '/api/me/mfa', { code: '000000' === codeAt(enrolment.secret) ? '111111' : '000000' }),
        422,
        'code',
      );
      expectError(await as(token, 'POST', '/api/me/mfa', { code: '' }), 422, 'code');
      const confirmed = await as(token, 'POST', '/api/me/mfa', { code: codeAt(enrolment.secret) });
      expect(confirmed.status).toBe(201);
      const codes = recoveryCodes.parse(confirmed.json).recoveryCodes;
      expect(codes).toHaveLength(10);
      expect(new Set(codes).size).toBe(10);
      expect(mfaStatus.parse((await as(token, 'GET', '/api/me/mfa')).json)).toMatchObject({ enrolled: true, recoveryCodesLeft: 10 });
      expectError(await as(token, 'POST', '/api/me/mfa/enrolment', {}), 409);

      // Stored encrypted with the server key and bound to the user; recovery codes only as hashes.
      const stored = await h.store.transaction((tx) => tx.users.get(user.id));
      expect(JSON.stringify(stored)).not.toContain(enrolment.secret);
      for (const code of codes) expect(JSON.stringify(stored)).not.toContain(code);
      expect(await decryptSecret(TEST_KEY, stored?.mfa?.secret ?? '', `user-mfa:${user.id}`)).toBe(enrolment.secret);
      await expect(decryptSecret(TEST_KEY, stored?.mfa?.secret ?? '', 'user-mfa:usr_someone_else')).rejects.toThrow();
      const events = await h.ok('auditor', 'listAuditEvents', { query: { action: 'user.mfa_enrolled', recordId: user.id } });
      expect(events.items).toHaveLength(1);
    });

    it('refuses a confirmation with no secret waiting (409), and callers without a session (401)', async () => {
      const user = await newUser();
      const token = tokenOf(await signIn(user.email));
      expectError(await as(token, 'POST', '/api/me/mfa', { code: '123456' }), 409);
      expectError(await h.call('nobody', 'GET', '/api/me/mfa'), 401);
      expectError(await h.call('nobody', 'POST', '/api/me/mfa/enrolment', { body: {} }), 401);
    });
  });

  describe('signing in with two-factor', () => {
    it('asks for the code after the password, refuses a wrong one and a replayed one, takes the next', async () => {
      const { user, secret } = await enrolled();
      nextStep();
      const from = address();
      expectError(await signIn(user.email, undefined, from), 422, 'code');
      const wrong = expectError(await signIn(user.email, codeAt(secret, new Date(h.clock.now.getTime() - 10 * 60_000)), from), 401);
      expect(wrong.error.message).toBe('The code is not right');
      const code = codeAt(secret);
      const ok = await signIn(user.email, code, from);
      expect(ok.status).toBe(201);
      expect(session.parse(ok.json).user.email).toBe(user.email);
      // The same code again, within its 30 seconds: refused, however right it is.
      const replay = expectError(await signIn(user.email, code, from), 401);
      expect(replay.error.message).toMatch(/used already/);
      nextStep();
      expect((await signIn(user.email, codeAt(secret), from)).status).toBe(201);
      const signIns = await h.ok('auditor', 'listAuditEvents', { query: { action: 'session.sign_in', recordId: user.id } });
      expect(signIns.items.map((e) => e.summary)).toContainEqual(expect.stringMatching(/with a two-factor code/));
    });

    it('takes each recovery code once, and a wrong password is refused before any code is looked at', async () => {
      const { user, codes, token } = await enrolled();
      const [first = '', second = ''] = codes;
      expect((await signIn(user.email, first.toUpperCase().replace('-', ' '))).status).toBe(201);
      expectError(await signIn(user.email, first), 401);
      expect(mfaStatus.parse((await as(token, 'GET', '/api/me/mfa')).json).recoveryCodesLeft).toBe(9);
      const wrongPassword = await h.call('nobody', 'POST', '/api/session', {
        body: { email: user.email, password: 'not it', code: second },
        address: address(),
      });
      expectError(wrongPassword, 401);
      expect((await signIn(user.email, second)).status).toBe(201);
      const used = await h.ok('auditor', 'listAuditEvents', { query: { action: 'user.recovery_code_used', recordId: user.id } });
      expect(used.items).toHaveLength(2);
    });

    it('counts wrong codes toward sign-in throttling: past the threshold even the right code waits', async () => {
      const { user, secret } = await enrolled();
      nextStep();
      const from = address();
      for (let i = 0; i < accountRule.threshold; i++) expectError(await signIn(user.email, '000000', from), 401);
      const held = expectError(await signIn(user.email, codeAt(secret), from), 429);
      expect(held.error.message).toMatch(/Too many failed sign-ins/);
    });
  });

  describe('REQUIRE_MFA', () => {
    it('holds a password session of an officer to its own settings until they set two-factor up', async () => {
      h.deps.requireMfa = 'officers';
      try {
        const officer = await newUser('privacy_officer');
        const first = await signIn(officer.email);
        expect(first.status).toBe(201);
        expect(session.parse(first.json).mfaSetupRequired).toBe(true);
        const token = tokenOf(first);
        expect(session.parse((await as(token, 'GET', '/api/session')).json).mfaSetupRequired).toBe(true);
        const refused = expectError(await as(token, 'GET', '/api/dashboard'), 403);
        expect(refused.error.message).toMatch(/Set up two-factor sign-in first/);
        expect(mfaStatus.parse((await as(token, 'GET', '/api/me/mfa')).json).required).toBe(true);
        expect((await as(token, 'GET', '/api/sessions')).status).toBe(200);

        const enrolment = mfaEnrolment.parse((await as(token, 'POST', '/api/me/mfa/enrolment', {})).json);
        expect((await as(token, 'POST', '/api/me/mfa', { code: codeAt(enrolment.secret) })).status).toBe(201);
        expect((await as(token, 'GET', '/api/dashboard')).status).toBe(200);
        expect(session.parse((await as(token, 'GET', '/api/session')).json).mfaSetupRequired).toBeUndefined();

        // An agent is not held to it under `officers`, and is under `all`.
        const agent = await newUser('support_agent');
        const agentToken = tokenOf(await signIn(agent.email));
        expect((await as(agentToken, 'GET', '/api/dashboard')).status).toBe(200);
        h.deps.requireMfa = 'all';
        expectError(await as(agentToken, 'GET', '/api/dashboard'), 403);
      } finally {
        h.deps.requireMfa = 'off';
      }
    });
  });

  describe('turning one’s own two-factor off', () => {
    const turnOff = (token: string, body: unknown) => as(token, 'POST', '/api/me/mfa/turn-off', body);

    it('with the current password: off, audited, sessions kept; the next sign-in asks for no code', async () => {
      const { user, token } = await enrolled();
      expect(mfaStatus.parse((await as(token, 'GET', '/api/me/mfa')).json).turnOff).toEqual({ allowed: true, reason: null });
      const off = await turnOff(token, { password: PASSWORD });
      expect(off.status).toBe(200);
      expect(mfaStatus.parse(off.json)).toMatchObject({ enrolled: false, recoveryCodesLeft: 0, turnOff: { allowed: false } });
      expect((await as(token, 'GET', '/api/me/mfa')).status).toBe(200);
      expect((await signIn(user.email)).status).toBe(201);
      const events = await h.ok('auditor', 'listAuditEvents', { query: { action: 'user.mfa_turned_off', recordId: user.id } });
      expect(events.items.map((e) => e.summary)).toEqual([
        `${user.name} turned off their two-factor sign-in (confirmed with their password)`,
      ]);
      // Off already: nothing to turn off (409), with the sentence the status gave.
      const again = expectError(await turnOff(token, { password: PASSWORD }), 409);
      expect(again.error.message).toBe(mfaStatus.parse((await as(token, 'GET', '/api/me/mfa')).json).turnOff.reason);
    });

    it('with a code the app shows now, once; a used or wrong code and a wrong password are refused (422), changing nothing', async () => {
      const { user, token, secret } = await enrolled();
      expectError(await turnOff(token, {}), 422, 'password');
      expectError(await turnOff(token, { password: 'not my password' }), 422, 'password');
      // The code that confirmed the setup, in the same 30 seconds: used already.
      expectError(await turnOff(token, { code: codeAt(secret) }), 422, 'code');
      nextStep();
      expectError(await turnOff(token, { code: '000000' === codeAt(secret) ? '111111' : '000000' }), 422, 'code');
      expect(mfaStatus.parse((await as(token, 'GET', '/api/me/mfa')).json).enrolled).toBe(true);
      expect(
        (await h.ok('auditor', 'listAuditEvents', { query: { action: 'user.mfa_turned_off', recordId: user.id } })).items,
      ).toHaveLength(0);
      const off = await turnOff(token, { code: codeAt(secret) });
      expect(off.status).toBe(200);
      expect(mfaStatus.parse(off.json).enrolled).toBe(false);
      const events = await h.ok('auditor', 'listAuditEvents', { query: { action: 'user.mfa_turned_off', recordId: user.id } });
      expect(events.items[0]?.summary).toMatch(/confirmed with a code from their app/);
      expectError(await h.call('nobody', 'POST', '/api/me/mfa/turn-off', { body: { password: PASSWORD } }), 401);
    });

    it('counts wrong passwords toward sign-in throttling: past the threshold even the right one waits', async () => {
      const { token } = await enrolled();
      for (let i = 0; i < accountRule.threshold; i++) expectError(await turnOff(token, { password: 'not my password' }), 422, 'password');
      expectError(await turnOff(token, { password: PASSWORD }), 429);
      expect(mfaStatus.parse((await as(token, 'GET', '/api/me/mfa')).json).enrolled).toBe(true);
    });

    it('is refused (403) where REQUIRE_MFA holds the role to it, with the reason the status gives', async () => {
      const { token: officerToken } = await enrolled('privacy_officer');
      const { token: agentToken } = await enrolled('support_agent');
      h.deps.requireMfa = 'officers';
      try {
        const status = mfaStatus.parse((await as(officerToken, 'GET', '/api/me/mfa')).json);
        expect(status.turnOff).toEqual({ allowed: false, reason: expect.stringMatching(/REQUIRE_MFA=officers/) });
        const refused = expectError(await turnOff(officerToken, { password: PASSWORD }), 403);
        expect(refused.error.message).toBe(status.turnOff.reason);
        expect(mfaStatus.parse((await as(agentToken, 'GET', '/api/me/mfa')).json).turnOff.allowed).toBe(true);
        h.deps.requireMfa = 'all';
        const all = expectError(await turnOff(agentToken, { password: PASSWORD }), 403);
        expect(all.error.message).toMatch(/REQUIRE_MFA=all/);
        expect(mfaStatus.parse((await as(officerToken, 'GET', '/api/me/mfa')).json).enrolled).toBe(true);
      } finally {
        h.deps.requireMfa = 'off';
      }
    });
  });

  describe('an officer resets another user’s two-factor', () => {
    it('removes it and ends their sessions, audited; only officers, and not their own', async () => {
      const { user, token, secret } = await enrolled();
      const accounts = userAccountList.parse((await h.call('officer', 'GET', '/api/user-accounts')).json);
      expect(accounts.items.find((u) => u.id === user.id)).toMatchObject({ mfaEnrolled: true, actions: { resetMfa: { allowed: true } } });
      expect(JSON.stringify(accounts)).not.toContain(secret);

      expectError(await h.call('auditor', 'POST', `/api/user-accounts/${user.id}/mfa-reset`, { body: {} }), 403);
      expectError(await h.call('support', 'POST', `/api/user-accounts/${user.id}/mfa-reset`, { body: {} }), 403);
      expectError(await h.call('officer', 'POST', '/api/user-accounts/usr_nobody/mfa-reset', { body: {} }), 404);
      const reset = await h.call('officer', 'POST', `/api/user-accounts/${user.id}/mfa-reset`, { body: {} });
      expect(reset.status).toBe(200);
      expect(reset.json.mfaEnrolled).toBe(false);
      expectError(await h.call('officer', 'POST', `/api/user-accounts/${user.id}/mfa-reset`, { body: {} }), 409);
      expect((await as(token, 'GET', '/api/me/mfa')).status).toBe(401);
      expect((await signIn(user.email)).status).toBe(201);
      const events = await h.ok('auditor', 'listAuditEvents', { query: { action: 'user.mfa_reset', recordId: user.id } });
      expect(events.items[0]?.summary).toMatch(/reset the two-factor sign-in of Mfa User/);

      const officer = session.parse((await h.call('officer', 'GET', '/api/session')).json).user;
      const own = expectError(await h.call('officer', 'POST', `/api/user-accounts/${officer.id}/mfa-reset`, { body: {} }), 409);
      expect(own.error.message).toMatch(/your own/);
    });
  });
}
