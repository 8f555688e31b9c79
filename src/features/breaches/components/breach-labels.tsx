import type { BreachClock, BreachStatus, BreachView } from '@/api/contract/breaches';
import type { BadgeTone } from '@/components/ui/badge';
import { Badge } from '@/components/ui/badge';
import { Countdown } from '@/components/ui/countdown';
import { formatCompanyTime } from '@/lib/format';
import { useZones } from '@/lib/session';

const statusTones: Record<BreachStatus, BadgeTone> = { open: 'danger', contained: 'warning', closed: 'neutral' };

export function BreachStatusBadge({ status }: { status: BreachStatus }) {
  return <Badge tone={statusTones[status]}>{status[0]?.toUpperCase() + status.slice(1)}</Badge>;
}

const audienceWords = { authority: 'to notify the supervisory authority', customers: 'to tell the customers' } as const;
const audienceNames = { authority: 'Supervisory authority', customers: 'Customers' } as const;

/** One clock: its countdown while it runs, else how it ended. */
function ClockLine({ clock, receivedAt }: { clock: BreachClock; receivedAt: number }) {
  const zones = useZones();
  const due = <time dateTime={clock.deadline}>{formatCompanyTime(clock.deadline, zones)}</time>;
  switch (clock.state) {
    case 'running':
    case 'missed':
      return (
        <span>
          <Countdown secondsLeft={clock.secondsLeft ?? 0} receivedAt={receivedAt} label={audienceWords[clock.audience]} /> (due {due})
        </span>
      );
    case 'met':
      return (
        <span>
          {audienceNames[clock.audience]}: notified on time (due {due})
        </span>
      );
    case 'late':
      return (
        <span className="text-red-700">
          {audienceNames[clock.audience]}: notified late, with the reasons for the delay (due {due})
        </span>
      );
    case 'not_required':
      return (
        <span className="text-gray-700">
          {audienceNames[clock.audience]}: no notification required, as assessed (would have been due {due})
        </span>
      );
  }
}

export function BreachClocks({ breach, receivedAt }: { breach: Pick<BreachView, 'clocks'>; receivedAt: number }) {
  if (breach.clocks.length === 0) return null;
  return (
    <ul className="space-y-1 text-sm">
      {breach.clocks.map((clock) => (
        <li key={clock.audience}>
          <ClockLine clock={clock} receivedAt={receivedAt} />
        </li>
      ))}
    </ul>
  );
}
