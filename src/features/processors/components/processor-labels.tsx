import type { AttentionReason, DataCategory, ProcessorStatus, ProcessorView } from '@/api/contract/processors';
import type { BadgeTone } from '@/components/ui/badge';
import { Badge } from '@/components/ui/badge';
import { humanize } from '@/lib/format';

const statusTone: Record<ProcessorStatus, BadgeTone> = { proposed: 'info', active: 'success', retired: 'neutral' };

export function ProcessorStatusBadge({ status }: { status: ProcessorStatus }) {
  return <Badge tone={statusTone[status]}>{humanize(status)}</Badge>;
}

const dpaTone: Record<ProcessorView['dpa']['status'], BadgeTone> = { signed: 'success', pending: 'warning', none: 'danger' };

export function DpaBadge({ dpa }: { dpa: ProcessorView['dpa'] }) {
  return <Badge tone={dpaTone[dpa.status]}>{dpa.status === 'none' ? 'No DPA' : humanize(dpa.status)}</Badge>;
}

export function AttentionList({ attention }: { attention: ProcessorView['attention'] }) {
  if (attention.length === 0) return <span className="text-gray-600">None</span>;
  return (
    <ul className="space-y-1">
      {attention.map((item) => (
        <li key={item.reason}>
          <Badge tone="warning" wrap>
            {item.message}
          </Badge>
        </li>
      ))}
    </ul>
  );
}

/** The attention filter's choices, each a reason a processor needs attention. */
export const attentionReasonLabels: Record<AttentionReason, string> = {
  review_overdue: 'Review overdue',
  no_signed_dpa: 'No signed DPA',
  transfer_without_mechanism: 'Transfer without a mechanism',
  retention_missing: 'Retention not recorded',
  dpa_expiring: 'DPA expiring',
};

const dataCategoryNames: Partial<Record<DataCategory, string>> = { ip_address: 'IP address', crm_contact_data: 'CRM contact data' };

export function dataCategoryLabel(category: DataCategory): string {
  return dataCategoryNames[category] ?? humanize(category);
}

/** "14 days after recording", or "Until account cancelled"; the note only in the long form. */
export function retentionText(retention: ProcessorView['retention'], { short = false }: { short?: boolean } = {}): string {
  if (!retention) return 'Not recorded';
  const span = retention.amount && retention.unit ? `${retention.amount} ${retention.unit} after ` : 'Until ';
  const base = `${span}${humanize(retention.trigger).toLowerCase()}`;
  return !short && retention.note ? `${base}. ${retention.note}` : base;
}
