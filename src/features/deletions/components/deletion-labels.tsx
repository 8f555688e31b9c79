import type { DeletionListItem, DeletionStatus } from '@/api/contract/deletions';
import { isOpen } from '@/api/rules/deletions';
import type { BadgeTone } from '@/components/ui/badge';
import { Badge } from '@/components/ui/badge';
import { describeDeadline, humanize } from '@/lib/format';
import { useZones } from '@/lib/session';

const tones: Record<DeletionStatus, BadgeTone> = {
  pending_review: 'warning',
  approved: 'info',
  in_progress: 'info',
  completed: 'success',
  rejected: 'neutral',
};

export function DeletionStatusBadge({ status }: { status: DeletionStatus }) {
  return <Badge tone={tones[status]}>{humanize(status)}</Badge>;
}

/** The fields a deadline is read from: a list's item has them, as does the whole request. */
type Deadline = Pick<DeletionListItem, 'status' | 'dueAt' | 'extension'>;

/** The deadline that counts: the extended one when an extension was granted. */
export function effectiveDue(request: Deadline): string {
  return request.extension?.until ?? request.dueAt;
}

/** Days left or overdue, only while the request still runs against its deadline. */
export function DeadlineNote({ request, now }: { request: Deadline; now: Date }) {
  const zones = useZones();
  if (!isOpen(request.status)) return null;
  const deadline = describeDeadline(effectiveDue(request), now, zones);
  return deadline.overdue ? (
    <Badge tone="danger">{deadline.label}</Badge>
  ) : (
    <span className="text-xs text-gray-700">Due {deadline.label}</span>
  );
}
