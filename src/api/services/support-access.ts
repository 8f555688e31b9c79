import type { Page } from '@/api/contract/common';
import type { ConsentChannel } from '@/api/contract/consent';
import type {
  AccessStatus,
  CreateSupportAccess,
  SupportAccessQuery,
  SupportAccessRequest,
  SupportAccessRequestView,
} from '@/api/contract/support-access';
import { ApiError } from '@/api/errors';
import { accessDecideBy } from '@/api/rules/deadlines';
import { roleHas } from '@/api/rules/permissions';
import {
  accessAccountRefusal,
  accessActionBlocker,
  effectiveAccessStatus,
  lapsedStatus,
  supportAccessActions,
} from '@/api/rules/support-access';
import { addHours } from '@/api/rules/time';
import { newSupportAccessRecord } from '@/api/records';
import { isUniqueViolation, VersionConflictError } from '@/api/store/errors';
import type { SupportAccessRecord } from '@/api/store/schemas';
import type { SupportAccessListQuery, Tx } from '@/api/store/store';
import type { Actor, Ctx } from './context';
import { audit, calendarRange, checkVersion, enforce, newId, notFound } from './context';
import { decryptSecret, encryptSecret } from './crypto';

/** The request without its secret, its status as of `now`: what the rules decide on. */
function toFacts(r: SupportAccessRecord, now: Date): SupportAccessRequest {
  const { credentials, ...rest } = r;
  return { ...rest, status: effectiveAccessStatus(r, now), hasCredentials: credentials !== null };
}

/**
 * A request as the caller is answered it. The sweep has stored every lapse by the time anything is read;
 * the status is still taken from the rule, so no answer can show a request the clock has ended as open.
 */
function toView(ctx: Ctx, actor: Actor, r: SupportAccessRecord): SupportAccessRequestView {
  const facts = toFacts(r, ctx.now);
  return { ...facts, actions: supportAccessActions(facts, actor.user, ctx.now) };
}

function entry(ctx: Ctx, actor: Actor | null, action: string, note: string | null = null) {
  return { at: ctx.now.toISOString(), actorId: actor?.user.id ?? null, actorName: actor?.user.name ?? 'System', action, note };
}

/**
 * Expiry is decided by the server's clock on every request: before anything reads or acts on support
 * access, requests past their decision window expire and grants past their end close, their stored
 * login details destroyed. Idempotent, so any number of server instances may run it.
 */
export async function sweepLapsed(ctx: Ctx): Promise<void> {
  const now = ctx.now.toISOString();
  const lapsed = await ctx.deps.store.transaction((tx) => tx.supportAccess.listLapsed(now));
  if (lapsed.length === 0) return;
  await ctx.deps.store.transaction(async (tx) => {
    for (const stale of await tx.supportAccess.listLapsed(now)) {
      const status = lapsedStatus(stale, ctx.now);
      if (!status) continue;
      const at = status === 'expired' ? stale.decideBy : (stale.grantEndsAt ?? now);
      const next: SupportAccessRecord = {
        ...stale,
        status,
        version: stale.version + 1,
        credentials: null,
        endedAt: at,
        endReason: status === 'expired' ? 'Not decided within 12 hours' : 'The grant ran its time',
        timeline: [
          ...stale.timeline,
          { ...entry(ctx, null, status === 'expired' ? 'Expired undecided' : 'Grant ended'), at },
          ...(stale.credentials ? [{ ...entry(ctx, null, 'Login details destroyed; ask the customer to reset the password'), at }] : []),
        ],
      };
      try {
        await tx.supportAccess.update(next, stale.version);
      } catch (error) {
        // Another instance swept it first.
        if (error instanceof VersionConflictError) continue;
        throw error;
      }
      await audit(tx, ctx, null, {
        action: `support_access.${status}`,
        recordType: 'support_access_request',
        recordId: stale.id,
        summary: `${status === 'expired' ? 'Expired undecided' : 'Grant ended'}: ${stale.accountName}, ticket ${stale.ticketRef}`,
        changes: [{ field: 'status', before: stale.status, after: status }],
      });
    }
  });
}

export async function listSupportAccess(ctx: Ctx, actor: Actor, query: SupportAccessQuery): Promise<Page<SupportAccessRequestView>> {
  await sweepLapsed(ctx);
  // Support agents follow their own requests; officers and auditors see all.
  const { endingWithinHours, from, to, ...filters } = roleHas(actor.user.role, 'access.read_all')
    ? query
    : { ...query, requesterId: actor.user.id };
  const { since, before } = calendarRange(ctx, { from, to });
  const rest: SupportAccessListQuery = { ...filters, createdSince: since, createdBefore: before };
  const scoped: SupportAccessListQuery =
    endingWithinHours === undefined
      ? rest
      : {
          ...rest,
          // Ending within the hours means still running now: active, and not past its end.
          status: rest.status?.length ? rest.status.filter((s) => s === 'active') : ['active'],
          grantEndsAfter: ctx.now.toISOString(),
          grantEndsBefore: addHours(ctx.now, endingWithinHours).toISOString(),
        };
  if (scoped.status?.length === 0) return { items: [], nextCursor: null, total: 0 };
  const page = await ctx.deps.store.transaction((tx) => tx.supportAccess.list(scoped));
  return { ...page, items: page.items.map((r) => toView(ctx, actor, r)) };
}

async function load(tx: Tx, actor: Actor, id: string): Promise<SupportAccessRecord> {
  const r = await tx.supportAccess.get(id);
  if (!r) throw notFound('Support-access request');
  if (!roleHas(actor.user.role, 'access.read_all') && r.requesterId !== actor.user.id) {
    throw new ApiError('forbidden', 'Support agents see only their own requests');
  }
  return r;
}

export async function getSupportAccess(ctx: Ctx, actor: Actor, id: string): Promise<SupportAccessRequestView> {
  await sweepLapsed(ctx);
  return toView(ctx, actor, await ctx.deps.store.transaction((tx) => load(tx, actor, id)));
}

export async function createSupportAccess(
  ctx: Ctx,
  actor: Actor,
  input: CreateSupportAccess & { durationHours: number },
): Promise<SupportAccessRequestView> {
  await sweepLapsed(ctx);
  const record = await ctx.deps.store.transaction(async (tx) => {
    const account = await tx.accounts.get(input.accountId);
    if (!account) throw new ApiError('validation_failed', 'No such account', { accountId: 'Unknown account' });
    const refusal = accessAccountRefusal(account);
    if (refusal) throw new ApiError('validation_failed', refusal.reason, { accountId: refusal.field });
    const open = await tx.supportAccess.findOpen(account.id, actor.user.id);
    if (open) throw alreadyOpen(account.name, open.id);
    const now = ctx.now.toISOString();
    const r = newSupportAccessRecord({
      id: newId('sar'),
      accountId: account.id,
      accountName: account.name,
      requesterId: actor.user.id,
      requesterName: actor.user.name,
      ticketRef: input.ticketRef,
      reason: input.reason,
      scope: input.scope,
      durationHours: input.durationHours,
      createdAt: now,
      decideBy: accessDecideBy(ctx.now).toISOString(),
      timeline: [entry(ctx, actor, 'Requested', input.reason)],
    });
    try {
      await tx.supportAccess.insert(r);
    } catch (error) {
      // Another request of this agent for this account landed since findOpen: the store's rule holds.
      if (isUniqueViolation(error, 'open_support_access')) throw alreadyOpen(account.name, null);
      throw error;
    }
    await audit(tx, ctx, actor, {
      action: 'support_access.create',
      recordType: 'support_access_request',
      recordId: r.id,
      summary: `Asked for ${input.scope === 'read' ? 'read-only' : 'read and write'} access to ${account.name} for ${input.durationHours} h (ticket ${input.ticketRef})`,
    });
    return r;
  });
  return toView(ctx, actor, record);
}

function alreadyOpen(accountName: string, id: string | null): ApiError {
  return new ApiError('conflict', `You already have an open request for ${accountName}${id ? ` (${id})` : ''}`);
}

type ActionInput =
  | { action: 'consent'; personId: string; givenAt: string; channel: ConsentChannel; quote: string }
  | { action: 'credentials'; username: string; password: string }
  | { action: 'approve' }
  | { action: 'deny' | 'revoke' | 'withdrawConsent'; reason: string }
  | { action: 'cancel' };

const auditAction: Record<ActionInput['action'], string> = {
  consent: 'support_access.consent',
  credentials: 'support_access.credentials',
  approve: 'support_access.approve',
  deny: 'support_access.deny',
  revoke: 'support_access.revoke',
  withdrawConsent: 'support_access.withdraw_consent',
  cancel: 'support_access.cancel',
};

/** Every transition of a request: checked against the state machine, versioned, timelined and audited. */
export async function actOnSupportAccess(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: ActionInput,
): Promise<SupportAccessRequestView> {
  await sweepLapsed(ctx);
  const record = await ctx.deps.store.transaction(async (tx) => {
    const current = await load(tx, actor, id);
    checkVersion(version, current.version);
    enforce(accessActionBlocker(toFacts(current, ctx.now), input.action, actor.user, ctx.now));
    const now = ctx.now.toISOString();
    let next: SupportAccessRecord = { ...current, version: current.version + 1 };
    let summary: string;
    let status: AccessStatus = current.status;
    switch (input.action) {
      case 'consent': {
        const person = await tx.subjects.get(input.personId);
        if (!person || person.accountId !== current.accountId) {
          throw new ApiError('validation_failed', 'The person who consented must be a person of this account', {
            personId: 'Not a person of this account',
          });
        }
        if (new Date(input.givenAt) > ctx.now) {
          throw new ApiError('validation_failed', 'Consent cannot be given in the future', { givenAt: 'Must not be in the future' });
        }
        next.consent = {
          personId: person.id,
          personName: person.name ?? person.id,
          givenAt: input.givenAt,
          channel: input.channel,
          quote: input.quote,
          recordedBy: actor.user.id,
          recordedAt: now,
        };
        next.timeline = [...current.timeline, entry(ctx, actor, `Customer consent recorded (${person.name ?? person.id})`, input.quote)];
        summary = `Recorded ${person.name ?? person.id}'s explicit consent`;
        break;
      }
      case 'credentials':
        next.credentials = await encryptSecret(
          ctx.deps.credentialsKey,
          JSON.stringify({ username: input.username, password: input.password }),
          current.id,
        );
        next.timeline = [...current.timeline, entry(ctx, actor, 'Login details attached (stored encrypted)')];
        summary = 'Attached login details (stored encrypted)';
        break;
      case 'approve': {
        const ends = addHours(ctx.now, current.durationHours).toISOString();
        status = 'active';
        next = {
          ...next,
          status,
          decidedBy: actor.user.id,
          decidedByName: actor.user.name,
          decidedAt: now,
          grantStartsAt: now,
          grantEndsAt: ends,
        };
        next.timeline = [...current.timeline, entry(ctx, actor, `Approved; access until ${ends}`)];
        summary = `Approved access to ${current.accountName} until ${ends}`;
        break;
      }
      case 'deny':
        status = 'denied';
        next = {
          ...next,
          status,
          decidedBy: actor.user.id,
          decidedByName: actor.user.name,
          decidedAt: now,
          denialReason: input.reason,
          credentials: null,
          endedAt: now,
        };
        next.timeline = [...current.timeline, entry(ctx, actor, 'Denied', input.reason)];
        summary = `Denied access to ${current.accountName}`;
        break;
      case 'revoke':
      case 'withdrawConsent':
        status = input.action === 'revoke' ? 'revoked' : 'withdrawn';
        next = { ...next, status, credentials: null, endedAt: now, endReason: input.reason };
        next.timeline = [
          ...current.timeline,
          entry(ctx, actor, input.action === 'revoke' ? 'Revoked' : 'Customer withdrew consent', input.reason),
          ...(current.credentials ? [entry(ctx, actor, 'Login details destroyed; ask the customer to reset the password')] : []),
        ];
        summary =
          input.action === 'revoke'
            ? `Revoked access to ${current.accountName}`
            : `Recorded the customer's withdrawal of consent for ${current.accountName}`;
        break;
      case 'cancel':
        status = 'cancelled';
        next = { ...next, status, credentials: null, endedAt: now, endReason: 'Cancelled by the requester' };
        next.timeline = [...current.timeline, entry(ctx, actor, 'Cancelled')];
        summary = `Cancelled the request for ${current.accountName}`;
        break;
    }
    await tx.supportAccess.update(next, current.version);
    await audit(tx, ctx, actor, {
      action: auditAction[input.action],
      recordType: 'support_access_request',
      recordId: current.id,
      summary,
      changes: status !== current.status ? [{ field: 'status', before: current.status, after: status }] : [],
    });
    return next;
  });
  return toView(ctx, actor, record);
}

/** Only the requesting agent, only during an active grant; every reveal is audited. */
export async function revealCredentials(
  ctx: Ctx,
  actor: Actor,
  id: string,
): Promise<{ username: string; password: string; grantEndsAt: string }> {
  await sweepLapsed(ctx);
  return ctx.deps.store.transaction(async (tx) => {
    const r = await load(tx, actor, id);
    enforce(accessActionBlocker(toFacts(r, ctx.now), 'reveal', actor.user, ctx.now));
    // The rule has checked both; the compiler cannot see it.
    if (!r.credentials || !r.grantEndsAt) throw new ApiError('conflict', 'No login details are attached to this request');
    const secret: unknown = JSON.parse(await decryptSecret(ctx.deps.credentialsKey, r.credentials, r.id));
    if (!secret || typeof secret !== 'object' || !('username' in secret) || !('password' in secret)) {
      throw new Error('Stored login details are malformed');
    }
    await audit(tx, ctx, actor, {
      action: 'support_access.reveal',
      recordType: 'support_access_request',
      recordId: r.id,
      summary: `Revealed the login details of ${r.accountName}`,
    });
    return { username: String(secret.username), password: String(secret.password), grantEndsAt: r.grantEndsAt };
  });
}
