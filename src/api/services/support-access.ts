import type { AuditAction } from '@/api/contract/audit-actions';
import type { Page } from '@/api/contract/common';
import type {
  AccessStatus,
  CreateSupportAccess,
  PublicAccessPage,
  PublicConsent,
  SupportAccessListItem,
  SupportAccessQuery,
  SupportAccessRequest,
  SupportAccessRequestView,
} from '@/api/contract/support-access';
import { supportAccessListItem } from '@/api/contract/support-access';
import { listedFields } from './list-items';
import { ApiError } from '@/api/errors';
import { accessDecideBy } from '@/api/rules/deadlines';
import { roleHas } from '@/api/rules/permissions';
import {
  accessAccountRefusal,
  accessActionBlocker,
  accessWaitingFor,
  effectiveAccessStatus,
  lapsedStatus,
  supportAccessActions,
} from '@/api/rules/support-access';
import { addHours, instantInWords } from '@/api/rules/time';
import { newSupportAccessRecord } from '@/api/records';
import { isUniqueViolation, VersionConflictError } from '@/api/store/errors';
import type { SupportAccessLinkRecord, SupportAccessRecord } from '@/api/store/schemas';
import type { SupportAccessListQuery, Tx } from '@/api/store/store';
import type { Actor, Ctx } from './context';
import { audit, calendarRange, checkVersion, enforce, newId, notFound } from './context';
import { openWithDataKey, randomToken, sealWithDataKey, sha256Hex } from './crypto';
import { queueMail } from './mail';
import { mailAwaitingApproval } from './mail-preferences';

/** A grant's end, sent when it is approved, due at its end: the grant ends then, by the server's clock. */
export const ACCESS_END_QUEUE = 'support-access.end';
/** Rewrites the secrets table after login details were destroyed, so no old page keeps them. */
export const ACCESS_SHRED_QUEUE = 'support-access.shred';

/** The request with its status as of `now`: what the rules decide on. */
function toFacts(r: SupportAccessRecord, now: Date): SupportAccessRequest {
  return { ...r, status: effectiveAccessStatus(r, now) };
}

/**
 * A request as the caller is answered it. The sweep has stored every lapse by the time anything is read;
 * the status is still taken from the rule, so no answer can show a request the clock has ended as open.
 */
function toView(ctx: Ctx, actor: Actor, r: SupportAccessRecord): SupportAccessRequestView {
  const facts = toFacts(r, ctx.now);
  return { ...facts, waitingFor: accessWaitingFor(facts, ctx.now), actions: supportAccessActions(facts, actor.user, ctx.now) };
}

function entry(ctx: Ctx, actor: Actor | null, action: string, note: string | null = null) {
  return { at: ctx.now.toISOString(), actorId: actor?.user.id ?? null, actorName: actor?.user.name ?? 'System', action, note };
}

type Ending = {
  status: Extract<AccessStatus, 'denied' | 'declined' | 'expired' | 'revoked' | 'withdrawn' | 'ended' | 'cancelled'>;
  /** The timeline's words for it. */
  action: string;
  reason: string | null;
  at?: string;
  auditAction: AuditAction;
  summary: string;
};

/**
 * Ends a request in the caller's transaction: its status, timeline and audit event, and its login details
 * destroyed (their data key deleted; the secrets table is then compacted by a job, outside the transaction).
 */
async function endRequest(
  tx: Tx,
  ctx: Ctx,
  actor: Actor | null,
  current: SupportAccessRecord,
  ending: Ending,
): Promise<SupportAccessRecord> {
  const at = ending.at ?? ctx.now.toISOString();
  const destroyed = await destroyLoginDetails(tx, current.id);
  const next: SupportAccessRecord = {
    ...current,
    status: ending.status,
    version: current.version + 1,
    hasCredentials: false,
    endedAt: at,
    endReason: ending.status === 'denied' ? current.endReason : ending.reason,
    timeline: [
      ...current.timeline,
      { ...entry(ctx, actor, ending.action, ending.reason), at },
      ...(destroyed ? [{ ...entry(ctx, actor, 'Login details destroyed; ask the customer to reset the password'), at }] : []),
    ],
  };
  await tx.supportAccess.update(next, current.version);
  await tx.supportAccessLinks.deleteForRequest(current.id, 'consent');
  await audit(tx, ctx, actor, {
    action: ending.auditAction,
    recordType: 'support_access_request',
    recordId: current.id,
    summary: ending.summary,
    changes: [{ field: 'status', before: current.status, after: ending.status }],
  });
  if (destroyed) {
    await audit(tx, ctx, actor, {
      action: 'support_access.credentials_destroyed',
      recordType: 'support_access_request',
      recordId: current.id,
      summary: `Destroyed the login details of ${current.accountName} (their data key deleted)`,
    });
  }
  return next;
}

/** Deletes the request's data key and ciphertext; the shred job then rewrites the table. */
async function destroyLoginDetails(tx: Tx, requestId: string): Promise<boolean> {
  const had = await tx.supportAccessSecrets.delete(requestId);
  if (had) await tx.jobs.send(ACCESS_SHRED_QUEUE, { requestId }, { singletonKey: 'shred' });
  return had;
}

/** What the clock ends: a pending request past its decision window expires, a grant past its end ends. */
async function endLapsed(tx: Tx, ctx: Ctx, stale: SupportAccessRecord): Promise<void> {
  const status = lapsedStatus(stale, ctx.now);
  if (!status) return;
  await endRequest(tx, ctx, null, stale, {
    status,
    action: status === 'expired' ? 'Expired undecided' : 'Grant ended',
    reason: status === 'expired' ? 'Not decided within 12 hours' : 'The grant ran its time',
    at: status === 'expired' ? stale.decideBy : (stale.grantEndsAt ?? ctx.now.toISOString()),
    auditAction: status === 'expired' ? 'support_access.expired' : 'support_access.ended',
    summary: `${status === 'expired' ? 'Expired undecided' : 'Grant ended'}: ${stale.accountName}, ticket ${stale.ticketRef}`,
  });
}

/**
 * The grant's end job (sent at approval, due at the grant's end): ends the grant by the server's clock.
 * A job that runs early (clocks apart) sends itself again for the end; one for a grant already ended does nothing.
 */
export async function endGrantJob(ctx: Ctx, requestId: string): Promise<void> {
  await ctx.deps.store.transaction(async (tx) => {
    const r = await tx.supportAccess.get(requestId);
    if (!r || r.status !== 'active' || !r.grantEndsAt) return;
    if (ctx.now < new Date(r.grantEndsAt)) {
      await tx.jobs.send(ACCESS_END_QUEUE, { requestId }, { startAfter: new Date(r.grantEndsAt), singletonKey: requestId });
      return;
    }
    await endLapsed(tx, ctx, r);
  });
}

/** The shred job: the destroyed rows' old pages are rewritten away (SQL: VACUUM FULL, CHECKPOINT). */
export async function shredJob(ctx: Ctx): Promise<void> {
  await ctx.deps.store.compactSecrets();
}

/**
 * The minute's catch-up (registry `sweep`): requests past their decision window expire and grants past
 * their end close, should an end job have been lost. Idempotent, so any number of server instances may run it.
 */
export async function sweepLapsed(ctx: Ctx): Promise<void> {
  const now = ctx.now.toISOString();
  const lapsed = await ctx.deps.store.transaction((tx) => tx.supportAccess.listLapsed(now));
  for (const { id } of lapsed) {
    try {
      await ctx.deps.store.transaction(async (tx) => {
        const stale = await tx.supportAccess.get(id);
        if (stale) await endLapsed(tx, ctx, stale);
      });
    } catch (error) {
      // Another instance (or the end job) ended it first.
      if (error instanceof VersionConflictError) continue;
      throw error;
    }
  }
}

/**
 * An account that is cancelled, or for which a deletion request opens, has no instance to look into: its
 * grants end and its pending requests close at once, in the caller's transaction, login details destroyed.
 */
export async function endAccessForAccount(tx: Tx, ctx: Ctx, actor: Actor | null, accountId: string, why: string): Promise<void> {
  for (const r of await tx.supportAccess.listOpenForAccount(accountId)) {
    const active = r.status === 'active';
    await endRequest(tx, ctx, actor, r, {
      status: active ? 'ended' : 'cancelled',
      action: active ? 'Grant ended' : 'Closed undecided',
      reason: why,
      auditAction: active ? 'support_access.ended' : 'support_access.cancel',
      summary: `${active ? 'Ended the grant' : 'Closed the request'} for ${r.accountName}: ${why}`,
    });
  }
}

/** A request as a list answers it: its status as of now and what it waits for, by the same rules as its own answer. */
function toListItem(ctx: Ctx, r: SupportAccessRecord): SupportAccessListItem {
  const facts = toFacts(r, ctx.now);
  return {
    ...listedFields(supportAccessListItem.shape, facts),
    waitingFor: accessWaitingFor(facts, ctx.now),
    consentRecorded: facts.consent !== null,
  };
}

export async function listSupportAccess(ctx: Ctx, actor: Actor, query: SupportAccessQuery): Promise<Page<SupportAccessListItem>> {
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
  return { ...page, items: page.items.map((r) => toListItem(ctx, r)) };
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
    const deletion =
      (await tx.deletions.list({ accountId: account.id, openOnly: true, wholeAccount: true, limit: 1 })).items[0]?.id ?? null;
    const refusal = accessAccountRefusal(account, deletion);
    if (refusal) throw new ApiError('validation_failed', refusal.reason, { accountId: refusal.field });
    const owner = await tx.subjects.get(input.ownerId);
    if (!owner || owner.accountId !== account.id || owner.accountRole !== 'owner') {
      throw new ApiError('validation_failed', 'The person asked to consent must be an owner of the account', {
        ownerId: 'Not an owner of this account',
      });
    }
    const open = await tx.supportAccess.findOpen(account.id, actor.user.id);
    if (open) throw alreadyOpen(account.name, open.id);
    const now = ctx.now.toISOString();
    const ownerName = owner.name ?? owner.id;
    const link = await prepareConsentLink(tx, ctx, owner.id);
    const decideBy = accessDecideBy(ctx.now).toISOString();
    const fields = linkFields(ctx, actor, { decideBy }, ownerName, link);
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
      decideBy,
      consentOwner: { personId: owner.id, personName: ownerName },
      consentLink: fields.consentLink,
      timeline: [entry(ctx, actor, 'Requested', input.reason), fields.entry],
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
    await storeConsentLink(tx, ctx, r, link);
    return { request: r, link: link.url };
  });
  return { ...toView(ctx, actor, record.request), issuedConsentLink: record.link };
}

export const CONSENT_PAGE_PATH = '/access-consent/';

/**
 * Links are mailed only over SMTP: without a mail server the Outbox page keeps a message's text, and staff
 * who read the customer's link there could consent in their place. The agent copies the link instead.
 */
const mailsSecrets = (ctx: Ctx): boolean => ctx.deps.mailer?.kind === 'smtp';

type PreparedLink = { token: string; url: string; email: string | null };

/**
 * A consent link for the owner asked: a random token, stored only as its SHA-256, working once until the
 * decision deadline; a new one replaces the old. Emailed to the owner when a mailer is configured, and
 * answered to the agent (once) to copy into the support conversation.
 */
async function prepareConsentLink(tx: Tx, ctx: Ctx, ownerId: string): Promise<PreparedLink> {
  const person = await tx.subjects.get(ownerId);
  const token = randomToken();
  return {
    token,
    url: `${ctx.deps.publicUrl ?? ''}${CONSENT_PAGE_PATH}${token}`,
    email: mailsSecrets(ctx) && person?.email ? person.email : null,
  };
}

function linkFields(ctx: Ctx, actor: Actor, r: Pick<SupportAccessRecord, 'decideBy'>, owner: string, link: PreparedLink) {
  return {
    consentLink: { issuedAt: ctx.now.toISOString(), expiresAt: r.decideBy, usedAt: null, emailed: link.email !== null },
    entry: entry(ctx, actor, `Consent link issued for ${owner}${link.email ? ' (emailed)' : ''}`),
  };
}

async function storeConsentLink(tx: Tx, ctx: Ctx, r: SupportAccessRecord, link: PreparedLink): Promise<void> {
  await tx.supportAccessLinks.deleteForRequest(r.id, 'consent');
  await tx.supportAccessLinks.insert({
    tokenHash: await sha256Hex(link.token),
    requestId: r.id,
    kind: 'consent',
    personId: r.consentOwner?.personId ?? '',
    expiresAt: r.decideBy,
    usedAt: null,
  });
  if (link.email) {
    await queueMail(tx, ctx, {
      dedupeKey: `access-consent-link:${r.id}:${await sha256Hex(link.token)}`,
      to: link.email,
      subject: `May our support look into ${r.accountName}? (ticket ${r.ticketRef})`,
      text:
        `${r.requesterName} of our support asks to look into your instance for ticket ${r.ticketRef}.\n\n` +
        `Read what they ask for, and say yes or no, here (the link works once, until ${instantInWords(r.decideBy, ctx.timeZone)}):\n${link.url}\n`,
      purpose: 'access_consent_link',
      sensitive: true,
    });
  }
}

/** A new consent link (the old one stops working): the agent lost the first, or the mail did not arrive. */
export async function reissueConsentLink(ctx: Ctx, actor: Actor, id: string, version: number): Promise<SupportAccessRequestView> {
  const { request, link } = await ctx.deps.store.transaction(async (tx) => {
    const current = await load(tx, actor, id);
    checkVersion(version, current.version);
    enforce(accessActionBlocker(toFacts(current, ctx.now), 'issueConsentLink', actor.user, ctx.now));
    const owner = current.consentOwner;
    if (!owner) throw new ApiError('conflict', 'This request names no owner to ask for consent');
    const link = await prepareConsentLink(tx, ctx, owner.personId);
    const fields = linkFields(ctx, actor, current, owner.personName, link);
    const next: SupportAccessRecord = {
      ...current,
      version: current.version + 1,
      consentLink: fields.consentLink,
      timeline: [...current.timeline, fields.entry],
    };
    await tx.supportAccess.update(next, current.version);
    await storeConsentLink(tx, ctx, next, link);
    await audit(tx, ctx, actor, {
      action: 'support_access.consent_link',
      recordType: 'support_access_request',
      recordId: current.id,
      summary: `Issued a new consent link for ${owner.personName}${link.email ? ', emailed' : ''}`,
    });
    return { request: next, link: link.url };
  });
  return { ...toView(ctx, actor, request), issuedConsentLink: link };
}

function alreadyOpen(accountName: string, id: string | null): ApiError {
  return new ApiError('conflict', `You already have an open request for ${accountName}${id ? ` (${id})` : ''}`);
}

type ActionInput =
  | { action: 'consent'; givenAt: string; channel: 'support_conversation' | 'phone_call'; quote: string; reason: string }
  | { action: 'confirmConsent' }
  | { action: 'credentials'; username: string; password: string }
  | { action: 'approve' }
  | { action: 'deny' | 'revoke' | 'withdrawConsent'; reason: string }
  | { action: 'cancel' };

/** Stores login details sealed with a data key of the request's own (see sealWithDataKey). */
async function storeLoginDetails(tx: Tx, ctx: Ctx, requestId: string, details: { username: string; password: string }): Promise<void> {
  const sealed = await sealWithDataKey(ctx.deps.credentialsKey, JSON.stringify(details), requestId);
  await tx.supportAccessSecrets.put({ requestId, ...sealed, createdAt: ctx.now.toISOString() });
}

/** Every transition of a request: checked against the state machine, versioned, timelined and audited. */
export async function actOnSupportAccess(
  ctx: Ctx,
  actor: Actor,
  id: string,
  version: number,
  input: ActionInput,
): Promise<SupportAccessRequestView> {
  const record = await ctx.deps.store.transaction(async (tx) => {
    const current = await load(tx, actor, id);
    checkVersion(version, current.version);
    enforce(accessActionBlocker(toFacts(current, ctx.now), input.action, actor.user, ctx.now));
    const now = ctx.now.toISOString();
    let next: SupportAccessRecord = { ...current, version: current.version + 1 };
    const log = (action: string, note: string | null = null) => (next.timeline = [...next.timeline, entry(ctx, actor, action, note)]);
    let summary: string;
    let auditName: AuditAction;
    switch (input.action) {
      case 'consent': {
        const owner = current.consentOwner;
        if (!owner) throw new ApiError('conflict', 'This request names no owner who could consent');
        if (new Date(input.givenAt) > ctx.now) {
          throw new ApiError('validation_failed', 'Consent cannot be given in the future', { givenAt: 'Must not be in the future' });
        }
        if (new Date(input.givenAt) < new Date(current.createdAt)) {
          throw new ApiError('validation_failed', 'Consent cannot be given before the request was made', {
            givenAt: 'Must not be before the request was made',
          });
        }
        next.consent = {
          personId: owner.personId,
          personName: owner.personName,
          givenAt: input.givenAt,
          channel: input.channel,
          quote: input.quote,
          shownText: null,
          shownTextHash: null,
          ipHash: null,
          userAgent: null,
          recordedBy: actor.user.id,
          recordedAt: now,
          exceptionReason: input.reason,
          confirmedBy: null,
          confirmedByName: null,
          confirmedAt: null,
        };
        await tx.supportAccessLinks.deleteForRequest(current.id, 'consent');
        log(
          `Exception: consent recorded by the agent (${owner.personName}, ${input.channel === 'phone_call' ? 'by phone' : 'in the support conversation'}); needs an officer's confirmation`,
          `${input.quote} — why: ${input.reason}`,
        );
        summary = `Recorded ${owner.personName}'s consent as an exception (${input.channel}); awaiting a second officer's confirmation`;
        auditName = 'support_access.consent_exception';
        break;
      }
      case 'confirmConsent': {
        if (!current.consent) throw new ApiError('conflict', 'There is no consent to confirm');
        next.consent = { ...current.consent, confirmedBy: actor.user.id, confirmedByName: actor.user.name, confirmedAt: now };
        log(`Consent confirmed by ${actor.user.name}`);
        summary = `Confirmed the agent-recorded consent of ${current.consent.personName}`;
        auditName = 'support_access.consent_confirmed';
        break;
      }
      case 'credentials':
        await storeLoginDetails(tx, ctx, current.id, { username: input.username, password: input.password });
        next.hasCredentials = true;
        log('Login details attached (stored encrypted)');
        summary = 'Attached login details (stored encrypted)';
        auditName = 'support_access.credentials';
        break;
      case 'approve': {
        const ends = addHours(ctx.now, current.durationHours);
        next = {
          ...next,
          status: 'active',
          decidedBy: actor.user.id,
          decidedByName: actor.user.name,
          decidedAt: now,
          grantStartsAt: now,
          grantEndsAt: ends.toISOString(),
        };
        log(`Approved; access until ${instantInWords(ends, ctx.timeZone)}`);
        // The grant ends by this job at its end, on the server's clock, whether or not anyone looks.
        await tx.jobs.send(ACCESS_END_QUEUE, { requestId: current.id }, { startAfter: ends, singletonKey: current.id });
        summary = `Approved access to ${current.accountName} until ${instantInWords(ends, ctx.timeZone)}`;
        auditName = 'support_access.approve';
        break;
      }
      case 'deny':
        next = await endRequest(
          tx,
          ctx,
          actor,
          { ...current, decidedBy: actor.user.id, decidedByName: actor.user.name, decidedAt: now, denialReason: input.reason },
          {
            status: 'denied',
            action: 'Denied',
            reason: input.reason,
            auditAction: 'support_access.deny',
            summary: `Denied access to ${current.accountName}`,
          },
        );
        return next;
      case 'revoke':
        return endRequest(tx, ctx, actor, current, {
          status: 'revoked',
          action: 'Revoked',
          reason: input.reason,
          auditAction: 'support_access.revoke',
          summary: `Revoked access to ${current.accountName}`,
        });
      case 'withdrawConsent':
        return endRequest(tx, ctx, actor, current, {
          status: 'withdrawn',
          action: 'Customer withdrew consent',
          reason: input.reason,
          auditAction: 'support_access.withdraw_consent',
          summary: `Recorded the customer's withdrawal of consent for ${current.accountName}`,
        });
      case 'cancel':
        return endRequest(tx, ctx, actor, current, {
          status: 'cancelled',
          action: 'Cancelled',
          reason: 'Cancelled by the requester',
          auditAction: 'support_access.cancel',
          summary: `Cancelled the request for ${current.accountName}`,
        });
    }
    await tx.supportAccess.update(next, current.version);
    if (input.action === 'confirmConsent') await mailAwaitingApproval(tx, ctx, next);
    await audit(tx, ctx, actor, {
      action: auditName,
      recordType: 'support_access_request',
      recordId: current.id,
      summary,
      changes: next.status !== current.status ? [{ field: 'status', before: current.status, after: next.status }] : [],
    });
    return next;
  });
  return toView(ctx, actor, record);
}

/** Only the requesting agent, only during an active grant; every reveal is audited and on the request's timeline. */
export async function revealCredentials(
  ctx: Ctx,
  actor: Actor,
  id: string,
): Promise<{ username: string; password: string; grantEndsAt: string }> {
  return ctx.deps.store.transaction(async (tx) => {
    const r = await load(tx, actor, id);
    enforce(accessActionBlocker(toFacts(r, ctx.now), 'reveal', actor.user, ctx.now));
    const stored = await tx.supportAccessSecrets.get(r.id);
    // The rule has checked the grant; a crash may have emptied the (unlogged) secrets table since.
    if (!stored || !r.grantEndsAt) throw new ApiError('conflict', 'The login details are gone; ask the customer to enter them again');
    const secret: unknown = JSON.parse(await openWithDataKey(ctx.deps.credentialsKey, stored, r.id));
    if (!secret || typeof secret !== 'object' || !('username' in secret) || !('password' in secret)) {
      throw new Error('Stored login details are malformed');
    }
    const at = ctx.now.toISOString();
    const next: SupportAccessRecord = {
      ...r,
      version: r.version + 1,
      reveals: [...r.reveals, { at, byId: actor.user.id, byName: actor.user.name }],
      timeline: [...r.timeline, entry(ctx, actor, `Login details revealed to ${actor.user.name}`)],
    };
    await tx.supportAccess.update(next, r.version);
    await audit(tx, ctx, actor, {
      action: 'support_access.reveal',
      recordType: 'support_access_request',
      recordId: r.id,
      summary: `Revealed the login details of ${r.accountName}`,
    });
    return { username: String(secret.username), password: String(secret.password), grantEndsAt: r.grantEndsAt };
  });
}

// ---------------------------------------------------------------------------------------------------
// The customer's consent page: no staff session; the link's token is the only key.

/** Who is on the page, from where: the address is kept only as its SHA-256. */
export type Visitor = { address: string; userAgent: string | null };

const scopeWords = { read: 'look at your data, without changing anything', read_write: 'look at and change your data' } as const;

/** The exact text the page shows and the customer agrees to (its SHA-256 is kept with the consent). */
export function consentText(r: SupportAccessRecord): string {
  const person = r.consentOwner?.personName ?? 'the account owner';
  return (
    `I, ${person}, allow ${r.requesterName} of our support to log in to our ${r.accountName} instance with the login ` +
    `details I give here, to ${scopeWords[r.scope]}, for ticket ${r.ticketRef}. Their reason: ${r.reason} ` +
    `The access lasts ${r.durationHours} hour${r.durationHours === 1 ? '' : 's'} from a privacy officer's approval, ` +
    'and I can withdraw it at any time on this page; the login details are then destroyed.'
  );
}

async function linkOf(tx: Tx, ctx: Ctx, token: string): Promise<{ link: SupportAccessLinkRecord; request: SupportAccessRecord }> {
  const link = token.length >= 20 && token.length <= 100 ? await tx.supportAccessLinks.get(await sha256Hex(token)) : null;
  const request = link ? await tx.supportAccess.get(link.requestId) : null;
  if (!link || !request) throw new ApiError('not_found', 'This link is not valid. Ask our support for a new one.');
  if (link.kind === 'consent' && link.usedAt !== null) {
    throw new ApiError('conflict', 'This link has been used already. Use the link from your confirmation to follow the access.');
  }
  if (ctx.now >= new Date(link.expiresAt)) throw new ApiError('not_found', 'This link has expired. Ask our support for a new one.');
  return { link, request };
}

function publicView(ctx: Ctx, kind: SupportAccessLinkRecord['kind'], r: SupportAccessRecord): PublicAccessPage {
  const status = effectiveAccessStatus(r, ctx.now);
  return {
    kind,
    status,
    accountName: r.accountName,
    personName: r.consentOwner?.personName ?? '',
    requesterName: r.requesterName,
    ticketRef: r.ticketRef,
    reason: r.reason,
    scope: r.scope,
    durationHours: r.durationHours,
    decideBy: r.decideBy,
    consentText: r.consent?.shownText ?? consentText(r),
    consentGivenAt: r.consent?.givenAt ?? null,
    grantStartsAt: r.grantStartsAt,
    grantEndsAt: r.grantEndsAt,
    endedAt: r.endedAt,
    endReason: r.endReason,
    reveals: r.reveals.map((v) => ({ at: v.at, byName: v.byName })),
    canConsent: kind === 'consent' && status === 'pending' && r.consent === null,
    canWithdraw: kind === 'status' && (status === 'pending' || status === 'active'),
  };
}

export async function publicAccessPage(ctx: Ctx, token: string): Promise<PublicAccessPage> {
  return ctx.deps.store.transaction(async (tx) => {
    const { link, request } = await linkOf(tx, ctx, token);
    return publicView(ctx, link.kind, request);
  });
}

const customer = (r: SupportAccessRecord) => ({ actorName: `${r.consentOwner?.personName ?? 'The customer'} (customer)` });

function customerEntry(ctx: Ctx, r: SupportAccessRecord, action: string, note: string | null = null) {
  return { at: ctx.now.toISOString(), actorId: null, ...customer(r), action, note };
}

async function customerAudit(
  tx: Tx,
  ctx: Ctx,
  r: SupportAccessRecord,
  visitor: Visitor,
  action: AuditAction,
  summary: string,
  after?: AccessStatus,
) {
  await audit(
    tx,
    ctx,
    null,
    {
      action,
      recordType: 'support_access_request',
      recordId: r.id,
      summary,
      changes: after && after !== r.status ? [{ field: 'status', before: r.status, after }] : [],
    },
    `customer via consent link (${(await sha256Hex(visitor.address)).slice(0, 12)})`,
  );
}

/**
 * The customer consents: types their name, enters the login details, once. The evidence kept is the time,
 * the SHA-256 of their address, their user agent, and the exact text shown with its SHA-256. Answers the
 * customer's own status link (shown in the confirmation and emailed), for following the grant and withdrawing.
 */
export async function publicConsent(
  ctx: Ctx,
  token: string,
  input: PublicConsent,
  visitor: Visitor,
): Promise<{ statusLink: string; page: PublicAccessPage }> {
  return ctx.deps.store.transaction(async (tx) => {
    const { link, request } = await linkOf(tx, ctx, token);
    if (link.kind !== 'consent') throw new ApiError('conflict', 'This link is for following the access, not for consenting');
    const view = publicView(ctx, 'consent', request);
    if (!view.canConsent) throw new ApiError('conflict', `The request is ${view.status}; there is nothing to consent to`);
    const owner = request.consentOwner;
    if (!owner) throw new ApiError('conflict', 'This request names no owner who could consent');
    const typed = input.typedName.trim().replace(/\s+/g, ' ');
    if (typed.toLowerCase() !== owner.personName.trim().toLowerCase()) {
      throw new ApiError('validation_failed', 'Type your name as it stands above to agree', { typedName: `Type ${owner.personName}` });
    }
    // Single use, decided by the store: of two tabs submitting at once, one wins.
    if (!(await tx.supportAccessLinks.markUsed(link.tokenHash, ctx.now.toISOString()))) {
      throw new ApiError('conflict', 'This link has been used already');
    }
    const now = ctx.now.toISOString();
    const shown = consentText(request);
    await storeLoginDetails(tx, ctx, request.id, { username: input.username, password: input.password });
    const statusToken = randomToken();
    await tx.supportAccessLinks.insert({
      tokenHash: await sha256Hex(statusToken),
      requestId: request.id,
      kind: 'status',
      personId: owner.personId,
      // Long enough to follow the longest grant decided at the last moment, and to withdraw meanwhile.
      expiresAt: addHours(new Date(request.decideBy), request.durationHours + 24 * 30).toISOString(),
      usedAt: null,
    });
    const statusLink = `${ctx.deps.publicUrl ?? ''}${CONSENT_PAGE_PATH}${statusToken}`;
    const next: SupportAccessRecord = {
      ...request,
      version: request.version + 1,
      hasCredentials: true,
      consentLink: request.consentLink ? { ...request.consentLink, usedAt: now } : null,
      consent: {
        personId: owner.personId,
        personName: owner.personName,
        givenAt: now,
        channel: 'consent_page',
        quote: typed,
        shownText: shown,
        shownTextHash: await sha256Hex(shown),
        ipHash: await sha256Hex(visitor.address),
        userAgent: visitor.userAgent?.slice(0, 500) ?? null,
        recordedBy: null,
        recordedAt: now,
        exceptionReason: null,
        confirmedBy: null,
        confirmedByName: null,
        confirmedAt: null,
      },
      timeline: [
        ...request.timeline,
        customerEntry(ctx, request, `Customer consented on the consent page (${owner.personName})`, `Typed: ${typed}`),
        customerEntry(ctx, request, 'Login details entered by the customer (stored encrypted)'),
      ],
    };
    await tx.supportAccess.update(next, request.version);
    const person = await tx.subjects.get(owner.personId);
    if (mailsSecrets(ctx) && person?.email) {
      await queueMail(tx, ctx, {
        dedupeKey: `access-consent-given:${request.id}`,
        to: person.email,
        subject: `You allowed our support into ${request.accountName} (ticket ${request.ticketRef})`,
        text:
          `Thank you. A privacy officer decides next; the access lasts ${request.durationHours} h from the approval.\n\n` +
          `Follow it, see when the login details were used, and withdraw at any time here:\n${statusLink}\n`,
        purpose: 'access_consent_link',
        sensitive: true,
      });
    }
    await mailAwaitingApproval(tx, ctx, next);
    await customerAudit(tx, ctx, request, visitor, 'support_access.consent', `${owner.personName} consented on the consent page`);
    return { statusLink, page: publicView(ctx, 'status', next) };
  });
}

/** The customer says no on the consent page: the request ends, declined. */
export async function publicDecline(ctx: Ctx, token: string, visitor: Visitor): Promise<PublicAccessPage> {
  return ctx.deps.store.transaction(async (tx) => {
    const { link, request } = await linkOf(tx, ctx, token);
    if (link.kind !== 'consent' || !publicView(ctx, 'consent', request).canConsent) {
      throw new ApiError('conflict', 'There is nothing to decline');
    }
    if (!(await tx.supportAccessLinks.markUsed(link.tokenHash, ctx.now.toISOString())))
      throw new ApiError('conflict', 'This link has been used already');
    const ended = await endRequest(
      tx,
      ctx,
      null,
      { ...request, timeline: [...request.timeline] },
      {
        status: 'declined',
        action: `Customer declined on the consent page (${request.consentOwner?.personName ?? 'owner'})`,
        reason: 'The customer declined',
        auditAction: 'support_access.declined',
        summary: `The customer declined access to ${request.accountName}`,
      },
    );
    await customerAudit(tx, ctx, request, visitor, 'support_access.declined_by_customer', 'Declined on the consent page');
    return publicView(ctx, 'consent', ended);
  });
}

/** The customer withdraws, from their status link: the grant (or the pending request) ends at once. */
export async function publicWithdraw(ctx: Ctx, token: string, visitor: Visitor): Promise<PublicAccessPage> {
  return ctx.deps.store.transaction(async (tx) => {
    const { link, request } = await linkOf(tx, ctx, token);
    if (!publicView(ctx, link.kind, request).canWithdraw) throw new ApiError('conflict', 'There is nothing to withdraw');
    const ended = await endRequest(tx, ctx, null, request, {
      status: 'withdrawn',
      action: `Customer withdrew consent on the consent page (${request.consentOwner?.personName ?? 'owner'})`,
      reason: 'The customer withdrew consent',
      auditAction: 'support_access.withdraw_consent',
      summary: `The customer withdrew consent for ${request.accountName}`,
    });
    await customerAudit(tx, ctx, request, visitor, 'support_access.withdrawn_by_customer', 'Withdrew on the consent page');
    return publicView(ctx, 'status', ended);
  });
}
