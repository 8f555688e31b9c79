import type { ConsentAction } from '@/api/contract/consent';
import { Badge } from '@/components/ui/badge';

export function ConsentActionBadge({ action }: { action: ConsentAction }) {
  return <Badge tone={action === 'granted' ? 'success' : 'neutral'}>{action === 'granted' ? 'Granted' : 'Withdrawn'}</Badge>;
}
