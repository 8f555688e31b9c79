import type { SignIn, User } from '@/api/contract/users';
import { ApiError } from '@/api/errors';
import type { Actor, Ctx } from './context';
import { audit } from './context';
import { randomToken, sha256Hex } from './crypto';

export const SESSION_HOURS = 12;
/** After this many failures in a row an email is slowed down... */
export const SLOW_AFTER_FAILURES = 3;
/** ...and after this many it is locked out for LOCK_MINUTES. */
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MINUTES = 15;
const SLOWDOWN_MS = 400;

const invalid = () => new ApiError('unauthenticated', 'The email or password is not right');

/** Answers the token (to go in a cookie or to the demo client) and the user, or refuses. */
export async function signIn(ctx: Ctx, input: SignIn, origin: string | null): Promise<{ token: string; user: User }> {
  const email = input.email.trim().toLowerCase();
  const { store, passwords } = ctx.deps;
  const attempts = await store.transaction((tx) => tx.signInAttempts.get(email));
  if (attempts?.lockedUntil && new Date(attempts.lockedUntil) > ctx.now) {
    throw new ApiError(
      'rate_limited',
      `Too many failed sign-ins for this email. Try again after ${attempts.lockedUntil.slice(11, 16)} UTC.`,
    );
  }
  if (attempts && attempts.failures >= SLOW_AFTER_FAILURES) {
    await new Promise((resolve) => setTimeout(resolve, SLOWDOWN_MS));
  }
  const record = await store.transaction((tx) => tx.users.getByEmail(email));
  const ok = record ? await passwords.verify(input.password, record.passwordHash) : false;
  if (!record || !ok) {
    await store.transaction(async (tx) => {
      const current = await tx.signInAttempts.get(email);
      const failures = (current?.failures ?? 0) + 1;
      const lockedUntil = failures >= LOCK_AFTER_FAILURES ? new Date(ctx.now.getTime() + LOCK_MINUTES * 60_000).toISOString() : null;
      await tx.signInAttempts.put({ email, failures, lastFailureAt: ctx.now.toISOString(), lockedUntil });
      await audit(tx, ctx, null, {
        action: 'session.sign_in_failed',
        recordType: 'session',
        recordId: email,
        summary: `Failed sign-in for ${email}${lockedUntil ? '; locked for 15 minutes' : ''}`,
      });
    });
    throw invalid();
  }
  const token = randomToken();
  const user: User = { id: record.id, email: record.email, name: record.name, role: record.role };
  await store.transaction(async (tx) => {
    await tx.signInAttempts.delete(email);
    await tx.sessions.insert({
      tokenHash: await sha256Hex(token),
      userId: user.id,
      createdAt: ctx.now.toISOString(),
      expiresAt: new Date(ctx.now.getTime() + SESSION_HOURS * 3_600_000).toISOString(),
    });
    await audit(
      tx,
      ctx,
      { user, origin },
      { action: 'session.sign_in', recordType: 'session', recordId: user.id, summary: `${user.name} signed in` },
    );
  });
  return { token, user };
}

/** The user a session token names, or null when it is unknown or expired. */
export async function authenticate(ctx: Ctx, token: string): Promise<User | null> {
  const tokenHash = await sha256Hex(token);
  return ctx.deps.store.transaction(async (tx) => {
    const session = await tx.sessions.get(tokenHash);
    if (!session || new Date(session.expiresAt) <= ctx.now) return null;
    const record = await tx.users.get(session.userId);
    return record ? { id: record.id, email: record.email, name: record.name, role: record.role } : null;
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
