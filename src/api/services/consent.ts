import type { Page } from '../contract/common';
import type { ConsentEvent, ConsentPurpose, ConsentQuery, Notice, RecordConsent, RevealedEmail, SubjectDetail } from '../contract/consent';
import { ApiError } from '../errors';
import { foldConsent, maskEmail } from '../rules/consent';
import { can } from '../rules/permissions';
import type { Tx } from '../store/store';
import type { Actor, Ctx } from './context';
import { audit, newId, notFound, requirePermission } from './context';

function masked(e: ConsentEvent): ConsentEvent {
  return { ...e, email: e.email ? maskEmail(e.email) : null };
}

/**
 * The ledger, newest first. Officers and auditors browse it; support agents may only look a person up
 * (an exact email or a subject id), as the support workflow needs and no more.
 */
export async function listConsentEvents(ctx: Ctx, actor: Actor, query: ConsentQuery): Promise<Page<ConsentEvent>> {
  requirePermission(actor, 'consent.lookup');
  if (!can(actor.user.role, 'consent.read') && !query.email && !query.subjectId) {
    throw new ApiError('forbidden', 'Support agents look up one person at a time: give an email or a subject id');
  }
  if (query.from && query.to && query.from > query.to) {
    throw new ApiError('bad_request', 'The date range ends before it starts', { to: 'Must not be before From' });
  }
  const { email, ...rest } = query;
  const page = await ctx.deps.store.transaction(async (tx) => {
    if (!email) return tx.consentEvents.list(rest);
    const subjects = await tx.subjects.findByEmail(email);
    if (subjects.length === 0) return { items: [], nextCursor: null };
    return tx.consentEvents.list({ ...rest, subjectIds: subjects.map((s) => s.id) });
  });
  return { ...page, items: page.items.map(masked) };
}

export async function getSubject(ctx: Ctx, actor: Actor, id: string): Promise<SubjectDetail> {
  requirePermission(actor, 'consent.lookup');
  return ctx.deps.store.transaction(async (tx) => {
    const subject = await tx.subjects.get(id);
    if (!subject) throw notFound('Subject');
    const events = await tx.consentEvents.listBySubject(id);
    const hashes = [...new Set(events.map((e) => e.noticeHash))];
    // One query at a time: a transaction is one connection.
    const notices: Notice[] = [];
    for (const h of hashes) {
      const n = await tx.notices.get(h);
      if (n) notices.push(n);
    }
    return {
      subject: {
        id: subject.id,
        kind: subject.kind,
        accountId: subject.accountId,
        name: subject.name,
        email: subject.email ? maskEmail(subject.email) : null,
      },
      states: foldConsent(events),
      events: events.map(masked),
      notices,
    };
  });
}

/** Staff record a grant or withdrawal on a person's behalf: a new event; nothing is ever edited. */
export async function recordConsent(ctx: Ctx, actor: Actor, input: RecordConsent): Promise<ConsentEvent> {
  requirePermission(actor, 'consent.record');
  const occurredAt = input.occurredAt ?? ctx.now.toISOString();
  if (new Date(occurredAt) > ctx.now) {
    throw new ApiError('validation_failed', 'Consent cannot be recorded for a time in the future', { occurredAt: 'Must not be in the future' });
  }
  const event = await ctx.deps.store.transaction(async (tx) => {
    const subject = await tx.subjects.get(input.subjectId);
    if (!subject) throw new ApiError('validation_failed', 'No such person', { subjectId: 'Unknown subject' });
    const notice = await latestNotice(tx, input.purpose);
    const e: ConsentEvent = {
      id: newId('ce'),
      subjectId: subject.id,
      accountId: subject.accountId,
      email: subject.email,
      purpose: input.purpose,
      action: input.action,
      occurredAt,
      recordedAt: ctx.now.toISOString(),
      channel: input.channel,
      noticeVersion: notice?.version ?? 'none',
      noticeHash: notice?.hash ?? '',
      evidence: null,
      recordedBy: { kind: 'staff', userId: actor.user.id, name: actor.user.name },
      note: input.note,
    };
    await tx.consentEvents.insert(e);
    await audit(tx, ctx, actor, {
      action: `consent.${input.action === 'granted' ? 'grant' : 'withdraw'}`,
      recordType: 'consent_event',
      recordId: e.id,
      summary: `Recorded ${input.action === 'granted' ? 'a grant' : 'a withdrawal'} of ${input.purpose.replace(/_/g, ' ')} for ${subject.id}`,
    });
    return e;
  });
  return masked(event);
}

/** The notice now in use for a purpose: the one the most recent event of that purpose was given under. */
async function latestNotice(tx: Tx, purpose: ConsentPurpose): Promise<Notice | null> {
  const newest = await tx.consentEvents.list({ purpose, limit: 1 });
  const hash = newest.items[0]?.noticeHash;
  return hash ? tx.notices.get(hash) : null;
}

/** Emails are masked everywhere; showing one is a deliberate act that leaves an audit event. */
export async function revealSubjectEmail(ctx: Ctx, actor: Actor, id: string): Promise<RevealedEmail> {
  requirePermission(actor, 'pii.reveal');
  return ctx.deps.store.transaction(async (tx) => {
    const subject = await tx.subjects.get(id);
    if (!subject) throw notFound('Subject');
    await audit(tx, ctx, actor, {
      action: 'pii.reveal_email',
      recordType: 'subject',
      recordId: subject.id,
      summary: `Revealed the email address of ${subject.name ?? subject.id}`,
    });
    return { subjectId: subject.id, email: subject.email };
  });
}
