import type { AccessStatus } from '@/api/contract/support-access';
import type { BadgeTone } from '@/components/ui/badge';
import { Badge } from '@/components/ui/badge';
import { humanize } from '@/lib/format';

const tones: Record<AccessStatus, BadgeTone> = {
  pending: 'warning',
  active: 'success',
  denied: 'danger',
  expired: 'neutral',
  revoked: 'danger',
  withdrawn: 'neutral',
  ended: 'neutral',
  cancelled: 'neutral',
};

const labels: Partial<Record<AccessStatus, string>> = { pending: 'Awaiting approval' };

export function AccessStatusBadge({ status }: { status: AccessStatus }) {
  return <Badge tone={tones[status]}>{labels[status] ?? humanize(status)}</Badge>;
}
