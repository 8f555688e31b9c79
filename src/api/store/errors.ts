import { ApiError } from '@/api/errors';

/**
 * The refusals every store answers alike, whatever it runs on: the SQL store turns its database's errors
 * into these, the MemoryStore checks the same rules itself. They are ApiErrors, so one a service does not
 * handle still gets its status (never a 500); services catch them where they can say more.
 */
class StoreError extends ApiError {}

/** A record the write needs is missing: the one to update, or one it refers to (a foreign key). */
export class NotFoundError extends StoreError {
  constructor(
    readonly table: string,
    message = `There is no such ${table} record`,
  ) {
    super('not_found', message);
    this.name = 'NotFoundError';
  }
}

/** The stored version is not the one the write expected: someone else wrote first. */
export class VersionConflictError extends StoreError {
  constructor(readonly table: string) {
    super('version_mismatch', 'Someone else changed this record at the same moment. Reload to see the newer version.');
    this.name = 'VersionConflictError';
  }
}

/**
 * The uniqueness rules, by name. On SQL each is a unique index (migrations 001 and 004), so they hold
 * across many instances and concurrent transactions.
 */
export const uniqueRules = {
  /** Each table's key: an id (a hash, an email) used twice. */
  key: 'A record with this key already exists',
  /** A user's email address, case-insensitively. */
  user_email: 'A user with this email address already exists',
  /** One open (pending or active) support-access request per agent and account. */
  open_support_access: 'This agent already has an open request for this account',
  /** One open (not completed, not rejected) deletion request per account. */
  open_deletion: 'This account already has an open deletion request',
  /** A processor's name, case-insensitively, among the processors not retired. */
  processor_name: 'A processor with this name is already in the registry',
  /** One review per consent event. */
  consent_review: 'This event has been reviewed already',
} as const;
export type UniqueRule = keyof typeof uniqueRules;

/** A write would break one of the uniqueness rules. */
export class UniqueViolationError extends StoreError {
  constructor(
    readonly rule: UniqueRule,
    readonly table: string,
  ) {
    super('conflict', uniqueRules[rule]);
    this.name = 'UniqueViolationError';
  }
}

export function isUniqueViolation(error: unknown, rule: UniqueRule): error is UniqueViolationError {
  return error instanceof UniqueViolationError && error.rule === rule;
}
