import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { MfaEnrolment, MfaPolicy, MfaStatus, TurnOffMfa, UserAccount } from '@/api/contract/mfa';
import { actionPermissions } from '@/api/contract/endpoints';
import { ApiError } from '@/api/errors';
import { actionState, decideActions } from '@/api/rules/actions';
import {
  freshStep,
  mfaRequired,
  normaliseRecoveryCode,
  timeStep,
  TOTP_PERIOD_SECONDS,
  turnOffMfaRule,
  userAccountRule,
} from '@/api/rules/mfa';
import { throttleKeys } from '@/api/rules/sign-in';
import type { UserMfa, UserRecord } from '@/api/store/schemas';
import type { Tx } from '@/api/store/store';
import type { Actor, Ctx } from './context';
import { audit, enforce, notFound } from './context';
import { decryptSecret, encryptSecret, sha256Hex } from './crypto';
import { throttled } from './session';

const ISSUER = 'Privacy Console';
const RECOVERY_CODES = 10;
const noMfa: UserMfa = { secret: null, enrolledAt: null, lastStep: 0, recoveryHashes: [], pendingSecret: null };

export const mfaPolicyOf = (ctx: Ctx): MfaPolicy => ctx.deps.requireMfa ?? 'off';
/** The secret is bound to its user: a sealed secret copied onto another user's row does not open. */
const aadOf = (userId: string) => `user-mfa:${userId}`;
const mfaOf = (user: UserRecord): UserMfa => user.mfa ?? noMfa;
export const mfaEnrolled = (user: UserRecord): boolean => mfaOf(user).secret !== null;

function totp(secret: string, label: string): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: TOTP_PERIOD_SECONDS, secret: Secret.fromBase32(secret) });
}

/** Whether the user must set two-factor up before using the console (password sessions only). */
export function mfaSetupRequired(ctx: Ctx, user: UserRecord, method: 'password' | 'sso' | undefined): boolean {
  return method !== 'sso' && !mfaEnrolled(user) && mfaRequired(user.role, mfaPolicyOf(ctx));
}

export function mfaStatus(ctx: Ctx, user: UserRecord): MfaStatus {
  const mfa = mfaOf(user);
  return {
    enrolled: mfa.secret !== null,
    enrolledAt: mfa.enrolledAt,
    recoveryCodesLeft: mfa.secret === null ? 0 : mfa.recoveryHashes.length,
    required: mfaRequired(user.role, mfaPolicyOf(ctx)),
    turnOff: actionState(turnOffMfaRule(user.role, mfa.secret !== null, mfaPolicyOf(ctx))),
  };
}

/** The user as this transaction sees it, held under their lock: codes are checked and spent one at a time. */
async function lockedUser(tx: Tx, userId: string): Promise<UserRecord> {
  await tx.locks.take(`user-mfa:${userId}`);
  const user = await tx.users.get(userId);
  if (!user) throw notFound('User');
  return user;
}

export async function ownMfaStatus(ctx: Ctx, actor: Actor): Promise<MfaStatus> {
  const user = await ctx.deps.store.transaction((tx) => tx.users.get(actor.user.id));
  if (!user) throw notFound('User');
  return mfaStatus(ctx, user);
}

/** A fresh secret, kept (encrypted) as pending until a first code confirms it. Starting again replaces it. */
export async function startMfaEnrolment(ctx: Ctx, actor: Actor): Promise<MfaEnrolment> {
  const secret = new Secret({ size: 20 }).base32;
  const sealed = await encryptSecret(ctx.deps.credentialsKey, secret, aadOf(actor.user.id));
  await ctx.deps.store.transaction(async (tx) => {
    const user = await lockedUser(tx, actor.user.id);
    if (mfaEnrolled(user)) throw new ApiError('conflict', 'Two-factor sign-in is already set up for you');
    await tx.users.update({ ...user, mfa: { ...mfaOf(user), pendingSecret: sealed } });
  });
  const uri = totp(secret, actor.user.email).toString();
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { secret, uri, qrCode: `data:image/svg+xml;base64,${btoa(svg)}` };
}

function randomRecoveryCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/**
 * Checks a TOTP code against `secret` at ctx.now (one step either side, for clocks a little apart) and
 * answers its time step, or null when it is wrong or its step is not after `lastStep` (a replay).
 */
function acceptedStep(ctx: Ctx, secret: string, code: string, lastStep: number): { step: number } | { refused: 'wrong' | 'replay' } {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return { refused: 'wrong' };
  const delta = totp(secret, 'check').validate({ token, timestamp: ctx.now.getTime(), window: 1 });
  if (delta === null) return { refused: 'wrong' };
  const step = timeStep(ctx.now) + delta;
  return freshStep(step, lastStep) ? { step } : { refused: 'replay' };
}

/** Confirms the pending secret with a first code: two-factor is in force, and the recovery codes are answered once. */
export async function confirmMfaEnrolment(ctx: Ctx, actor: Actor, code: string): Promise<{ recoveryCodes: string[] }> {
  const codes = Array.from({ length: RECOVERY_CODES }, randomRecoveryCode);
  const hashes = await Promise.all(codes.map((c) => sha256Hex(normaliseRecoveryCode(c))));
  await ctx.deps.store.transaction(async (tx) => {
    const user = await lockedUser(tx, actor.user.id);
    const mfa = mfaOf(user);
    if (mfa.secret !== null) throw new ApiError('conflict', 'Two-factor sign-in is already set up for you');
    if (mfa.pendingSecret === null) throw new ApiError('conflict', 'Start setting up two-factor sign-in first: no secret is waiting');
    const secret = await decryptSecret(ctx.deps.credentialsKey, mfa.pendingSecret, aadOf(user.id));
    const accepted = acceptedStep(ctx, secret, code, mfa.lastStep);
    if ('refused' in accepted) {
      throw new ApiError('validation_failed', 'The code is not right', {
        code: 'That code is not the one your app shows now: check the app was set up with this secret, and its clock',
      });
    }
    await tx.users.update({
      ...user,
      mfa: {
        secret: mfa.pendingSecret,
        enrolledAt: ctx.now.toISOString(),
        lastStep: accepted.step,
        recoveryHashes: hashes,
        pendingSecret: null,
      },
    });
    await audit(tx, ctx, actor, {
      action: 'user.mfa_enrolled',
      recordType: 'user',
      recordId: user.id,
      summary: `${user.name} set up two-factor sign-in`,
    });
  });
  return { recoveryCodes: codes };
}

/**
 * Spends a sign-in code of a user with two-factor, inside the caller's transaction (which signs them in):
 * a TOTP code of a step after the last one accepted, or an unused recovery code, which is then gone.
 * Answers how, or the refusal.
 */
export async function spendSignInCode(
  ctx: Ctx,
  tx: Tx,
  userId: string,
  code: string,
): Promise<{ used: 'totp' | 'recovery' } | { refused: 'wrong' | 'replay' }> {
  const user = await lockedUser(tx, userId);
  const mfa = mfaOf(user);
  if (mfa.secret === null) return { refused: 'wrong' };
  const secret = await decryptSecret(ctx.deps.credentialsKey, mfa.secret, aadOf(user.id));
  const accepted = acceptedStep(ctx, secret, code, mfa.lastStep);
  if ('step' in accepted) {
    await tx.users.update({ ...user, mfa: { ...mfa, lastStep: accepted.step } });
    return { used: 'totp' };
  }
  if (accepted.refused === 'replay') return accepted;
  const hash = await sha256Hex(normaliseRecoveryCode(code));
  if (!mfa.recoveryHashes.includes(hash)) return { refused: 'wrong' };
  await tx.users.update({ ...user, mfa: { ...mfa, recoveryHashes: mfa.recoveryHashes.filter((h) => h !== hash) } });
  await audit(
    tx,
    ctx,
    { user: { id: user.id, email: user.email, name: user.name, role: user.role }, origin: null },
    {
      action: 'user.recovery_code_used',
      recordType: 'user',
      recordId: user.id,
      summary: `${user.name} signed in with a recovery code (${mfa.recoveryHashes.length - 1} left)`,
    },
  );
  return { used: 'recovery' };
}

function accountOf(caller: Actor['user'], user: UserRecord): UserAccount {
  const target = { id: user.id, status: user.status ?? 'active', mfaEnrolled: mfaEnrolled(user) } as const;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    status: target.status,
    mfaEnrolled: target.mfaEnrolled,
    ssoOnly: user.passwordHash === '',
    actions: decideActions(caller.role, actionPermissions.userAccount, (action) => userAccountRule(caller, target, action)),
  };
}

export async function listUserAccounts(ctx: Ctx, actor: Actor): Promise<{ items: UserAccount[] }> {
  const users = await ctx.deps.store.transaction((tx) => tx.users.list());
  return { items: users.map((u) => accountOf(actor.user, u)) };
}

/** An officer confirms a user made by a first single sign-on, with the role it was given: they may sign in. */
export async function confirmUser(ctx: Ctx, actor: Actor, id: string): Promise<UserAccount> {
  return ctx.deps.store.transaction(async (tx) => {
    const user = await lockedUser(tx, id);
    enforce(userAccountRule(actor.user, { id, status: user.status ?? 'active', mfaEnrolled: mfaEnrolled(user) }, 'confirm'));
    const next: UserRecord = { ...user, status: 'active' };
    await tx.users.update(next);
    await audit(tx, ctx, actor, {
      action: 'user.confirmed',
      recordType: 'user',
      recordId: id,
      summary: `${actor.user.name} confirmed ${user.name} as ${user.role.replace('_', ' ')}`,
      changes: [{ field: 'status', before: 'pending', after: 'active' }],
    });
    return accountOf(actor.user, next);
  });
}

/** An officer removes another user's two-factor (a lost phone): they set it up again at their next sign-in. */
export async function resetUserMfa(ctx: Ctx, actor: Actor, id: string): Promise<UserAccount> {
  return ctx.deps.store.transaction(async (tx) => {
    const user = await lockedUser(tx, id);
    enforce(userAccountRule(actor.user, { id, status: user.status ?? 'active', mfaEnrolled: mfaEnrolled(user) }, 'resetMfa'));
    const next: UserRecord = { ...user, mfa: { ...noMfa, lastStep: mfaOf(user).lastStep } };
    await tx.users.update(next);
    // Their sessions end too: whoever has the lost phone may have signed in with it.
    const ended = await tx.sessions.deleteByUser(id);
    await audit(tx, ctx, actor, {
      action: 'user.mfa_reset',
      recordType: 'user',
      recordId: id,
      summary: `${actor.user.name} reset the two-factor sign-in of ${user.name} (${ended} ${ended === 1 ? 'session' : 'sessions'} ended)`,
    });
    return accountOf(actor.user, next);
  });
}

/**
 * The caller turns their own two-factor off, proving themselves again with their current password or a
 * code the app shows now. A wrong answer counts toward sign-in throttling (the session's address, as a
 * known one), so a session left open is no way round it to guess the password. Sessions stay; audited.
 */
export async function turnOffOwnMfa(ctx: Ctx, actor: Actor, body: TurnOffMfa): Promise<MfaStatus> {
  const { store, passwords } = ctx.deps;
  const keys = throttleKeys(actor.user.email, actor.origin ?? 'an unknown address', true);
  const ruleOf = (user: UserRecord) => turnOffMfaRule(user.role, mfaEnrolled(user), mfaPolicyOf(ctx));
  const user = await store.transaction(async (tx) => {
    const found = await tx.users.get(actor.user.id);
    if (!found) throw notFound('User');
    // A refusal by the rule is no attempt to guess anything: it counts nowhere.
    enforce(ruleOf(found));
    for (const { key, rule } of keys) {
      const claim = await tx.signInThrottle.claim(key, rule, ctx.now.toISOString());
      if (!claim.allowed) throw throttled(claim.retryAt, ctx.now);
    }
    return found;
  });
  const password = body.password || null;
  if (password !== null && !(user.passwordHash !== '' && (await passwords.verify(password, user.passwordHash)))) {
    throw new ApiError('validation_failed', 'The password is not right', { password: 'That is not your current password' });
  }
  const done = await store.transaction(async (tx) => {
    const current = await lockedUser(tx, user.id);
    enforce(ruleOf(current));
    const mfa = mfaOf(current);
    let lastStep = mfa.lastStep;
    if (password === null) {
      const secret = await decryptSecret(ctx.deps.credentialsKey, mfa.secret ?? '', aadOf(current.id));
      const accepted = acceptedStep(ctx, secret, body.code ?? '', mfa.lastStep);
      if ('refused' in accepted) return null;
      lastStep = accepted.step;
    }
    const next: UserRecord = { ...current, mfa: { ...noMfa, lastStep } };
    await tx.users.update(next);
    for (const { key, rule } of keys) await tx.signInThrottle.release(key, rule);
    await audit(tx, ctx, actor, {
      action: 'user.mfa_turned_off',
      recordType: 'user',
      recordId: current.id,
      summary: `${current.name} turned off their two-factor sign-in (confirmed with ${password === null ? 'a code from their app' : 'their password'})`,
    });
    return next;
  });
  if (!done) {
    throw new ApiError('validation_failed', 'The code is not right', {
      code: 'That code is not the one your app shows now (a code already used does not count twice)',
    });
  }
  return mfaStatus(ctx, done);
}
