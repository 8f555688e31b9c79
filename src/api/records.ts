import type { AuditEvent } from '@/api/contract/audit';
import type { DeletionRequest } from '@/api/contract/deletions';
import type { SupportAccessRecord } from '@/api/store/schemas';

/** The fields a record cannot do without, plus any others that differ from how a new record starts. */
type Init<R, Required extends keyof R> = Pick<R, Required> & Partial<Omit<R, Required>>;

/**
 * Records as they start, in one place: the services, the demo seed and the test fixtures each say only
 * what is particular to theirs, so a field added to a record is added here once.
 */

/** A support-access request as asked: pending, undecided, no consent, no login details, nothing ended. */
export function newSupportAccessRecord(
  init: Init<
    SupportAccessRecord,
    | 'id'
    | 'accountId'
    | 'accountName'
    | 'requesterId'
    | 'requesterName'
    | 'ticketRef'
    | 'reason'
    | 'scope'
    | 'durationHours'
    | 'createdAt'
    | 'decideBy'
  >,
): SupportAccessRecord {
  return {
    version: 1,
    status: 'pending',
    consentOwner: null,
    consentLink: null,
    consent: null,
    reveals: [],
    hasCredentials: false,
    decidedBy: null,
    decidedByName: null,
    decidedAt: null,
    denialReason: null,
    grantStartsAt: null,
    grantEndsAt: null,
    endedAt: null,
    endReason: null,
    timeline: [],
    ...init,
  };
}

/** A deletion request as opened: pending review, by the system unless said otherwise, nothing decided yet. */
export function newDeletionRequest(
  init: Init<DeletionRequest, 'id' | 'accountId' | 'accountName' | 'origin' | 'receivedAt' | 'dueAt' | 'createdAt'>,
): DeletionRequest {
  return {
    version: 1,
    status: 'pending_review',
    extension: null,
    createdBy: null,
    createdByName: 'System',
    recordedBy: [],
    firstApproval: null,
    person: null,
    approvedBy: null,
    approvedByName: null,
    approvedAt: null,
    rejectionReason: null,
    completedAt: null,
    holds: [],
    tasks: [],
    timeline: [],
    certificate: null,
    ...init,
  };
}

/** An audit event; without an actor it was the system's doing. */
export function newAuditEvent(init: Init<AuditEvent, 'id' | 'at' | 'action' | 'recordType' | 'recordId' | 'summary'>): AuditEvent {
  return { actorId: null, actorName: 'System', actorRole: null, changes: [], origin: null, ...init };
}
