/**
 * Calendar arithmetic in a named time zone. Instants are stored in UTC; "30 days" and "one month" are
 * counted on the company's calendar, so a deadline keeps its local time of day across a DST change.
 */
type LocalParts = { year: number; month: number; day: number; hour: number; minute: number; second: number; ms: number };

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function localParts(instant: Date, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
    ms: instant.getUTCMilliseconds(),
  };
}

function offsetMs(instant: Date, timeZone: string): number {
  const p = localParts(instant, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.ms) - instant.getTime();
}

/** The UTC instant of a wall-clock time in `timeZone` (a time skipped by DST resolves forward). */
export function fromLocal(p: LocalParts, timeZone: string): Date {
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.ms);
  let guess = asUtc - offsetMs(new Date(asUtc), timeZone);
  guess = asUtc - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function addCalendarDays(instant: Date, days: number, timeZone: string): Date {
  const p = localParts(instant, timeZone);
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + days));
  return fromLocal({ ...p, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }, timeZone);
}

/** One calendar month later: 31 Jan -> 28/29 Feb, the last day of the shorter month (GDPR Art. 12(3)). */
export function addCalendarMonths(instant: Date, months: number, timeZone: string): Date {
  const p = localParts(instant, timeZone);
  const index = p.year * 12 + (p.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return fromLocal({ ...p, year, month, day: Math.min(p.day, daysInMonth(year, month)) }, timeZone);
}

export function addHours(instant: Date, hours: number): Date {
  return new Date(instant.getTime() + hours * 3_600_000);
}

/** The calendar date (YYYY-MM-DD) of an instant in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  const p = localParts(instant, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Whole calendar days from `now` to `due` in `timeZone`: 0 on the due date, negative once past it. */
export function calendarDaysBetween(now: Date, due: Date, timeZone: string): number {
  const a = Date.parse(localDate(now, timeZone));
  const b = Date.parse(localDate(due, timeZone));
  return Math.round((b - a) / 86_400_000);
}

/** A calendar date plus whole months, as a date (review cycles). */
export function addMonthsToDate(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(d, daysInMonth(year, month));
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function addDaysToDate(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The first instant of each calendar month (in `timeZone`) from the month holding `from` to the one after `to`. */
export function monthStarts(from: string, to: string, timeZone: string): { month: string; start: string }[] {
  const p = localParts(new Date(from), timeZone);
  const out: { month: string; start: string }[] = [];
  let { year, month } = p;
  for (;;) {
    const start = fromLocal({ year, month, day: 1, hour: 0, minute: 0, second: 0, ms: 0 }, timeZone).toISOString();
    out.push({ month: `${year}-${String(month).padStart(2, '0')}`, start });
    if (start > to) return out;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}

/** The first instant of a calendar date (YYYY-MM-DD) in `timeZone`: where a day of the company's calendar starts. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return fromLocal({ year, month, day, hour: 0, minute: 0, second: 0, ms: 0 }, timeZone);
}

const wordsFormats = new Map<string, Intl.DateTimeFormat>();
function wordsFormat(timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${withTime}`;
  let f = wordsFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      ...(withTime && { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }),
    });
    wordsFormats.set(key, f);
  }
  return f;
}

/**
 * A calendar date (`2026-12-20`) as the API's sentences say it: "Dec 20, 2026". People read refusal
 * reasons, timelines and certificates; `2026-12-20` is for machines (and reads as 12 Feb in some places).
 */
export function dateInWords(date: string): string {
  return wordsFormat('UTC', false).format(new Date(`${date.slice(0, 10)}T00:00:00.000Z`));
}

/** An instant as the API's sentences say it, on the company's clock: "Dec 20, 2026, 09:06 CET". */
export function instantInWords(iso: string | Date, timeZone: string): string {
  return wordsFormat(timeZone, true).format(typeof iso === 'string' ? new Date(iso) : iso);
}

/** The company-calendar date of an instant, in words: "Dec 20, 2026". */
export function dayInWords(iso: string | Date, timeZone: string): string {
  return wordsFormat(timeZone, false).format(typeof iso === 'string' ? new Date(iso) : iso);
}
