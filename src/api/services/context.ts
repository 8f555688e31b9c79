import type { AuditAction } from '@/api/contract/audit-actions';
import type { FieldChange, RecordType } from '@/api/contract/audit';
import type { ControllerDetails } from '@/api/contract/settings';
import type { User } from '@/api/contract/users';
import type { AppDeps } from '@/api/deps';
import { ApiError } from '@/api/errors';
import type { Refusal } from '@/api/rules/actions';
import type { Permission } from '@/api/rules/permissions';
import { DEFAULT_CONTROLLER } from '@/api/rules/controller';
import { DEFAULT_TIME_ZONE } from '@/api/rules/deadlines';
import { addDaysToDate, startOfLocalDay } from '@/api/rules/time';
import { newAuditEvent } from '@/api/records';
import type { Tx } from '@/api/store/store';

/**
 * Who is acting, and from where (for the audit log). A machine client acts as its API token: `user` then
 * names the token (its id and name) with its creator's role, and `token` carries the token's scope.
 */
export type Actor = { user: User; origin: string | null; token?: { id: string; scope: readonly Permission[] } };

/** What every service call gets: its dependencies and the instant it runs at. */
export type Ctx = {
  deps: AppDeps;
  now: Date;
  timeZone: string;
  /** Who the company is, as receipts and certificates name it. */
  controller: ControllerDetails;
};

export function makeCtx(deps: AppDeps): Ctx {
  return {
    deps,
    now: deps.now ? deps.now() : new Date(),
    timeZone: deps.timeZone ?? DEFAULT_TIME_ZONE,
    controller: deps.controller ?? DEFAULT_CONTROLLER,
  };
}

/** Enforces a rule's answer: a refusal becomes the API's 403 or 409 with the rule's own sentence. */
export function enforce(refusal: Refusal | null): void {
  if (refusal) throw new ApiError(refusal.code, refusal.reason);
}

export function notFound(what: string): ApiError {
  return new ApiError('not_found', `${what} not found`);
}

/** The version the client saw must be the stored one; otherwise someone changed the record meanwhile. */
export function checkVersion(seen: number, current: number): void {
  if (seen !== current) {
    throw new ApiError(
      'version_mismatch',
      `This record changed since you loaded it (you have version ${seen}, the current one is ${current}). Reload to see the newer version.`,
    );
  }
}

export function newId(prefix: string): string {
  return `${prefix}_${crypto.randomUUID().replace(/-/g, '').slice(0, 20)}`;
}

export type AuditInput = {
  action: AuditAction;
  recordType: RecordType;
  recordId: string;
  summary: string;
  changes?: FieldChange[];
};

/**
 * Every state change writes its audit event through this, inside the same transaction. `origin` is the
 * caller's address when there is no actor (a sign-in that was refused).
 */
export async function audit(tx: Tx, ctx: Ctx, actor: Actor | null, input: AuditInput, origin?: string): Promise<void> {
  await tx.audit.insert(
    newAuditEvent({
      id: newId('aud'),
      at: ctx.now.toISOString(),
      ...(origin !== undefined && { origin }),
      ...(actor && {
        actorId: actor.user.id,
        actorName: actor.user.name,
        // A token is no person of a role: the audit names it alone.
        actorRole: actor.token ? null : actor.user.role,
        origin: actor.origin,
      }),
      action: input.action,
      recordType: input.recordType,
      recordId: input.recordId,
      summary: input.summary,
      changes: input.changes ?? [],
    }),
  );
}

/**
 * A value as JSON with object keys sorted: PostgreSQL's jsonb gives keys back in its own order, so the
 * same retention rule read from the store and sent by a form must still compare equal.
 */
export function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** The fields whose values differ between two versions of a record, for the audit log and history. */
export function diff<T extends object>(before: Partial<T>, after: T, fields: readonly (keyof T & string)[]): FieldChange[] {
  return (
    fields
      .filter((f) => canonical(before[f]) !== canonical(after[f]))
      // JSON has no undefined: a field that did not exist before is `null`, so the key survives the trip.
      .map((f) => ({ field: f, before: before[f] ?? null, after: after[f] ?? null }))
  );
}

/** A download: the app answers it as a file, not JSON. */
/** A download: its text or bytes, or a stream of it for long exports (./streaming). */
export type FileResult = {
  file: { filename: string; contentType: string; body: string | Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array> };
};

/**
 * A filter's `from` and `to` (calendar dates, both inclusive) as the instants a store reads: from the start
 * of `from` to the start of the day after `to`, on the company's calendar. Every list and every figure that
 * counts "since a date" goes through here, so they count the same days. A range that ends before it starts
 * is refused, naming `to`.
 */
export function calendarRange(ctx: Ctx, query: { from?: string; to?: string }): { since?: string; before?: string } {
  if (query.from && query.to && query.from > query.to) {
    throw new ApiError('bad_request', 'The date range ends before it starts', { to: 'Must not be before From' });
  }
  return {
    ...(query.from && { since: startOfLocalDay(query.from, ctx.timeZone).toISOString() }),
    ...(query.to && { before: startOfLocalDay(addDaysToDate(query.to, 1), ctx.timeZone).toISOString() }),
  };
}
