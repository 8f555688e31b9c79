import { useNow } from '@/lib/now';

/** "1 d 4 h 12 min" (or "12 min"), from seconds. */
function formatDuration(seconds: number): string {
  const s = Math.abs(Math.round(seconds));
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const parts = [days ? `${days} d` : null, hours || days ? `${hours} h` : null, `${minutes} min`].filter(Boolean);
  return parts.join(' ');
}

type CountdownProps = {
  /** Seconds left as the server counted them when it answered (its clock, which the reader's may not match). */
  secondsLeft: number;
  /** When that answer arrived, by the reader's clock (a query's dataUpdatedAt). */
  receivedAt: number;
  /** What the time is left for: "to notify the supervisory authority". */
  label: string;
};

/**
 * Time left until a deadline, ticking each 30 seconds from the server's count (so a server clock moved by
 * tests, or a reader's wrong clock, shows the server's deadline). Once past it says how long ago, in red.
 */
export function Countdown({ secondsLeft, receivedAt, label }: CountdownProps) {
  const now = useNow(30_000).getTime();
  const left = secondsLeft - Math.max(0, now - receivedAt) / 1000;
  if (left < 0) {
    return (
      <span className="font-medium text-red-700">
        Overdue by {formatDuration(left)} {label}
      </span>
    );
  }
  return (
    <span className={left < 12 * 3600 ? 'font-medium text-red-700' : 'font-medium text-gray-900'}>
      {formatDuration(left)} left {label}
    </span>
  );
}
