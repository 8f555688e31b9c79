import type { EmailExport } from '@/api/contract/email-exports';
import { emailExposure } from './email-exports';
import { csvStream } from './streaming';
import type { Page } from '@/api/contract/common';
import type {
  ConsentEvent,
  ConsentMonthly,
  ConsentPurpose,
  ConsentQuery,
  ConsentReviewItem,
  ConsentReviewQuery,
  MarkReviewed,
  ReviewGroup,
  ReviewGroupInput,
  ReviewGroupResult,
  ReviewGroups,
  ReviewReason,
  Notice,
  RecordConsent,
  RevealedEmail,
  RevealEmail,
  SubjectDetail,
  SuppressionQuery,
  PersonResult,
  PersonSearchQuery,
} from '@/api/contract/consent';
import { consentPurposes, MAX_GROUP_REVIEW } from '@/api/contract/consent';
import { ApiError } from '@/api/errors';
import { foldConsent, maskEmail, subjectActionBlocker, subjectActions } from '@/api/rules/consent';
import type { ReviewContext } from '@/api/rules/consent-review';
import { consentReviewActions, markReviewedBlocker, reviewReasonsFor, staleMarketingBefore } from '@/api/rules/consent-review';
import { toCsv } from '@/api/rules/exports';
import { iso27560Record, kantaraReceipt, receiptHtml } from '@/api/rules/receipts/receipts';
import { roleHas } from '@/api/rules/permissions';
import { MIN_PERSON_QUERY, personMatch } from '@/api/rules/person-search';
import { addCalendarMonths, fromLocal, localDate, localParts } from '@/api/rules/time';
import { isUniqueViolation } from '@/api/store/errors';
import type { ConsentStateRecord, Tx } from '@/api/store/store';
import type { Actor, Ctx, FileResult } from './context';
import { emitWebhookEvent } from './webhooks';
import { emailHashOf } from './erasure';
import { audit, calendarRange, enforce, newId, notFound } from './context';

function masked(e: ConsentEvent): ConsentEvent {
  return { ...e, email: e.email ? maskEmail(e.email) : null };
}

/**
 * The ledger, newest first. Officers and auditors browse it; support agents may only look a person up
 * (an exact email or a subject id), as the support workflow needs and no more.
 */
export async function listConsentEvents(ctx: Ctx, actor: Actor, query: ConsentQuery): Promise<Page<ConsentEvent>> {
  if (!roleHas(actor.user.role, 'consent.read') && !query.email && !query.subjectId) {
    throw new ApiError('forbidden', 'Support agents look up one person at a time: give an email or a subject id');
  }
  const { email, from, to, ...filters } = query;
  const rest = { ...filters, ...calendarRange(ctx, { from, to }) };
  const page = await ctx.deps.store.transaction(async (tx) => {
    if (!email) return tx.consentEvents.list(rest);
    // People whose data was erased are kept under their email's keyed hash: the proof still matches.
    const subjects = [...(await tx.subjects.findByEmail(email)), ...(await tx.subjects.findByEmailHash(await emailHashOf(ctx, email)))];
    if (subjects.length === 0) return { items: [], nextCursor: null };
    return tx.consentEvents.list({ ...rest, subjectIds: subjects.map((s) => s.id) });
  });
  return { ...page, items: page.items.map(masked) };
}

export async function getSubject(ctx: Ctx, actor: Actor, id: string): Promise<SubjectDetail> {
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
      actions: subjectActions(subject, actor.user),
    };
  });
}

/** Staff record a grant or withdrawal on a person's behalf: a new event; nothing is ever edited. */
export async function recordConsent(ctx: Ctx, actor: Actor, input: RecordConsent): Promise<ConsentEvent> {
  return masked(await ctx.deps.store.transaction((tx) => writeConsentEvent(tx, ctx, actor, input)));
}

/** A grant or withdrawal written in the caller's transaction (staff, and machine clients' reports). */
export async function writeConsentEvent(tx: Tx, ctx: Ctx, actor: Actor, input: RecordConsent): Promise<ConsentEvent> {
  const occurredAt = input.occurredAt ?? ctx.now.toISOString();
  if (new Date(occurredAt) > ctx.now) {
    throw new ApiError('validation_failed', 'Consent cannot be recorded for a time in the future', {
      occurredAt: 'Must not be in the future',
    });
  }
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
  if (e.action === 'withdrawn') {
    await emitWebhookEvent(tx, ctx, 'consent.withdrawn', e.id, {
      consentEventId: e.id,
      subjectId: e.subjectId,
      accountId: e.accountId,
      purpose: e.purpose,
      occurredAt: e.occurredAt,
    });
  }
  await audit(tx, ctx, actor, {
    action: input.action === 'granted' ? 'consent.grant' : 'consent.withdraw',
    recordType: 'consent_event',
    recordId: e.id,
    summary: `Recorded ${input.action === 'granted' ? 'a grant' : 'a withdrawal'} of ${input.purpose.replace(/_/g, ' ')} for ${subject.id}`,
  });
  return e;
}

/** The notice now in use for a purpose: its most recently published version. */
async function latestNotice(tx: Tx, purpose: ConsentPurpose): Promise<Notice | null> {
  return (await tx.notices.latest()).find((n) => n.purpose === purpose) ?? null;
}

async function reviewContext(tx: Tx, ctx: Ctx): Promise<ReviewContext> {
  const latest: ReviewContext['latestNotice'] = {};
  for (const n of await tx.notices.latest()) latest[n.purpose] = n.hash;
  return { latestNotice: latest, staleBefore: staleMarketingBefore(ctx.now, ctx.timeZone) };
}

/**
 * The review queue: people's current consent that needs a look (no evidence, an outdated notice, stale
 * marketing consent, a withdrawal through a harder channel than the grant), or the reviews made so far.
 */
export async function listConsentReviews(ctx: Ctx, actor: Actor, query: ConsentReviewQuery): Promise<Page<ConsentReviewItem>> {
  return ctx.deps.store.transaction(async (tx) => {
    if (query.status === 'reviewed') {
      const page = await tx.consentReviews.list(query);
      return {
        ...page,
        items: page.items.map(({ event, eventId: _eventId, reasons, ...review }) => ({
          event: masked(event),
          reasons,
          grantChannel: null,
          review,
          actions: consentReviewActions({ review, reasons }, actor.user),
        })),
      };
    }
    const context = await reviewContext(tx, ctx);
    const page = await tx.consentStates.reviewQueue({
      ...context,
      reason: query.reason,
      purpose: query.purpose,
      cursor: query.cursor,
      limit: query.limit,
    });
    return {
      ...page,
      // The queue holds current events not reviewed yet, so each item's own facts decide its action.
      items: page.items.map((state) => {
        const reasons = reviewReasonsFor(state, context);
        return {
          event: masked(state.event),
          reasons,
          grantChannel: state.grantChannel,
          review: null,
          actions: consentReviewActions({ review: null, reasons, current: true }, actor.user),
        };
      }),
    };
  });
}

/** An officer has looked at a queued event: the note says what they found or did. */
export async function markConsentReviewed(ctx: Ctx, actor: Actor, eventId: string, input: MarkReviewed): Promise<ConsentReviewItem> {
  return ctx.deps.store.transaction(async (tx) => {
    const event = await tx.consentEvents.get(eventId);
    if (!event) throw notFound('Consent event');
    const done = await tx.consentReviews.get(eventId);
    const state = await tx.consentStates.get(event.subjectId, event.purpose);
    const current = state !== null && state.event.id === eventId;
    const reasons = current ? reviewReasonsFor(state, await reviewContext(tx, ctx)) : [];
    enforce(markReviewedBlocker({ review: done, reasons, current }));
    const review = { reviewedAt: ctx.now.toISOString(), reviewedBy: { userId: actor.user.id, name: actor.user.name }, note: input.note };
    await tx.consentReviews.insert({ ...review, eventId, reasons });
    await audit(tx, ctx, actor, {
      action: 'consent.review',
      recordType: 'consent_event',
      recordId: eventId,
      summary: `Reviewed ${eventId} (${reasons.join(', ').replace(/_/g, ' ')}): ${input.note}`,
    });
    return {
      event: masked(event),
      reasons,
      grantChannel: state?.grantChannel ?? null,
      review,
      actions: consentReviewActions({ review, reasons }, actor.user),
    };
  });
}

/** The first instant of the calendar month `back` months before the one holding `now`, in the company time zone. */
function monthStart(now: Date, back: number, timeZone: string): { label: string; start: Date } {
  const shifted = addCalendarMonths(now, -back, timeZone);
  const p = localParts(shifted, timeZone);
  return {
    label: `${p.year}-${String(p.month).padStart(2, '0')}`,
    start: fromLocal({ year: p.year, month: p.month, day: 1, hour: 0, minute: 0, second: 0, ms: 0 }, timeZone),
  };
}

/** Grants and withdrawals per purpose per month, this month and the 11 before it. */
export async function consentMonthly(ctx: Ctx): Promise<ConsentMonthly> {
  const months = Array.from({ length: 12 }, (_, i) => monthStart(ctx.now, 11 - i, ctx.timeZone));
  const from = months[0]?.start.toISOString() ?? ctx.now.toISOString();
  // Up to and including now.
  const to = new Date(ctx.now.getTime() + 1).toISOString();
  const counts = await ctx.deps.store.transaction((tx) => tx.consentEvents.countByMonth(from, to, ctx.timeZone));
  const rows = months.flatMap(({ label }) =>
    consentPurposes.map((purpose) => {
      const of = (action: 'granted' | 'withdrawn') =>
        counts.find((c) => c.month === label && c.purpose === purpose && c.action === action)?.count ?? 0;
      return { month: label, purpose, granted: of('granted'), withdrawn: of('withdrawn') };
    }),
  );
  return { months: months.map((m) => m.label), rows };
}

/** Rows per page of a long export: each page is one short transaction. */
const EXPORT_PAGE = 250;

/**
 * Current consent per person and purpose, emails in clear, for suppression in mailing tools. Audited when it
 * starts; the file then streams a page per transaction (./streaming), so it never blocks other requests.
 */
export async function exportSuppression(ctx: Ctx, actor: Actor, { emails: mode, reason, ...query }: SuppressionQuery): Promise<FileResult> {
  const emails = emailExposure(actor, { emails: mode, reason });
  await ctx.deps.store.transaction((tx) =>
    audit(tx, ctx, actor, {
      action: 'consent.export_suppression',
      recordType: 'subject',
      recordId: 'all',
      summary: `Exported the suppression list (${[query.purpose ?? 'all purposes', query.state ?? 'any state'].join(', ')}) ${emails.note}`,
    }),
  );
  const columns = ['subject_id', 'account_id', 'email', 'purpose', 'state', 'since', 'channel', 'notice_version', 'erased_email_hmac'];
  const body = csvStream(columns, (cursor) =>
    ctx.deps.store.transaction(async (tx) => {
      const page = await tx.consentStates.list({ ...query, cursor, limit: EXPORT_PAGE });
      const subjects = await tx.subjects.getMany(page.items.map((s) => s.event.subjectId));
      const addresses = new Map(subjects.map((s) => [s.id, s.email]));
      const rows = page.items.map(({ event: e }) => [
        e.subjectId,
        e.accountId,
        emails.show(addresses.get(e.subjectId) ?? e.email),
        e.purpose,
        e.action,
        e.occurredAt,
        e.channel,
        e.noticeVersion,
        // An erased person is known only by their email's keyed hash: a look-up by email still finds them.
        e.emailHash ?? null,
      ]);
      return { rows, nextCursor: page.nextCursor };
    }),
  );
  const date = localDate(ctx.now, ctx.timeZone);
  return { file: { filename: `consent-suppression-${date}.csv`, contentType: 'text/csv; charset=utf-8', body } };
}

export async function exportConsentProof(ctx: Ctx, actor: Actor, id: string, choice: EmailExport): Promise<FileResult> {
  const emails = emailExposure(actor, choice);
  const proof = await ctx.deps.store.transaction(async (tx) => {
    const subject = await tx.subjects.get(id);
    if (!subject) throw notFound('Subject');
    const events = await tx.consentEvents.listBySubject(id);
    const notices: Notice[] = [];
    for (const h of new Set(events.map((e) => e.noticeHash))) {
      const n = await tx.notices.get(h);
      if (n) notices.push(n);
    }
    await audit(tx, ctx, actor, {
      action: 'consent.export_proof',
      recordType: 'subject',
      recordId: subject.id,
      summary: `Exported the proof of consent of ${subject.name ?? subject.id}, ${emails.note}`,
    });
    const shown = events.map((e) => ({ ...e, email: emails.show(e.email) }));
    return {
      generatedAt: ctx.now.toISOString(),
      generatedBy: { userId: actor.user.id, name: actor.user.name },
      subject: { ...subject, email: emails.show(subject.email) },
      states: foldConsent(shown),
      events: shown,
      notices,
    };
  });
  return {
    file: {
      filename: `proof-of-consent-${id}.json`,
      contentType: 'application/json; charset=utf-8',
      body: `${JSON.stringify(proof, null, 2)}\n`,
    },
  };
}

/** Emails are masked everywhere; showing one is a deliberate act that leaves an audit event. */
const DEFAULT_REVEALS_PER_HOUR = 20;
export const REVEAL_LIMIT_ACTION = 'pii.reveal_limit_reached';

/**
 * Shows one person's email in clear, for a stated reason (and a ticket, for a support agent), at most
 * `revealsPerHour` times an hour per user (issue 17, finding 7). The count is the user's reveal events of the
 * past hour, read under a lock on that user, so concurrent reveals on any number of instances cannot pass it
 * together. A refusal is audited once per hour (the dashboard flags it as a burst).
 */
export async function revealSubjectEmail(ctx: Ctx, actor: Actor, id: string, body: RevealEmail): Promise<RevealedEmail> {
  if (actor.user.role === 'support_agent' && !body.ticketRef) {
    throw new ApiError('validation_failed', 'Give the support ticket this reveal is for', {
      ticketRef: 'Support agents give the ticket reference the address is needed for',
    });
  }
  const limit = ctx.deps.revealsPerHour ?? DEFAULT_REVEALS_PER_HOUR;
  const hourAgo = new Date(ctx.now.getTime() - 3_600_000).toISOString();
  const answer = await ctx.deps.store.transaction(async (tx) => {
    const subject = await tx.subjects.get(id);
    if (!subject) throw notFound('Subject');
    enforce(subjectActionBlocker(subject, 'revealEmail'));
    await tx.locks.take(`reveal:${actor.user.id}`);
    const recent = await tx.audit.list({ actorId: actor.user.id, action: 'pii.reveal_email', since: hourAgo, limit });
    if (recent.items.length >= limit) {
      const oldest = recent.items.at(-1)?.at ?? ctx.now.toISOString();
      const flagged = await tx.audit.list({ actorId: actor.user.id, action: REVEAL_LIMIT_ACTION, since: hourAgo, limit: 1 });
      if (flagged.items.length === 0) {
        await audit(tx, ctx, actor, {
          action: REVEAL_LIMIT_ACTION,
          recordType: 'user',
          recordId: actor.user.id,
          summary: `Reached the limit of ${limit} email reveals an hour`,
        });
      }
      return { revealed: null, refusedUntil: new Date(new Date(oldest).getTime() + 3_600_000) };
    }
    await audit(tx, ctx, actor, {
      action: 'pii.reveal_email',
      recordType: 'subject',
      recordId: subject.id,
      summary: `Revealed the email address of ${subject.name ?? subject.id}${body.ticketRef ? ` for ticket ${body.ticketRef}` : ''}: ${body.reason}`,
    });
    return { revealed: { subjectId: subject.id, email: subject.email }, refusedUntil: ctx.now };
  });
  if (answer.revealed) return answer.revealed;
  const seconds = Math.max(1, Math.ceil((answer.refusedUntil.getTime() - ctx.now.getTime()) / 1000));
  throw new ApiError(
    'rate_limited',
    `You revealed ${limit} email addresses in the past hour, the most allowed. Try again in ${Math.ceil(seconds / 60)} minutes.`,
    undefined,
    seconds,
  );
}

/** Every open queue item of one group (or of the whole queue), read page by page. */
async function openQueue(tx: Tx, context: ReviewContext, group: { reason?: ReviewReason; purpose?: ConsentPurpose }, max: number) {
  const found: ConsentStateRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await tx.consentStates.reviewQueue({ ...context, ...group, cursor, limit: 200 });
    found.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && found.length < max);
  return found;
}

/** The open queue grouped by reason and purpose, with counts: what an officer can clear in one go. */
export async function listReviewGroups(ctx: Ctx): Promise<ReviewGroups> {
  return ctx.deps.store.transaction(async (tx) => {
    const context = await reviewContext(tx, ctx);
    const queue = await openQueue(tx, context, {}, Number.POSITIVE_INFINITY);
    const counts = new Map<string, ReviewGroup>();
    for (const state of queue) {
      for (const reason of reviewReasonsFor(state, context)) {
        const key = `${reason}/${state.event.purpose}`;
        const group = counts.get(key) ?? { reason, purpose: state.event.purpose, count: 0 };
        group.count += 1;
        counts.set(key, group);
      }
    }
    const groups = [...counts.values()].sort(
      (a, b) => b.count - a.count || a.reason.localeCompare(b.reason) || a.purpose.localeCompare(b.purpose),
    );
    return { groups, total: queue.length };
  });
}

/** Events marked per transaction: a group of thousands is marked in steps, each with its audit event. */
const GROUP_STEP = 500;

/**
 * Marks a whole group reviewed with one note. The officer confirmed the group's count; when it holds
 * another number now, nothing is marked (409). Then it is marked in steps, each its own transaction with
 * its audit event, newest first; an item that left the group meanwhile (someone reviewed it, a newer
 * event replaced it) is skipped and counted, and so is a step another officer got to first.
 */
export async function reviewGroup(ctx: Ctx, actor: Actor, input: ReviewGroupInput): Promise<ReviewGroupResult> {
  const group = { reason: input.reason, purpose: input.purpose };
  const count = await ctx.deps.store.transaction(
    async (tx) => (await openQueue(tx, await reviewContext(tx, ctx), group, MAX_GROUP_REVIEW + 1)).length,
  );
  if (count !== input.expectedCount) {
    throw new ApiError(
      'conflict',
      `The group now holds ${count} event${count === 1 ? '' : 's'}, not ${input.expectedCount}: check the count and confirm again`,
    );
  }
  let reviewed = 0;
  let attempts = 0;
  while (reviewed < input.expectedCount && attempts < Math.ceil(input.expectedCount / GROUP_STEP) + 3) {
    attempts += 1;
    const left = input.expectedCount - reviewed;
    let marked: number;
    try {
      marked = await ctx.deps.store.transaction(async (tx) => {
        const context = await reviewContext(tx, ctx);
        const page = await tx.consentStates.reviewQueue({ ...context, ...group, limit: Math.min(GROUP_STEP, left) });
        if (page.items.length === 0) return 0;
        const at = ctx.now.toISOString();
        for (const state of page.items) {
          await tx.consentReviews.insert({
            eventId: state.event.id,
            reasons: reviewReasonsFor(state, context),
            reviewedAt: at,
            reviewedBy: { userId: actor.user.id, name: actor.user.name },
            note: input.note,
          });
        }
        await audit(tx, ctx, actor, {
          action: 'consent.review_group',
          recordType: 'consent_event',
          recordId: `${input.reason}/${input.purpose}`,
          summary: `Reviewed ${page.items.length} events (${input.reason.replace(/_/g, ' ')}, ${input.purpose.replace(/_/g, ' ')}): ${input.note}`,
        });
        return page.items.length;
      });
    } catch (error) {
      // Another officer reviewed some of this step first: read the group again.
      if (isUniqueViolation(error, 'consent_review')) continue;
      throw error;
    }
    if (marked === 0) break;
    reviewed += marked;
  }
  return { ...group, reviewed, skipped: input.expectedCount - reviewed };
}

/** One consent event's receipt, as a download: the Kantara v1.1 receipt or the ISO/IEC TS 27560 record. */
export async function consentReceipt(ctx: Ctx, id: string, format: 'kantara' | 'iso27560' | 'html'): Promise<FileResult> {
  const event = await ctx.deps.store.transaction((tx) => tx.consentEvents.get(id));
  if (!event) throw notFound('Consent event');
  if (format === 'html') {
    return {
      file: {
        filename: `consent-receipt-${event.id}.html`,
        contentType: 'text/html; charset=utf-8',
        body: receiptHtml(event, ctx.controller),
      },
    };
  }
  const body = format === 'kantara' ? kantaraReceipt(event, ctx.controller) : iso27560Record(event, ctx.controller);
  return {
    file: {
      filename: `${format === 'kantara' ? 'consent-receipt' : 'consent-record-27560'}-${event.id}.json`,
      contentType: 'application/json; charset=utf-8',
      body: JSON.stringify(body, null, 2),
    },
  };
}

/**
 * The people to ask for marketing consent again: their current marketing consent is a grant older than 24
 * months or given under a notice since replaced (the review queue's two reasons). Emails in clear, for
 * the mailing tool; audited like the suppression list. Erased people are not asked (they have no email).
 */
export async function exportReconsent(ctx: Ctx, actor: Actor, choice: EmailExport): Promise<FileResult> {
  const emails = emailExposure(actor, choice);
  const rows: (string | null)[][] = [['subject_id', 'account_id', 'email', 'granted_at', 'notice_version', 'reasons']];
  await ctx.deps.store.transaction(async (tx) => {
    const context = await reviewContext(tx, ctx);
    let cursor: string | undefined;
    do {
      // Reviewed or not: a reviewed stale grant is still stale.
      const page = await tx.consentStates.list({ purpose: 'marketing_emails', state: 'granted', cursor, limit: 1000 });
      for (const state of page.items) {
        const reasons = reviewReasonsFor(state, context).filter((r) => r === 'stale_marketing' || r === 'outdated_notice');
        if (reasons.length === 0) continue;
        const e = state.event;
        const email = (await tx.subjects.get(e.subjectId))?.email ?? e.email;
        // A person whose data was erased has no address to ask: only the keyed hash of it stays.
        if (!email) continue;
        rows.push([e.subjectId, e.accountId, emails.show(email), e.occurredAt, e.noticeVersion, reasons.join('; ')]);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    await audit(tx, ctx, actor, {
      action: 'consent.export_reconsent',
      recordType: 'subject',
      recordId: 'all',
      summary: `Exported the re-consent list (${rows.length - 1} people) ${emails.note}`,
    });
  });
  const date = localDate(ctx.now, ctx.timeZone);
  return { file: { filename: `re-consent-${date}.csv`, contentType: 'text/csv; charset=utf-8', body: toCsv(rows) } };
}

/**
 * People by the start of their email, their email's domain, or words of their name (issue 18), by id, with
 * emails masked. A text too short to narrow anything is a field error, not a list of everyone.
 */
export async function searchPeople(ctx: Ctx, query: PersonSearchQuery): Promise<Page<PersonResult>> {
  const match = personMatch(query.q);
  if (match === null) {
    throw new ApiError('bad_request', 'The search text is too short', {
      q: `Type at least ${MIN_PERSON_QUERY} letters of a name or an email address, or @ and ${MIN_PERSON_QUERY} of a domain`,
    });
  }
  const page = await ctx.deps.store.transaction((tx) => tx.subjects.search({ match, cursor: query.cursor, limit: query.limit }));
  return {
    ...page,
    items: page.items.map((s) => ({
      id: s.id,
      kind: s.kind,
      accountId: s.accountId,
      name: s.name,
      email: s.email ? maskEmail(s.email) : null,
    })),
  };
}
