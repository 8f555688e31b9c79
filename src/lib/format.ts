/**
 * Display formatting. Instants arrive in UTC and are shown in the user's own time zone (the runtime's,
 * unless a test or a setting passes one); calendar dates carry no time zone and are shown as they are.
 */
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

const dateTimeFormat = (locale: string | undefined, options: Intl.DateTimeFormatOptions) =>
  cached(['dt', locale, options], () => new Intl.DateTimeFormat(locale, options));

/** An instant with its zone, so a reader never wonders which clock: "Dec 31, 2026, 09:06 CET". */
export function formatDateTime(iso: string, { timeZone, locale }: ZoneOptions = {}): string {
  const options: Intl.DateTimeFormatOptions = {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
    timeZone,
  };
  return dateTimeFormat(locale, options).format(new Date(iso));
}

/** An instant to the second, with its zone ("1 Dec 2026, 15:04:05 UTC"): for records of who did what when. */
export function formatInstant(iso: string, { timeZone, locale }: ZoneOptions = {}): string {
  return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'long', timeZone }).format(new Date(iso));
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
  const rtf = cached(['rt', locale], () => new Intl.RelativeTimeFormat(locale, { numeric: 'always' }));
  if (Math.abs(diff) < HOUR) return rtf.format(Math.trunc(diff / 60000), 'minute');
  if (Math.abs(diff) < DAY) return rtf.format(Math.trunc(diff / HOUR), 'hour');
  return rtf.format(Math.trunc(diff / DAY), 'day');
}

export type Deadline = { overdue: boolean; label: string };

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/** How a deadline stands now: "in 3 days", "in 5 hours", "2 days overdue". */
export function describeDeadline(dueIso: string, now: Date): Deadline {
  const diff = new Date(dueIso).getTime() - now.getTime();
  const abs = Math.abs(diff);
  const span = abs < DAY ? plural(Math.max(1, Math.floor(abs / HOUR)), 'hour') : plural(Math.floor(abs / DAY), 'day');
  return diff < 0 ? { overdue: true, label: `${span} overdue` } : { overdue: false, label: `in ${span}` };
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
  return cached(['n', locale], () => new Intl.NumberFormat(locale)).format(count);
}

/** `RS` -> `Serbia`, in the user's language. */
export function countryName(code: string, { locale }: { locale?: string } = {}): string {
  try {
    return new Intl.DisplayNames(locale, { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A file's size as people read it: "812 bytes", "48 KB", "2.4 MB" (1 KB = 1024 bytes, as the upload limit counts). */
export function formatFileSize(bytes: number, { locale }: { locale?: string } = {}): string {
  if (bytes < 1024) return `${formatCount(bytes, { locale })} bytes`;
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KB'] : [bytes / (1024 * 1024), 'MB'];
  const digits = value < 10 ? 1 : 0;
  const number = cached(['size', locale, digits], () => new Intl.NumberFormat(locale, { maximumFractionDigits: digits })).format(value);
  return `${number} ${unit}`;
}
