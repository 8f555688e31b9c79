import type { Role } from '../../api/contract/common';
import type { CardId } from './api/dashboard-queries';

export type CardSpec = { id: CardId; label: string; to: string; urgent: boolean };

const officerCards: readonly CardSpec[] = [
  { id: 'deletionsOverdue', label: 'Deletions overdue', to: '/deletions?overdue=1', urgent: true },
  { id: 'deletionsDueSoon', label: 'Deletions due within 7 days', to: '/deletions?dueWithinDays=7', urgent: false },
  { id: 'accessPending', label: 'Support requests awaiting approval', to: '/support-access?status=pending', urgent: false },
  { id: 'accessActive', label: 'Active support-access grants', to: '/support-access?status=active', urgent: false },
  { id: 'processorsAttention', label: 'Processors needing attention', to: '/processors?attention=1', urgent: true },
];

const agentCards: readonly CardSpec[] = [
  { id: 'accessPending', label: 'Your requests awaiting approval', to: '/support-access?status=pending', urgent: false },
  { id: 'accessActive', label: 'Your active grants', to: '/support-access?status=active', urgent: false },
];

/** What each role sees first (issue 2: support agents see their own requests and grants). */
export function cardsFor(role: Role): readonly CardSpec[] {
  return role === 'support_agent' ? agentCards : officerCards;
}
