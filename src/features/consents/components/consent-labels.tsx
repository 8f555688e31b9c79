import type { ConsentAction } from '@/api/contract/consent';
import { Badge } from '@/components/ui/badge';

type ConsentState = ConsentAction | 'never_asked';

/**
 * Each state by its word, its mark and its shape, never by colour alone: granted a filled pill with a
 * tick, withdrawn a square with a cross, never asked a dashed outline with a dash.
 */
export function ConsentStateBadge({ state }: { state: ConsentState }) {
  if (state === 'granted')
    return (
      <Badge tone="success" icon="✓">
        Granted
      </Badge>
    );
  if (state === 'withdrawn')
    return (
      <Badge tone="danger" shape="square" icon="✕">
        Withdrawn
      </Badge>
    );
  return (
    <Badge shape="outline" icon="–">
      Never asked
    </Badge>
  );
}

export function ConsentActionBadge({ action }: { action: ConsentAction }) {
  return <ConsentStateBadge state={action} />;
}
