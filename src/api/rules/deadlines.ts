import { addCalendarDays, addCalendarMonths, addHours } from './time';

/** Policy 5.7: a cancelled account's data is deleted within 30 days of cancellation. */
export const CANCELLATION_DELETION_DAYS = 30;
/** GDPR Art. 12(3): a person's request is answered within one calendar month of receipt... */
export const ERASURE_RESPONSE_MONTHS = 1;
/** ...with one extension of up to two further months. */
export const MAX_EXTENSION_MONTHS = 2;
/** Our rule (as Customer Lockbox): a support-access request not decided in 12 hours expires. */
export const ACCESS_DECISION_HOURS = 12;
/** GDPR Art. 28(2): customers hear of a new sub-processor before it starts; 30 days is our notice. */
export const DEFAULT_PROCESSOR_NOTICE_DAYS = 30;
export const DEFAULT_TIME_ZONE = 'Europe/Belgrade';

export function deletionDueAt(origin: 'cancellation' | 'erasure_request', receivedAt: Date, timeZone: string): Date {
  return origin === 'cancellation'
    ? addCalendarDays(receivedAt, CANCELLATION_DELETION_DAYS, timeZone)
    : addCalendarMonths(receivedAt, ERASURE_RESPONSE_MONTHS, timeZone);
}

/** The extended deadline of an erasure request: counted from receipt, one month plus the extension. */
export function extendedDueAt(receivedAt: Date, extensionMonths: number, timeZone: string): Date {
  return addCalendarMonths(receivedAt, ERASURE_RESPONSE_MONTHS + extensionMonths, timeZone);
}

export function accessDecideBy(createdAt: Date): Date {
  return addHours(createdAt, ACCESS_DECISION_HOURS);
}

export function processorNoticeEndsAt(createdAt: Date, noticeDays: number, timeZone: string): Date {
  return addCalendarDays(createdAt, noticeDays, timeZone);
}
