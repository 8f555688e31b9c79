/**
 * Display formatting. Instants arrive in UTC and are shown in the user's own time zone (the runtime's,
 * unless a test or a setting passes one, or the server draws a page for a reader: `drawInZone`); calendar
 * dates carry no time zone and are shown as they are.
 */
import { calendarDaysBetween, localDate } from '@/api/rules/time';

type ZoneOptions = { timeZone?: string; locale?: string };

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/**
 * Intl formatters, made once per kind, locale and time zone: making one costs far more than using it, and a
 * table formats a date in every row.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();

function cached<F extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(key: unknown[], make: () => F): F {
  const k = JSON.stringify(key);
  let f = formatters.get(k) as F | undefined;
  if (!f) {
    f = make();
    formatters.set(k, f);
  }
  return f;
}

/**
 * The console's words are English, and its dates and numbers are spelled as en-US unless a caller asks for
 * another locale: on the server and in every browser alike, so a page the server drew hydrates unchanged for a
 * reader whose browser speaks German (the browser's own locale drew "3. Dez." where the server drew "Dec 3").
 */
export const CONSOLE_LOCALE = 'en-US';

/**
 * The reader's zone while the server draws a page for them (server/page-routes.ts), else undefined: the
 * runtime's own. The browser tells the server its zone (src/lib/zone-cookie.ts), so the page it is given shows every
 * instant as the browser shows it, and React takes the page over without a mismatch.
 */
let drawnZone: string | undefined;

/** A zone the runtime knows (an IANA name such as `Europe/Berlin`), or undefined for anything else. */
export function knownTimeZone(zone: unknown): string | undefined {
  if (typeof zone !== 'string' || zone.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(zone)) return undefined;
  try {
    return new Intl.DateTimeFormat(CONSOLE_LOCALE, { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** Runs `draw` (synchronous: one renderToString) with `zone` as the reader's; an unknown zone is the runtime's. */
export function drawInZone<T>(zone: string | undefined, draw: () => T): T {
  const before = drawnZone;
  drawnZone = knownTimeZone(zone);
  try {
    return draw();
  } finally {
    drawnZone = before;
  }
}

const dateTimeFormat = (locale: string | undefined, options: Intl.DateTimeFormatOptions) => {
  const zoned = options.timeZone === undefined && drawnZone !== undefined ? { ...options, timeZone: drawnZone } : options;
  return cached(['dt', locale, zoned], () => new Intl.DateTimeFormat(locale ?? CONSOLE_LOCALE, zoned));
};

const instantParts: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
};

/** An instant with its zone, so a reader never wonders which clock: "Dec 31, 2026, 09:06 CET". */
export function formatDateTime(iso: string, { timeZone, locale }: ZoneOptions = {}): string {
  return dateTimeFormat(locale, { ...instantParts, timeZone }).format(new Date(iso));
}

/** An instant to the second, in the same form as `formatDateTime` ("Dec 1, 2026, 15:04:05 UTC"): for records of who did what when. */
export function formatInstant(iso: string, { timeZone, locale }: ZoneOptions = {}): string {
  return dateTimeFormat(locale, { ...instantParts, second: '2-digit', timeZone }).format(new Date(iso));
}

export function formatDate(iso: string, { timeZone, locale }: ZoneOptions = {}): string {
  return dateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(new Date(iso));
}

/** A calendar date (`2026-11-29`): the same day wherever the reader is. */
export function formatCalendarDate(date: string, { locale }: { locale?: string } = {}): string {
  return dateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

/** "in 3 days", "2 hours ago": hours under a day, days beyond. */
export function formatRelative(iso: string, now: Date, { locale }: { locale?: string } = {}): string {
  const diff = new Date(iso).getTime() - now.getTime();
  const rtf = cached(['rt', locale], () => new Intl.RelativeTimeFormat(locale ?? CONSOLE_LOCALE, { numeric: 'always' }));
  if (Math.abs(diff) < HOUR) return rtf.format(Math.trunc(diff / 60000), 'minute');
  if (Math.abs(diff) < DAY) return rtf.format(Math.trunc(diff / HOUR), 'hour');
  return rtf.format(Math.trunc(diff / DAY), 'day');
}

export type Deadline = { overdue: boolean; label: string };

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/** The reader's own zone: the runtime's, or the one the server is drawing a page in. */
export function readerTimeZone(): string {
  return drawnZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The company's zone, where deadlines are counted, and the reader's, where they may be read. */
export type Zones = { company: string; reader?: string; locale?: string };

/** "Dec 31", or "Jan 3, 2027" when the day is in another year than today (both on the company's calendar). */
function dayLabel(due: Date, now: Date, timeZone: string, locale: string | undefined): string {
  const sameYear = localDate(due, timeZone).slice(0, 4) === localDate(now, timeZone).slice(0, 4);
  return dateTimeFormat(locale, { month: 'short', day: 'numeric', ...(sameYear ? {} : { year: 'numeric' }), timeZone }).format(due);
}

/**
 * How a deadline stands now, in calendar days on the company's calendar (where the law counts them, so a
 * DST change or the reader's zone never makes it "30 days plus an hour"): "in 12 days (Dec 31)",
 * "3 days overdue (Nov 28)"; on the day itself the hours: "today, in 5 hours (Dec 1)". Where the reader's
 * calendar puts the moment on another day, that day is added: "in 12 days (Dec 31; Dec 30 your time)".
 */
export function describeDeadline(dueIso: string, now: Date, { company, reader = readerTimeZone(), locale }: Zones): Deadline {
  const due = new Date(dueIso);
  const overdue = due.getTime() < now.getTime();
  const days = calendarDaysBetween(now, due, company);
  const hours = plural(Math.max(1, Math.floor(Math.abs(due.getTime() - now.getTime()) / HOUR)), 'hour');
  const span =
    days > 0
      ? `in ${plural(days, 'day')}`
      : days < 0
        ? `${plural(-days, 'day')} overdue`
        : overdue
          ? `today, ${hours} overdue`
          : `today, in ${hours}`;
  const day = dayLabel(due, now, company, locale);
  const readerDay = localDate(due, reader) === localDate(due, company) ? null : dayLabel(due, now, reader, locale);
  return { overdue, label: `${span} (${day}${readerDay ? `; ${readerDay} your time` : ''})` };
}

/**
 * An instant on the company's clock, and on the reader's after it when theirs reads otherwise:
 * "Dec 31, 2026, 09:06 CET (08:06 GMT your time)".
 */
export function formatCompanyTime(iso: string, { company, reader = readerTimeZone(), locale }: Zones): string {
  const there = formatDateTime(iso, { timeZone: company, locale });
  const here = formatDateTime(iso, { timeZone: reader, locale });
  if (here === there) return there;
  const sameDay = localDate(new Date(iso), reader) === localDate(new Date(iso), company);
  const own = sameDay
    ? dateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short', timeZone: reader }).format(
        new Date(iso),
      )
    : here;
  return `${there} (${own} your time)`;
}

/** `jane.doe@example.com` -> `j***@example.com`. Leaves anything that is not an address as it is. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return email;
  return `${email[0]}***${email.slice(at)}`;
}

/** `billing_platform` -> `Billing platform`, for enum values that have no label of their own. */
export function humanize(value: string): string {
  const words = value.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function formatCount(count: number, { locale }: { locale?: string } = {}): string {
  return cached(['n', locale], () => new Intl.NumberFormat(locale ?? CONSOLE_LOCALE)).format(count);
}

/** A file's size as people read it: "812 bytes", "48 KB", "2.4 MB" (1 KB = 1024 bytes, as the upload limit counts). */
export function formatFileSize(bytes: number, { locale }: { locale?: string } = {}): string {
  if (bytes < 1024) return `${formatCount(bytes, { locale })} bytes`;
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KB'] : [bytes / (1024 * 1024), 'MB'];
  const digits = value < 10 ? 1 : 0;
  const number = cached(
    ['size', locale, digits],
    () => new Intl.NumberFormat(locale ?? CONSOLE_LOCALE, { maximumFractionDigits: digits }),
  ).format(value);
  return `${number} ${unit}`;
}
