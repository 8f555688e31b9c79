import type { AccessStatus } from '@/api/contract/support-access';
import { accessWaitingLabels } from '@/api/contract/support-access';
import type { BadgeTone } from '@/components/ui/badge';
import { Badge } from '@/components/ui/badge';
import { humanize } from '@/lib/format';

const tones: Record<AccessStatus, BadgeTone> = {
  pending: 'warning',
  active: 'success',
  denied: 'danger',
  declined: 'danger',
  expired: 'neutral',
  revoked: 'danger',
  withdrawn: 'neutral',
  ended: 'neutral',
  cancelled: 'neutral',
};

type Waiting = keyof typeof accessWaitingLabels;

/** A pending request says what it waits for: the customer's consent, a second officer, or an officer's decision. */
export function AccessStatusBadge({ status, waitingFor = null }: { status: AccessStatus; waitingFor?: Waiting | null }) {
  const label = status === 'pending' ? accessWaitingLabels[waitingFor ?? 'customer_consent'] : humanize(status);
  return <Badge tone={tones[status]}>{label}</Badge>;
}
