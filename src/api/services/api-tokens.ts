import type {
  ApiTokenView,
  CreateApiToken,
  CreatedApiToken,
  MachineCancellation,
  MachineCancellationAnswer,
  MachineConsentAnswer,
  MachineConsentEvent,
} from '@/api/contract/api-tokens';
import { machineCancellationAnswer, machineConsentAnswer } from '@/api/contract/api-tokens';
import { endpoints } from '@/api/contract/endpoints';
import { ApiError } from '@/api/errors';
import { decideActions } from '@/api/rules/actions';
import { apiTokenStatus, revokeBlocker } from '@/api/rules/api-tokens';
import { roleHas } from '@/api/rules/permissions';
import { isUniqueViolation } from '@/api/store/errors';
import type { ApiTokenRecord } from '@/api/store/schemas';
import type { Tx } from '@/api/store/store';
import { writeConsentEvent } from './consent';
import type { Actor, Ctx } from './context';
import { dayInWords } from '@/api/rules/time';
import { audit, canonical, enforce, newId, notFound } from './context';
import { randomToken, sha256Hex } from './crypto';
import { cancelAccountIn } from './deletions';

/** Every API token's secret starts so: the app tells it from a session token by it. */
export const API_TOKEN_PREFIX = 'pct_';
const DAY_MS = 86_400_000;

const revokePermission = { revoke: endpoints.revokeApiToken.permission } as const;

function present(ctx: Ctx, actor: Actor, t: ApiTokenRecord): ApiTokenView {
  return {
    id: t.id,
    name: t.name,
    scope: t.scope,
    status: apiTokenStatus(t, ctx.now),
    createdAt: t.createdAt,
    createdBy: t.createdBy,
    expiresAt: t.expiresAt,
    revokedAt: t.revokedAt,
    lastUsedAt: t.lastUsedAt,
    prefix: t.prefix,
    actions: decideActions(actor.user.role, revokePermission, () => revokeBlocker(t, ctx.now)),
  };
}

export async function listApiTokens(ctx: Ctx, actor: Actor): Promise<{ items: ApiTokenView[] }> {
  const tokens = await ctx.deps.store.transaction((tx) => tx.apiTokens.list());
  return { items: tokens.map((t) => present(ctx, actor, t)) };
}

/** A new token: its secret is answered once and kept only as its SHA-256. */
export async function createApiToken(ctx: Ctx, actor: Actor, input: CreateApiToken): Promise<CreatedApiToken> {
  const beyond = input.scope.filter((p) => !roleHas(actor.user.role, p));
  if (beyond.length > 0) {
    throw new ApiError('validation_failed', 'A token may not do more than the officer who makes it', {
      scope: `Your role does not have ${beyond.join(', ')}`,
    });
  }
  const secret = `${API_TOKEN_PREFIX}${randomToken()}`;
  const record: ApiTokenRecord = {
    id: newId('tok'),
    name: input.name,
    scope: [...new Set(input.scope)],
    tokenHash: await sha256Hex(secret),
    prefix: secret.slice(0, API_TOKEN_PREFIX.length + 6),
    createdAt: ctx.now.toISOString(),
    createdBy: { id: actor.user.id, name: actor.user.name, role: actor.user.role },
    expiresAt: new Date(ctx.now.getTime() + input.expiresInDays * DAY_MS).toISOString(),
    revokedAt: null,
    lastUsedAt: null,
    version: 1,
  };
  await ctx.deps.store.transaction(async (tx) => {
    await tx.apiTokens.insert(record);
    await audit(tx, ctx, actor, {
      action: 'api_token.create',
      recordType: 'api_token',
      recordId: record.id,
      summary: `Created the API token ${record.name} (${record.scope.join(', ')}), valid until ${dayInWords(record.expiresAt, ctx.timeZone)}`,
    });
  });
  return { token: present(ctx, actor, record), secret };
}

export async function revokeApiToken(ctx: Ctx, actor: Actor, id: string): Promise<ApiTokenView> {
  return ctx.deps.store.transaction(async (tx) => {
    const token = await tx.apiTokens.get(id);
    if (!token) throw notFound('API token');
    enforce(revokeBlocker(token, ctx.now));
    const next: ApiTokenRecord = { ...token, revokedAt: ctx.now.toISOString(), version: token.version + 1 };
    await tx.apiTokens.update(next, token.version);
    await audit(tx, ctx, actor, {
      action: 'api_token.revoke',
      recordType: 'api_token',
      recordId: token.id,
      summary: `Revoked the API token ${token.name}`,
      changes: [{ field: 'revokedAt', before: null, after: next.revokedAt }],
    });
    return present(ctx, actor, next);
  });
}

/**
 * The actor a bearer API token stands for, or null when the secret names no working token (unknown,
 * expired, revoked). Each use moves the token's last use on.
 */
export async function apiTokenActor(ctx: Ctx, secret: string, origin: string | null): Promise<Actor | null> {
  const tokenHash = await sha256Hex(secret);
  return ctx.deps.store.transaction(async (tx) => {
    const token = await tx.apiTokens.getByHash(tokenHash);
    if (!token || apiTokenStatus(token, ctx.now) !== 'active') return null;
    // The token may do no more than its creator may do now: a creator removed, unconfirmed or given another
    // role takes the token's rights along (the role kept on the token is only who made it).
    const creator = await tx.users.get(token.createdBy.id);
    if (!creator || (creator.status ?? 'active') !== 'active') return null;
    await tx.apiTokens.touch(token.id, ctx.now.toISOString());
    return {
      // No mailbox: the token is named by its id, never by a person's address.
      user: { id: token.id, email: `${token.id}@api-token.invalid`, name: `API token ${token.name}`, role: creator.role },
      origin,
      token: { id: token.id, scope: token.scope },
    };
  });
}

/**
 * Runs a machine client's report once per `key`: a repeat with the same body answers what the first
 * answered; another body under the same key is a 409. Two concurrent first reports (two instances) meet at
 * the key's primary key: the loser's transaction rolls back and it answers the winner's answer.
 */
async function once<T extends Record<string, unknown>>(
  ctx: Ctx,
  actor: Actor,
  key: string,
  body: unknown,
  parse: (answer: unknown) => T,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  const bodyHash = await sha256Hex(canonical(body));
  const attempt = () =>
    ctx.deps.store.transaction(async (tx) => {
      const seen = await tx.machineRequests.get(key);
      if (seen) {
        if (seen.bodyHash !== bodyHash) {
          throw new ApiError('conflict', 'This id was reported before with different content; a report cannot be changed');
        }
        return parse(seen.answer);
      }
      const answer = await work(tx);
      await tx.machineRequests.insert({ key, bodyHash, answer, tokenId: actor.token?.id ?? null, createdAt: ctx.now.toISOString() });
      return answer;
    });
  try {
    return await attempt();
  } catch (err) {
    if (isUniqueViolation(err, 'key') && err.table === 'machineRequests') return attempt();
    throw err;
  }
}

export async function machineConsentEvent(ctx: Ctx, actor: Actor, input: MachineConsentEvent): Promise<MachineConsentAnswer> {
  return once(
    ctx,
    actor,
    `consent:${input.eventId}`,
    input,
    (a) => machineConsentAnswer.parse(a),
    async (tx) => {
      const e = await writeConsentEvent(tx, ctx, actor, {
        subjectId: input.subjectId,
        purpose: input.purpose,
        action: input.action,
        channel: input.channel,
        occurredAt: input.occurredAt,
        note: input.note || `Reported by ${actor.user.name} as event ${input.eventId}`,
      });
      return {
        id: e.id,
        eventId: input.eventId,
        subjectId: e.subjectId,
        purpose: e.purpose,
        action: e.action,
        occurredAt: e.occurredAt,
        recordedAt: e.recordedAt,
      };
    },
  );
}

export async function machineCancellation(ctx: Ctx, actor: Actor, input: MachineCancellation): Promise<MachineCancellationAnswer> {
  const cancelledAt = input.cancelledAt ?? ctx.now.toISOString();
  if (new Date(cancelledAt) > ctx.now) {
    throw new ApiError('validation_failed', 'A cancellation cannot be in the future', { cancelledAt: 'Must not be in the future' });
  }
  // Without `cancelledAt` a repeat must still match: the body compared is the one sent.
  return once(
    ctx,
    actor,
    `cancellation:${input.externalId}`,
    input,
    (a) => machineCancellationAnswer.parse(a),
    async (tx) => {
      const { deletionRequest } = await cancelAccountIn(tx, ctx, actor, input.accountId, cancelledAt);
      return {
        externalId: input.externalId,
        accountId: input.accountId,
        cancelledAt,
        deletionRequestId: deletionRequest.id,
        dueAt: deletionRequest.dueAt,
      };
    },
  );
}
