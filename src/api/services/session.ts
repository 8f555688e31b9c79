import type { SsoRefusal } from '@/api/contract/sso-refusals';
import type { SessionView, SignIn, User } from '@/api/contract/users';
import type { PasswordHasher, SsoClaims } from '@/api/deps';
import { ApiError } from '@/api/errors';
import type { ThrottleClaim } from '@/api/rules/sign-in';
import { KNOWN_ADDRESS_DAYS, throttleKeys } from '@/api/rules/sign-in';
import type { SessionRecord, UserRecord } from '@/api/store/schemas';
import type { Tx } from '@/api/store/store';
import type { Actor, Ctx } from './context';
import { audit, newId } from './context';
import { API_TOKEN_PREFIX } from './api-tokens';
import { randomToken, sha256Hex } from './crypto';
import { mfaEnrolled, mfaSetupRequired, spendSignInCode } from './mfa';

/** A session ends this long after signing in, however busy (the cookie's lifetime too). */
export const SESSION_HOURS = 12;
/** ...and earlier when unused this long (SESSION_IDLE_MINUTES on the server). */
export const DEFAULT_IDLE_MINUTES = 30;
/** Last-seen is written at most this often per session: a write per request would be a write per click. */
const TOUCH_EVERY_MS = 60_000;
const DAY_MS = 86_400_000;

const idleMinutes = (ctx: Ctx) => ctx.deps.sessionIdleMinutes ?? DEFAULT_IDLE_MINUTES;
const invalid = () => new ApiError('unauthenticated', 'The email or password is not right');
const toUser = (r: { id: string; email: string; name: string; role: User['role'] }): User => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
});

/**
 * A hash of a password nobody has, made once per hasher with its own parameters: an unknown email's
 * attempt is checked against it, so it costs the same work as a known one's (no answer by timing). The
 * app makes it when it starts, so not even the first unknown email waits for it.
 */
const dummyHashes = new WeakMap<PasswordHasher, Promise<string>>();
export function dummyHash(passwords: PasswordHasher): Promise<string> {
  let hash = dummyHashes.get(passwords);
  if (!hash) {
    hash = passwords.hash(`no such user ${randomToken()}`);
    dummyHashes.set(passwords, hash);
  }
  return hash;
}

export function throttled(retryAt: string, now: Date): ApiError {
  const seconds = Math.max(1, Math.ceil((new Date(retryAt).getTime() - now.getTime()) / 1000));
  const wait = seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return new ApiError('rate_limited', `Too many failed sign-ins. Try again in ${wait}.`, undefined, seconds);
}

export type Client = { address: string; userAgent: string | null };

/** A sign-in code refused inside the transaction that would have signed in: it rolls that back. */
class CodeRefused extends Error {
  constructor(readonly refused: 'wrong' | 'replay') {
    super(`sign-in code refused (${refused})`);
  }
}

/**
 * Answers the token (to go in a cookie or to the demo client) and the user, or refuses. The attempt is
 * counted first (api/rules/sign-in), then the password is checked, against a dummy hash when the email
 * is unknown; a right password takes its count back. Failures write no audit event each: a counter that
 * reaches its threshold writes one for the account (when it exists), once per counting window.
 */
export async function signIn(ctx: Ctx, input: SignIn, client: Client): Promise<{ token: string; user: User; mfaSetupRequired: boolean }> {
  const email = input.email.trim().toLowerCase();
  const { store, passwords } = ctx.deps;
  const now = ctx.now.toISOString();
  const knownSince = new Date(ctx.now.getTime() - KNOWN_ADDRESS_DAYS * DAY_MS).toISOString();
  const dummy = dummyHash(passwords);

  const { record, known, keys, claims } = await store.transaction(async (tx) => {
    const found = await tx.users.getByEmail(email);
    const known = found ? await tx.knownAddresses.has(found.id, client.address, knownSince) : false;
    const counters = throttleKeys(email, client.address, known);
    const answers: ThrottleClaim[] = [];
    for (const { key, rule } of counters) {
      const claim = await tx.signInThrottle.claim(key, rule, now);
      // Throwing rolls back the counters this attempt already moved: a refused attempt counts nowhere.
      if (!claim.allowed) throw throttled(claim.retryAt, ctx.now);
      answers.push(claim);
    }
    return { record: found, known, keys: counters, claims: answers };
  });

  /** A failed attempt keeps its count; the counter that reaches its threshold writes one event for the account. */
  const fail = async (error: ApiError): Promise<never> => {
    const reached = keys.find((k, i) => k.account && claims[i]?.allowed && claims[i].failures === k.rule.threshold);
    if (record && reached) {
      await store.transaction((tx) =>
        audit(
          tx,
          ctx,
          null,
          {
            action: 'session.sign_in_throttled',
            recordType: 'user',
            recordId: record.id,
            summary: `${reached.rule.threshold} failed sign-ins in a row for ${record.name} (${reached.key.includes(' from unknown') ? 'from addresses they have not signed in from' : `from ${client.address}`}): further attempts wait, longer with each failure`,
          },
          client.address,
        ),
      );
    }
    throw error;
  };

  // A user made by single sign-on has no password (and a pending one may not sign in): the dummy hash is
  // checked for them too, so the answer and its time are those of a wrong password.
  const usable = record !== null && record.passwordHash !== '' && (record.status ?? 'active') === 'active';
  const ok = await passwords.verify(input.password, usable ? record.passwordHash : await dummy);
  if (!record || !usable || !ok) return fail(invalid());

  if (mfaEnrolled(record) && !input.code) {
    // The password was right: this attempt is not a failure, but no session comes without the code.
    await store.transaction(async (tx) => {
      for (const { key, rule } of keys) await tx.signInThrottle.release(key, rule);
    });
    throw new ApiError('validation_failed', 'Enter the code from your authenticator app', {
      code: 'Enter the 6-digit code from your authenticator app, or one of your recovery codes',
    });
  }

  const token = sessionToken();
  const user = toUser(record);
  const setupRequired = mfaSetupRequired(ctx, record, 'password');
  const signedIn = await store
    .transaction(async (tx) => {
      let how = '';
      if (mfaEnrolled(record)) {
        const spent = await spendSignInCode(ctx, tx, record.id, input.code ?? '');
        // Thrown to roll back; a wrong or replayed code counts as a failed sign-in.
        if ('refused' in spent) throw new CodeRefused(spent.refused);
        how = spent.used === 'totp' ? ' with a two-factor code' : ' with a recovery code';
      }
      for (const { key, rule } of keys) {
        // From a known address the owner proved themselves: that counter starts over. Elsewhere only this
        // attempt's count is taken back, so a stranger's failures still count.
        if (known) await tx.signInThrottle.delete(key);
        else await tx.signInThrottle.release(key, rule);
      }
      await startSession(ctx, tx, user, token, client, 'password');
      await audit(
        tx,
        ctx,
        { user, origin: client.address },
        { action: 'session.sign_in', recordType: 'session', recordId: user.id, summary: `${user.name} signed in${how}` },
      );
      return true;
    })
    .catch((error: unknown) => {
      if (error instanceof CodeRefused) return error.refused;
      throw error;
    });
  if (signedIn === 'replay')
    return fail(new ApiError('unauthenticated', 'That code was used already: wait for the next one your app shows'));
  if (signedIn === 'wrong') return fail(new ApiError('unauthenticated', 'The code is not right'));
  return { token, user, mfaSetupRequired: setupRequired };
}

async function startSession(ctx: Ctx, tx: Tx, user: User, token: string, client: Client, method: 'password' | 'sso'): Promise<void> {
  const now = ctx.now.toISOString();
  await tx.knownAddresses.remember(user.id, client.address, now);
  await tx.sessions.insert({
    id: newId('ses'),
    tokenHash: await sha256Hex(token),
    userId: user.id,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(ctx.now.getTime() + SESSION_HOURS * 3_600_000).toISOString(),
    address: client.address,
    userAgent: client.userAgent?.slice(0, 200) ?? null,
    method,
  });
}

/**
 * A single sign-on that came back from the identity provider with its claims checked (state, nonce, PKCE:
 * server/oidc.ts): the console user with that verified email signs in, with the role the console gives
 * them. An unknown email is refused, or (OIDC_CREATE_USERS) becomes a pending user for an officer to
 * confirm. Every sign-in and every refusal is audited.
 */
export async function ssoSignIn(
  ctx: Ctx,
  claims: SsoClaims,
  client: Client,
): Promise<{ ok: true; token: string; user: User } | { ok: false; reason: SsoRefusal }> {
  const sso = ctx.deps.sso;
  const provider = sso?.name ?? 'the identity provider';
  return ctx.deps.store.transaction(async (tx) => {
    const refuse = async (reason: SsoRefusal, summary: string, recordId = 'sso', recordType: 'session' | 'user' = 'session') => {
      await audit(tx, ctx, null, { action: 'session.sso_refused', recordType, recordId, summary }, client.address);
      return { ok: false as const, reason };
    };
    const email = claims.email?.trim().toLowerCase() ?? '';
    if (!email || !claims.emailVerified) {
      return refuse('unverified', `Single sign-on through ${provider} refused: the provider has not verified the email address`);
    }
    const record = await tx.users.getByEmail(email);
    if (!record) {
      if (!sso?.createRole) return refuse('unknown', `Single sign-on through ${provider} refused: no console user has the email ${email}`);
      const created: UserRecord = {
        id: newId('usr'),
        email,
        name: claims.name?.trim().slice(0, 200) || email,
        role: sso.createRole,
        passwordHash: '',
        createdAt: ctx.now.toISOString(),
        status: 'pending',
      };
      await tx.users.insert(created);
      await audit(
        tx,
        ctx,
        null,
        {
          action: 'user.created_by_sso',
          recordType: 'user',
          recordId: created.id,
          summary: `${created.name} signed in through ${provider} for the first time: made a ${created.role.replace('_', ' ')}, waiting for an officer to confirm`,
        },
        client.address,
      );
      return { ok: false as const, reason: 'created' as const };
    }
    if ((record.status ?? 'active') === 'pending') {
      return refuse('pending', `Single sign-on of ${record.name} refused: waiting for an officer to confirm them`, record.id, 'user');
    }
    const token = sessionToken();
    const user = toUser(record);
    await startSession(ctx, tx, user, token, client, 'sso');
    await audit(
      tx,
      ctx,
      { user, origin: client.address },
      { action: 'session.sign_in_sso', recordType: 'session', recordId: user.id, summary: `${user.name} signed in through ${provider}` },
    );
    return { ok: true as const, token, user };
  });
}

/** A single sign-on refused before any user was named (state, or the provider's answer): audited too. */
export async function ssoRefused(ctx: Ctx, reason: 'state' | 'provider', client: Client): Promise<void> {
  const provider = ctx.deps.sso?.name ?? 'the identity provider';
  const why =
    reason === 'state'
      ? 'its state did not match this browser’s, or it had expired'
      : 'the provider refused the code (wrong, expired or used already)';
  await ctx.deps.store.transaction((tx) =>
    audit(
      tx,
      ctx,
      null,
      {
        action: 'session.sso_refused',
        recordType: 'session',
        recordId: 'sso',
        summary: `Single sign-on through ${provider} refused: ${why}`,
      },
      client.address,
    ),
  );
}

/**
 * A session's secret: random, and never one an API token's prefix would claim (the demo carries both in
 * `Authorization: Bearer`, and a `pct_` one is read as an API token).
 */
function sessionToken(): string {
  for (;;) {
    const token = randomToken();
    if (!token.startsWith(API_TOKEN_PREFIX)) return token;
  }
}

/** Whether a session has ended at `now`: its absolute lifetime is over, or it was idle too long. */
function ended(ctx: Ctx, session: SessionRecord): boolean {
  return new Date(session.expiresAt) <= ctx.now || new Date(session.lastSeenAt).getTime() + idleMinutes(ctx) * 60_000 <= ctx.now.getTime();
}

/** The user a session token names and its session, or null when it is unknown or has ended. Marks it used. */
export async function authenticate(
  ctx: Ctx,
  token: string,
): Promise<{ user: User; session: SessionRecord; mfaSetupRequired: boolean } | null> {
  const tokenHash = await sha256Hex(token);
  return ctx.deps.store.transaction(async (tx) => {
    const session = await tx.sessions.get(tokenHash);
    if (!session) return null;
    if (ended(ctx, session)) {
      await tx.sessions.delete(tokenHash);
      return null;
    }
    const record = await tx.users.get(session.userId);
    if (!record || (record.status ?? 'active') !== 'active') return null;
    if (ctx.now.getTime() - new Date(session.lastSeenAt).getTime() >= TOUCH_EVERY_MS) {
      await tx.sessions.touch(tokenHash, ctx.now.toISOString());
    }
    return { user: toUser(record), session, mfaSetupRequired: mfaSetupRequired(ctx, record, session.method) };
  });
}

export async function signOut(ctx: Ctx, actor: Actor, token: string): Promise<void> {
  const tokenHash = await sha256Hex(token);
  await ctx.deps.store.transaction(async (tx) => {
    await tx.sessions.delete(tokenHash);
    await audit(tx, ctx, actor, {
      action: 'session.sign_out',
      recordType: 'session',
      recordId: actor.user.id,
      summary: `${actor.user.name} signed out`,
    });
  });
}

/** The caller's own sessions that have not ended, newest first, the one making the call marked. */
export async function listSessions(ctx: Ctx, actor: Actor, current: SessionRecord): Promise<SessionView[]> {
  const sessions = await ctx.deps.store.transaction((tx) => tx.sessions.listByUser(actor.user.id));
  return sessions
    .filter((s) => !ended(ctx, s))
    .map((s) => ({
      id: s.id,
      createdAt: s.createdAt,
      lastSeenAt: s.id === current.id ? ctx.now.toISOString() : s.lastSeenAt,
      expiresAt: s.expiresAt,
      idleEndsAt: new Date(new Date(s.id === current.id ? ctx.now : s.lastSeenAt).getTime() + idleMinutes(ctx) * 60_000).toISOString(),
      address: s.address,
      userAgent: s.userAgent,
      current: s.id === current.id,
    }));
}

/** Ends one of the caller's own sessions; another user's, or none, is a 404 (never a hint that it exists). */
export async function endSession(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  await ctx.deps.store.transaction(async (tx) => {
    if (!(await tx.sessions.deleteById(actor.user.id, id))) throw new ApiError('not_found', 'You have no session with that id');
    await audit(tx, ctx, actor, {
      action: 'session.end',
      recordType: 'session',
      recordId: actor.user.id,
      summary: `${actor.user.name} ended one of their sessions`,
    });
  });
}

/** Ends every session of the caller, this one included. */
export async function signOutEverywhere(ctx: Ctx, actor: Actor): Promise<number> {
  return ctx.deps.store.transaction(async (tx) => {
    const count = await tx.sessions.deleteByUser(actor.user.id);
    await audit(tx, ctx, actor, {
      action: 'session.sign_out_everywhere',
      recordType: 'session',
      recordId: actor.user.id,
      summary: `${actor.user.name} signed out everywhere (${count} ${count === 1 ? 'session' : 'sessions'})`,
    });
    return count;
  });
}

/** The sweep's part: forget ended sessions and quiet sign-in counters. */
export async function pruneSessions(ctx: Ctx): Promise<void> {
  const now = ctx.now.toISOString();
  const idleBefore = new Date(ctx.now.getTime() - idleMinutes(ctx) * 60_000).toISOString();
  await ctx.deps.store.transaction(async (tx) => {
    await tx.sessions.prune(now, idleBefore);
    await tx.signInThrottle.prune(new Date(ctx.now.getTime() - DAY_MS).toISOString());
  });
}
