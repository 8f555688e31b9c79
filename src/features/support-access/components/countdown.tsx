import { useEffect, useRef } from 'react';
import { useNow } from '@/lib/now';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const two = (n: number) => String(n).padStart(2, '0');

/** `2 d 03 h 10 min`, `1 h 02 min 05 s`, `4 min 05 s`: seconds only once the end is under a day away. */
export function formatCountdown(ms: number): string {
  const left = Math.max(0, ms);
  const days = Math.floor(left / DAY);
  const hours = Math.floor((left % DAY) / HOUR);
  const minutes = Math.floor((left % HOUR) / MINUTE);
  const seconds = Math.floor((left % MINUTE) / SECOND);
  if (days > 0) return `${days} d ${two(hours)} h ${two(minutes)} min`;
  if (hours > 0) return `${hours} h ${two(minutes)} min ${two(seconds)} s`;
  return `${minutes} min ${two(seconds)} s`;
}

/** How long something has waited: `3 h 05 min`, `2 d 04 h`. */
export function formatAge(ms: number): string {
  const age = Math.max(0, ms);
  const days = Math.floor(age / DAY);
  const hours = Math.floor((age % DAY) / HOUR);
  const minutes = Math.floor((age % HOUR) / MINUTE);
  if (days > 0) return `${days} d ${two(hours)} h`;
  return hours > 0 ? `${hours} h ${two(minutes)} min` : `${minutes} min`;
}

type CountdownProps = {
  until: string;
  /** Called once when the time is up: the page then asks the server, which alone decides what happened. */
  onElapsed?: () => void;
  suffix?: string;
};

/** Time left until `until`, ticking. A timer role, which screen readers do not announce on every tick. */
export function Countdown({ until, onElapsed, suffix = 'left' }: CountdownProps) {
  const now = useNow(1000);
  const left = new Date(until).getTime() - now.getTime();
  const fired = useRef<string | null>(null);
  useEffect(() => {
    if (left > 0 || fired.current === until) return;
    fired.current = until;
    onElapsed?.();
  }, [left, until, onElapsed]);
  return (
    <span role="timer" className="font-mono text-sm whitespace-nowrap tabular-nums">
      {left > 0 ? `${formatCountdown(left)}${suffix ? ` ${suffix}` : ''}` : 'Time is up; checking…'}
    </span>
  );
}
