/**
 * The browser's date and time inputs speak the reader's own time zone without one written down
 * (`2026-11-29T10:15`, `2026-11-29`); the API speaks UTC instants. These translate between the two.
 */
const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-11-29`, the reader's calendar day of `date`, as a date input wants it. */
export function localDateValue(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `2026-11-29T10:15`, the reader's local time of `date`, as a datetime-local input wants it. */
export function localDateTimeValue(date: Date): string {
  return `${localDateValue(date)}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * A date or datetime-local input's value as a UTC instant (a date alone: the start of that day). What
 * cannot be read stays as typed, so the contract's schema refuses it with its message for that field.
 */
export function instantFromLocal(value: string): string {
  const when = new Date(/T/.test(value) ? value : `${value}T00:00`);
  return value === '' || Number.isNaN(when.getTime()) ? value : when.toISOString();
}
