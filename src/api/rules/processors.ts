import type { Attention, Processor, ProcessorStatus, ProcessorView } from '@/api/contract/processors';
import { addMonthsToDate } from './time';
import { lacksMechanism } from './transfers';

export function nextReviewOn(p: Pick<Processor, 'lastReviewedOn' | 'reviewCycleMonths'>): string | null {
  return p.lastReviewedOn ? addMonthsToDate(p.lastReviewedOn, p.reviewCycleMonths) : null;
}

/** The "needs attention" flags, each with its reason. `today` is a calendar date. */
export function attentionFor(p: Processor, today: string): Attention[] {
  const flags: Attention[] = [];
  if (p.status === 'retired') return flags;
  const next = nextReviewOn(p);
  if (next === null) flags.push({ reason: 'review_overdue', message: 'Never reviewed' });
  else if (next < today) flags.push({ reason: 'review_overdue', message: `Review was due on ${next}` });
  if (p.kind === 'processor' && p.dpa.status !== 'signed') {
    flags.push({ reason: 'no_signed_dpa', message: p.dpa.status === 'pending' ? 'DPA not yet signed' : 'No DPA on record' });
  }
  const lacking = p.locations.filter(lacksMechanism);
  if (lacking.length > 0) {
    flags.push({
      reason: 'transfer_without_mechanism',
      message: `No transfer mechanism for ${lacking.map((l) => l.country).join(', ')}`,
    });
  }
  if (p.retention === null) flags.push({ reason: 'retention_missing', message: 'No retention rule on record' });
  return flags;
}

export function toProcessorView(p: Processor, today: string): ProcessorView {
  return { ...p, attention: attentionFor(p, today), nextReviewOn: nextReviewOn(p) };
}

/** Why a status change is refused, or null when allowed. A proposed processor waits out its notice period. */
export function statusChangeBlocker(p: Processor, to: ProcessorStatus, now: Date): string | null {
  if (p.status === to) return null;
  if (p.status === 'retired') return 'A retired processor cannot be brought back; add it again';
  if (to === 'proposed') return 'A processor cannot go back to proposed';
  if (to === 'active' && p.noticeEndsAt && new Date(p.noticeEndsAt) > now) {
    return `The customer notice period ends on ${p.noticeEndsAt.slice(0, 10)}; it cannot become active before then`;
  }
  return null;
}
