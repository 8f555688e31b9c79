import type { Account, Subject } from '@/api/contract/accounts';
import type { AuditEvent } from '@/api/contract/audit';
import type { ConsentEvent, Notice } from '@/api/contract/consent';
import type { DeletionRequest } from '@/api/contract/deletions';
import type { Processor } from '@/api/contract/processors';
import { newAuditEvent, newDeletionRequest, newSupportAccessRecord } from '@/api/records';
import type { SessionRecord, SupportAccessRecord, UserRecord } from '@/api/store/schemas';

/** Small hand-made records for tests; each takes overrides for what a test cares about. */

export const t0 = '2026-03-10T12:00:00.000Z';

export function hoursAfter(instant: string, hours: number): string {
  return new Date(Date.parse(instant) + hours * 3_600_000).toISOString();
}

export function makeUser(overrides: Partial<UserRecord> = {}): UserRecord {
  return {
    id: 'u-officer',
    email: 'officer@example.test',
    name: 'Olivia Officer',
    role: 'privacy_officer',
    passwordHash: 'scrypt$2$1$1$c2FsdHNhbHQ=$aGFzaA==',
    createdAt: t0,
    ...overrides,
  };
}

/** A session, named by its token hash; it was last seen when it was created, from nowhere in particular. */
export function makeSession(
  init: Pick<SessionRecord, 'tokenHash' | 'userId' | 'createdAt' | 'expiresAt'> & Partial<SessionRecord>,
): SessionRecord {
  return { id: `ses_${init.tokenHash}`, lastSeenAt: init.createdAt, address: null, userAgent: null, ...init };
}

export function makeAccount(overrides: Partial<Account> = {}): Account {
  return {
    id: 'acc-1',
    name: 'Acme Corp',
    hosting: 'cloud',
    plan: 'paid',
    status: 'active',
    primaryRegion: 'US',
    createdAt: t0,
    cancelledAt: null,
    peopleCount: 1,
    ...overrides,
  };
}

export function makeSubject(overrides: Partial<Subject> = {}): Subject {
  return {
    id: 'sub-1',
    kind: 'person',
    accountId: 'acc-1',
    name: 'Pat Person',
    email: 'pat@acme.test',
    accountRole: 'owner',
    ...overrides,
  };
}

export function makeNotice(overrides: Partial<Notice> = {}): Notice {
  return {
    hash: 'a'.repeat(64),
    purpose: 'marketing_emails',
    version: 'v1',
    text: 'May we email you about new features?',
    publishedAt: t0,
    ...overrides,
  };
}

export function makeConsentEvent(overrides: Partial<ConsentEvent> = {}): ConsentEvent {
  return {
    id: 'ce-1',
    subjectId: 'sub-1',
    accountId: 'acc-1',
    email: 'pat@acme.test',
    purpose: 'marketing_emails',
    action: 'granted',
    occurredAt: t0,
    recordedAt: t0,
    channel: 'sign_up_form',
    noticeVersion: 'v1',
    noticeHash: 'a'.repeat(64),
    evidence: { userAgent: 'Mozilla/5.0', ipHash: 'b'.repeat(64) },
    recordedBy: { kind: 'subject' },
    note: null,
    ...overrides,
  };
}

export function makeProcessor(overrides: Partial<Processor> = {}): Processor {
  return {
    id: 'proc-1',
    version: 1,
    status: 'active',
    noticeEndsAt: null,
    connector: null,
    createdAt: t0,
    updatedAt: t0,
    kind: 'processor',
    name: 'Mailer Inc',
    legalEntity: 'Mailer Inc.',
    category: 'email_marketing',
    description: 'Sends the newsletter.',
    dataCategories: ['email', 'name'],
    dataSubjects: ['customers'],
    purposes: [{ purpose: 'Newsletter', legalBasis: 'consent', consentPurpose: 'marketing_emails' }],
    locations: [{ country: 'US', transferMechanism: null }],
    dpfParticipant: 'Mailer Inc.',
    dpa: { status: 'signed', signedOn: '2025-01-10', reference: 'DPA-1', nextReview: null },
    privacyPolicyUrl: 'https://mailer.example/privacy',
    retention: { amount: 30, unit: 'days', trigger: 'account_cancelled', note: '' },
    owner: 'Marketing',
    lastReviewedOn: '2025-06-01',
    reviewCycleMonths: 12,
    ...overrides,
  };
}

export function makeSupportAccess(overrides: Partial<SupportAccessRecord> = {}): SupportAccessRecord {
  return newSupportAccessRecord({
    id: 'sar-1',
    accountId: 'acc-1',
    accountName: 'Acme Corp',
    requesterId: 'u-agent',
    requesterName: 'Alex Agent',
    ticketRef: 'TCK-1001',
    reason: 'Import fails',
    scope: 'read',
    durationHours: 24,
    createdAt: t0,
    decideBy: hoursAfter(t0, 12),
    ...overrides,
  });
}

export function makeDeletion(overrides: Partial<DeletionRequest> = {}): DeletionRequest {
  return newDeletionRequest({
    id: 'del-1',
    accountId: 'acc-1',
    accountName: 'Acme Corp',
    origin: 'cancellation',
    receivedAt: t0,
    dueAt: hoursAfter(t0, 30 * 24),
    createdAt: t0,
    ...overrides,
  });
}

export function makeAudit(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return newAuditEvent({
    id: 'aud-1',
    at: t0,
    actorId: 'u-officer',
    actorName: 'Olivia Officer',
    actorRole: 'privacy_officer',
    action: 'processor.update',
    recordType: 'processor',
    recordId: 'proc-1',
    summary: 'Changed the owner',
    changes: [{ field: 'owner', before: 'Sales', after: 'Marketing' }],
    ...overrides,
  });
}
